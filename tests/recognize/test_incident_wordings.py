"""Incident notices in other authorities' words (stop 41): types told as events, apologies, and
the never-silent rule for a notice the vocabulary cannot name.

Every text here is made up for the test (no corpus notice's sentence): short notices of the shapes
the third batch showed -- a type only described (「別の方の封筒に入れて」), a type word the list
lacked (誤投函, 置き引き, 所在を確認できない), a title that only apologizes (「…（お詫び）」).
"""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.recognize.incident import IncidentConfigError, default_vocabulary, load_vocabulary
from pipeline.recognize.incident.evidence import clean_department, dated_clauses, pick_dates
from pipeline.recognize.incident.generic import notice_to_incidents
from pipeline.recognize.incident.notice import Section
from pipeline.recognize.incident.timeline import find_dates
from pipeline.types import BBox, TextLine


def _notice(printed: list[tuple[str, int]]) -> list[TextLine]:
    """One line per (text, point size); the title printed larger."""
    return [TextLine(1, text, BBox(40, 40 + 30 * k, 40 + size * len(text), 40 + 30 * k + size))
            for k, (text, size) in enumerate(printed)]


@pytest.mark.parametrize(("text", "want"), [
    ("図書の督促はがきを誤投函しました", "誤送付"),
    ("通知書2通の封入誤りがありました", "誤送付"),
    ("申請書を、別の方の住所を書いた封筒に入れて郵送しました", "誤送付"),
    ("学童クラブの名簿を入れた手提げを置き引きされました", "盗難"),
    ("貸出記録の一部が所在を確認できない状態です", "紛失"),
    ("職員のアカウントに第三者がログインしていました", "不正アクセス"),
    ("保存期間中の台帳2冊を古紙と一緒に溶解しました", "誤廃棄"),
    ("結果票を別の事業所へファクシミリで送信しました", "誤送信"),
])
def test_a_type_told_in_other_words(text: str, want: str) -> None:
    vocab = default_vocabulary()
    assert [h[1] for h in vocab.type_hits(text)][:1] == [want]


def test_a_described_type_needs_its_words_in_one_sentence_and_a_printed_type_wins() -> None:
    vocab = default_vocabulary()
    assert vocab.type_hits("別の窓口へ回した。封筒は後日届いた") == []  # 別の … 封筒 in two sentences
    assert vocab.type_hits("保存期間を満了して廃棄する文書を回収する") == []  # the rule, not an incident
    assert vocab.type_by_priority("別の方の封筒に入れた書類の紛失") == "紛失"  # a printed type word first


def test_a_described_set_of_one_word_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "vocab.toml"
    bad.write_text('[[types]]\nname = "紛失"\nwords = ["紛失"]\ndescribed = [["見失"]]\n[counts]\nunits = [["名"]]\n',
                   encoding="utf-8")
    with pytest.raises(IncidentConfigError, match="two words or more"):
        load_vocabulary(bad)


def test_an_apology_in_the_title_names_an_incident() -> None:
    vocab = default_vocabulary()
    assert vocab.names_incident("体育館利用者名簿の取扱いについて（お詫び）")
    assert not vocab.names_incident("体育館利用者名簿の取扱いについて")


def test_an_incident_only_described_under_an_apologizing_title() -> None:
    lines = _notice([
        ("令和6年9月20日", 10), ("市民プール利用券の取扱いについて（お詫び）", 14),
        ("利用券の申込書の一部が、所在を確認できなくなっています。ご迷惑をおかけし、お詫び申し上げます。", 10),
        ("1　概要", 10),
        ("令和6年9月9日（月）に受け付けた申込書12名分（氏名、住所）を綴ったファイルが見当たらないことに、9月11日（水）、職員が気付きました。", 10),
        ("問い合わせ　スポーツ振興課", 10),
    ])
    (report,), findings = notice_to_incidents(lines, [], default_vocabulary())
    got = report.incident
    assert findings == []
    assert (got.incident_type, got.affected_count, got.discovered_on, got.department) == (
        "紛失", 12, date(2024, 9, 11), "スポーツ振興課")


def test_a_notice_in_words_the_vocabulary_lacks_is_never_silent() -> None:
    """No type word and no 漏えい or 事故: the apology with an event word still makes it a notice, so
    the empty result leaves a finding saying why."""
    lines = _notice([
        ("令和6年9月20日", 10), ("市民プール利用券の取扱いについて", 14),
        ("利用券の申込書の扱いに誤りがあったことが判明しました。関係する皆様に深くお詫び申し上げます。", 10),
    ])
    reports, findings = notice_to_incidents(lines, [], default_vocabulary())
    assert reports == []
    assert [f.kind for f in findings] == ["incident_not_assembled"]
    assert "no incident-type word" in findings[0].detail


def test_a_document_without_notice_words_leaves_no_finding() -> None:
    lines = _notice([("令和6年9月20日", 10), ("市民プールの開場時間について", 14),
                     ("9月から開場時間を午前9時からに変更しました。", 10)])
    assert notice_to_incidents(lines, [], default_vocabulary()) == ([], [])


def test_incidents_told_as_numbered_paragraphs_each_signed_by_its_department() -> None:
    """A monthly report of two incidents, one numbered paragraph each with no sub-title, each closed by
    the department in brackets; the lead-in and the closing words belong to no incident."""
    lines = _notice([
        ("令和6年11月8日", 10), ("令和6年10月の個人情報の取扱いに関する事故について", 14),
        ("10月に発生した事故は次の2件です。", 10),
        (("1．令和6年10月2日（水）、健診の案内1名分を別の方の封筒に入れて発送しました。10月4日（金）、"
          "受け取った方からの連絡で判明しました。（健康推進課）"), 10),
        ("2．令和6年10月15日（火）、窓口で預かった申請書3件（3名分）を見失いました。（東出張所）", 10),
        ("各課で手順を見直しました。", 10),
    ])
    reports, findings = notice_to_incidents(lines, [], default_vocabulary())
    assert findings == []
    got = [(r.incident.incident_type, r.incident.occurred_on, r.incident.affected_count, r.incident.department)
           for r in reports]
    assert got == [("誤送付", date(2024, 10, 2), 1, "健康推進課"), ("紛失", date(2024, 10, 15), 3, "東出張所")]
    assert "健診の案内" in (reports[0].incident.records or "")


def test_a_numbered_timeline_item_under_a_heading_is_no_incident_of_its_own() -> None:
    lines = _notice([
        ("令和6年11月8日", 10), ("健診案内の誤送付について", 14),
        ("1　経過", 10),
        ("(1)令和6年10月2日（水）、健診の案内を別の方の封筒に入れて発送しました。", 10),
        ("(2)令和6年10月4日（金）、受け取った方からの連絡で判明しました。", 10),
        ("2　対象", 10), ("1名分の氏名、住所", 10),
    ])
    reports, _ = notice_to_incidents(lines, [], default_vocabulary())
    assert [r.incident.incident_type for r in reports] == ["誤送付"]


# ------------------------------------------------------------------ dates told in other ways


def test_a_date_with_its_era_left_out_takes_the_notice_era_only_before_a_weekday() -> None:
    (m,) = find_dates("6.10.4(金)に貸出票を確認", None, date(2024, 10, 11))
    assert m.on == date(2024, 10, 4) and "era not printed" in (m.note or "")
    assert find_dates("規程6.10.4による", None, date(2024, 10, 11)) == []  # no weekday: a number, not a date
    (h,) = find_dates("H31.4.2(火)", None, date(2024, 1, 5))  # an era printed stays as printed
    assert h.on == date(2019, 4, 2)


def _dates(text: str, anchor: date) -> tuple[date | None, date | None]:
    vocab = default_vocabulary()
    sections = [Section("", "", frozenset(), text, 0, 1, None)]
    occurred, discovered, _ = pick_dates(sections, dated_clauses(sections, anchor, vocab), vocab, anchor)
    return occurred, discovered


def test_a_date_governing_the_sending_in_a_sentence_that_ends_in_the_discovery() -> None:
    assert _dates("令和6年10月1日に郵送した通知のうち、1通を別の方に送っていたことが分かりました。"
                  "10月3日に返送がありました。", date(2024, 10, 9))[0] == date(2024, 10, 1)


def test_a_sentence_naming_the_discovery_before_its_only_date() -> None:
    assert _dates("申請書を見失いました。紛失が分かったのは、件数の照合で職員が気付いた10月3日(木)です。",
                  date(2024, 10, 9))[1] == date(2024, 10, 3)


def test_a_recipient_call_dates_the_discovery_when_no_discovery_word_is_printed() -> None:
    assert _dates("令和6年10月1日、名簿を別の事業所へ送信しました。同日、受信した事業所から連絡があり、回収しました。",
                  date(2024, 10, 9)) == (date(2024, 10, 1), date(2024, 10, 1))


def test_a_date_after_the_notice_dates_no_event() -> None:
    """What the authority will do (「10月15日から順次郵送で」) is no occurrence, whatever verb it has."""
    assert _dates("令和6年10月2日、名簿が見当たらないことに気付きました。10月15日から順次、郵送でご説明します。",
                  date(2024, 10, 9)) == (None, date(2024, 10, 2))


# ------------------------------------------------------------------ departments


def test_a_department_printed_after_the_issuing_board_s_full_name() -> None:
    """The board of education is the authority, as the city is: a department printed after its full
    name is the part after it; one printed without the city's name stays as printed."""
    lines = _notice([
        ("令和6年9月20日", 10), ("仮市教育委員会", 10), ("生徒名簿の紛失について", 14),
        ("令和6年9月9日（月）、生徒30名分の名簿を紛失したことが判明しました。", 10),
        ("問合せ　仮市教育委員会生涯学習課", 10),
    ])
    (report,), _ = notice_to_incidents(lines, [], default_vocabulary(), municipality="仮市")
    assert report.incident.department == "生涯学習課"
    lines[-1] = TextLine(1, "担当　教育委員会事務局生涯学習課", lines[-1].bbox)
    (report,), _ = notice_to_incidents(lines, [], default_vocabulary(), municipality="仮市")
    assert report.incident.department == "教育委員会事務局生涯学習課"


def test_a_heading_with_its_number_glued_is_no_department() -> None:
    assert clean_department("2発生場所", None, default_vocabulary()) is None
    assert clean_department("第一事務所", None, default_vocabulary()) == "第一事務所"


def test_an_apology_for_an_erratum_is_no_incident_but_leaves_a_finding() -> None:
    """A title that only apologizes, over a text that names no personal information: an erratum."""
    lines = _notice([
        ("令和6年9月20日", 10), ("広報誌9月号の記載誤りについて（お詫び）", 14),
        (("令和6年9月1日（日）発行の広報誌で、催しの開始時刻を誤って掲載しました。9月3日に判明しました。"
         "正しくは午後2時です。ご迷惑をおかけし、お詫び申し上げます。"), 10),
    ])
    reports, findings = notice_to_incidents(lines, [], default_vocabulary())
    assert reports == []
    assert "names no personal information" in findings[0].detail


def test_unheaded_numbered_events_of_one_incident_stay_one_incident() -> None:
    """Numbered paragraphs without headings that tell one incident's steps: only the first counts what
    was sent, so the second is an event of it, not an incident of its own."""
    lines = _notice([
        ("令和6年11月8日", 10), ("健診案内の誤送付について", 14),
        ("1．令和6年10月2日（水）、健診の案内1名分を別の方の封筒に入れて発送しました。", 10),
        ("2．令和6年10月4日（金）、受け取った方からの連絡で誤送付が判明しました。", 10),
    ])
    reports, _ = notice_to_incidents(lines, [], default_vocabulary())
    assert [(r.incident.occurred_on, r.incident.discovered_on) for r in reports] == [
        (date(2024, 10, 2), date(2024, 10, 4))]
