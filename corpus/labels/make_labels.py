#!/usr/bin/env python3
"""Write the labelled sets for the match stage: departments.tsv and description_pairs.tsv.

Every label comes from the construction, never from the matcher:

* departments.tsv: each of the 59 distinct 担当部課 of 報告第359号 (the hand-checked
  ground truth CSVs) is the correct answer for itself and for the damaged copies
  made from it by the hand-chosen perturbations below (spaces, a dropped dakuten,
  一 for ー, a missing character, a look-alike kanji, an unreadable 砧, full-width
  letters, a dropped ・). ``NEW_DEPARTMENTS`` are department names that are not
  in this report (mostly from council committee rosters; see the list), labelled
  ``new`` because the registry has no entry for them; damaged copies of those are
  ``new`` too.
* description_pairs.tsv: ``same`` pairs are (a) the same text listed twice in one
  scope (mostly by the five branch offices), (b) a description and a copy changed
  by one or two hand-chosen perturbations (全角/半角, （１）/(1), カ月/か月, 月児/月時,
  營/営, 封かん/封緘, spaces, a dropped character, 一 for ー, a dropped dakuten, a
  next-year rewording), (c) ``HAND_SAME``, pairs the report itself shows. ``different``
  pairs are two distinct rows of the same department and criterion (the report
  lists them as separate cases), each row with its most similar other row so they
  are hard, plus the same pairs with one side perturbed. Rows whose texts are equal
  after NFKC and space removal are never used as ``different``.

Run: ``.venv/bin/python corpus/labels/make_labels.py`` (rewrites both files).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

from rapidfuzz import fuzz

HERE = Path(__file__).resolve().parent
GT = HERE.parent / "ground_truth" / "setagaya-2023-report359"
CRITERIA = ("outsourcing", "external_provision", "online_link")
BRANCHES = ("世田谷", "北沢", "玉川", "砧", "烏山")

# Department names the report does not list, hence not in the registry (label "new"):
# those under 政策経営部, 総務部総務課, 財務部経理課, 施設営繕担当部 and 庁舎整備担当部 are on
# council committee rosters (企画総務常任委員会 2021-02-08, DX推進・公共施設整備等特別委員会
# 2022-11-14); the branch-office ones follow the ward's branch structure (区民課, 街づくり課,
# 保健福祉課, 子ども家庭支援課); the rest are plausible names of the same shape, not checked
# against the ward's organisation chart. Whether each exists does not matter for the label:
# none is a registry entry.
NEW_DEPARTMENTS = [
    "政策経営部政策企画課",
    "政策経営部ICT推進課",
    "政策経営部経営改革・官民連携担当課",
    "総務部総務課",
    "財務部経理課",
    "財政担当部財政課",
    "施設営繕担当部施設営繕第一課",
    "施設営繕担当部施設営繕第二課",
    "庁舎整備担当部庁舎管理担当課",
    "庁舎整備担当部庁舎建設担当課",
    "世田谷総合支所区民課",
    "北沢総合支所区民課",
    "玉川総合支所街づくり課",
    "砧総合支所街づくり課",
    "烏山総合支所区民課",
    "世田谷総合支所保健福祉センター保健福祉課",
    "北沢総合支所保健福祉センター子ども家庭支援課",
    "玉川総合支所保健福祉センター保健福祉課",
    "砧総合支所保健福祉センター子ども家庭支援課",
    "烏山総合支所保健福祉センター保健福祉課",
    "保育部保育課",
    "教育委員会事務局教育総務課",
    "教育委員会事務局生涯学習課",
    "選挙管理委員会事務局",
    "区議会事務局",
    "保健福祉政策部保健福祉政策課",
    "地域行政部地域行政課",
    "生活文化政策部文化・芸術振興課",
    "みどり33推進担当部公園緑地課",
    "児童相談所",
]

# look-alike kanji OCR confuses, tried in this order; the first one present is used
LOOKALIKE = {"烏": "鳥", "推": "椎", "援": "授", "健": "徤", "課": "諜", "部": "都", "福": "副"}
SMALL_DAKUTEN = str.maketrans({"づ": "つ", "ズ": "ス", "ポ": "ホ", "ド": "ト", "ジ": "シ", "ビ": "ヒ"})
# what an OCR engine without 砧 in its character set may print instead
UNREADABLE_KINUTA = ["", "石占", "祐", "〓"]


def read_cases() -> list[dict[str, str]]:
    rows = []
    for crit in CRITERIA:
        with open(GT / f"cases_{crit}.csv", encoding="utf-8") as fh:
            rows += list(csv.DictReader(fh))
    return rows


def nfkc_fold(s: str) -> str:
    """Only to avoid labelling a pair 'different' when the texts are the same string."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


# ------------------------------------------------------------------ departments


def spaced(s: str) -> str:
    return " ".join(s)  # Excel's distributed alignment: 「世 田 谷 総 合 支 所 …」


def drop_middle_of_section(s: str) -> str:
    # the character in the middle of the last three characters before 課/所長/…
    i = max(1, len(s) - 3)
    return s[:i] + s[i + 1 :]


def drop_bureau_suffix(s: str) -> str | None:
    m = re.match(r"(.+?部)(.+)", s)
    return m.group(1)[:-1] + m.group(2) if m else None


def department_rows() -> list[tuple[str, str, str]]:
    names: list[str] = []
    for row in read_cases():
        if row["department"] not in names:
            names.append(row["department"])
    out: list[tuple[str, str, str]] = []
    for name in names:
        out.append((name, name, "as printed"))
        out.append((spaced(name), name, "spaces between characters"))
        out.append(
            (name.replace("総合支所", "総合支所 ").replace("部", "部 ", 1), name, "space between parts")
        )
        out.append((drop_middle_of_section(name), name, "missing character"))
        if name.translate(SMALL_DAKUTEN) != name:
            out.append((name.translate(SMALL_DAKUTEN), name, "dropped dakuten"))
        if "ー" in name:
            out.append((name.replace("ー", "一"), name, "一 for ー"))
        if "・" in name:
            out.append((name.replace("・", ""), name, "dropped ・"))
        if "DX" in name:
            out.append((name.replace("DX", "ＤＸ"), name, "full-width letters"))
        dropped = drop_bureau_suffix(name)
        if dropped and len(name) >= 9:
            out.append((dropped, name, "missing 部"))
        for a, b in LOOKALIKE.items():
            if a in name:
                out.append((name.replace(a, b, 1), name, f"look-alike {b} for {a}"))
                break
        if name.startswith("砧"):
            for garbage in UNREADABLE_KINUTA:
                out.append((garbage + name[1:], name, f"unreadable 砧 read as {garbage!r}"))
    for name in NEW_DEPARTMENTS:
        out.append((name, "new", "department not in the report"))
        out.append((spaced(name), "new", "not in the report, spaced"))
        out.append((drop_middle_of_section(name), "new", "not in the report, missing character"))
    return mark_collisions(out)


def mark_collisions(rows: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """A damaged string that two constructions produce from different names (財務部課税課 and
    財務部納税課 both lose their middle character as 財務部税課) carries no answer: its label is
    ``ambiguous``, whose right outcome is review, once, in place of the contradicting rows."""
    meanings: dict[str, list[str]] = {}
    for raw, expected, _ in rows:
        meanings.setdefault(raw, [])
        if expected not in meanings[raw]:
            meanings[raw].append(expected)
    out: list[tuple[str, str, str]] = []
    done: set[str] = set()
    for raw, expected, how in rows:
        if len(meanings[raw]) == 1:
            out.append((raw, expected, how))
        elif raw not in done:
            done.add(raw)
            out.append((raw, "ambiguous", "one string made from " + " and ".join(meanings[raw])))
    return out


# ------------------------------------------------------------------ description pairs


def scope(department: str) -> str:
    for b in BRANCHES:
        if department.startswith(b + "総合支所"):
            return department[len(b) + 4 :]
    m = re.match(r".+?(?:部|局|保健所|相談所)", department)
    return m.group(0) if m else department


REWORDINGS = [
    ("を委託する。", "を委託している。"),
    ("業務委託", "業務の委託"),
    ("を行う。", "を実施する。"),
    ("実施委託", "の実施委託"),
    ("委託", "業務委託"),
]


def to_fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def perturbations(s: str) -> list[tuple[str, str]]:
    """(perturbed text, how): hand-chosen edits that do not change the task."""
    out = []
    if re.search(r"[!-~]", s):
        out.append((to_fullwidth(s), "全角 for 半角"))
    if "か月" in s:
        out.append((s.replace("か月", "カ月"), "カ月 for か月"))
    if "カ月時" in s:
        out.append((s.replace("カ月時", "か月児"), "か月児 for カ月時"))
    if "営" in s:
        out.append((s.replace("営", "營"), "營 for 営"))
    if "勧" in s:
        out.append((s.replace("勧", "勸"), "勸 for 勧"))
    if "封緘" in s:
        out.append((s.replace("封緘", "封かん"), "封かん for 封緘"))
    if "ー" in s:
        out.append((s.replace("ー", "一"), "一 for ー"))
    if s.translate(SMALL_DAKUTEN) != s:
        out.append((s.translate(SMALL_DAKUTEN), "dropped dakuten"))
    if len(s) >= 20:
        i = len(s) // 3
        if not s[i].isdigit():
            out.append((s[:i] + s[i + 1 :], "missing character"))
    if len(s) >= 8:
        out.append((s[: len(s) // 2] + " " + s[len(s) // 2 :], "space inside"))
    for old, new in REWORDINGS:
        if old in s:
            out.append((s.replace(old, new, 1), f"rewording {old}→{new}"))
            break
    return out


# Hand-picked pairs the report itself shows to be one task, written differently.
HAND_SAME = [
    (
        "outsourcing",
        "保健福祉センター健康づくり課",
        (
            "母子保健に関する各種健診情報【乳児(6~7か月児及び9~10か月児)健診、1歳6か月児内科健診、"
            "2歳6カ月時歯科健診、妊婦健診(1回目、2回目及びそれ以降、妊婦子宮頸がん検査、妊婦超音波検査)】"
        ),
        (
            "母子保健に関する各種健診情報【乳児(6~7か月児及び9~10か月児)健診、1歳6か月児内科健診、"
            "2歳6か月時歯科健診、妊婦健診(1回目、2回目及びそれ以降、妊婦子宮頸がん検査、妊婦超音波検査)】"
        ),
        "世田谷 (No.10) vs 玉川 (No.29): カ月/か月",
    ),
    (
        "external_provision",
        "保健福祉センター健康づくり課",
        "警察署 刑事訴訟法第197条第2項に基づく捜査に必要な取調べ",
        "警察署 刑事訴訟法第１９７条第２項に基づく捜査に必要な取調べ",
        "半角/全角 digits",
    ),
]


def pair_rows() -> list[tuple[str, str, str, str, str, str, str]]:
    rows = read_cases()
    by_scope: dict[tuple[str, str], list[str]] = {}
    by_department: dict[tuple[str, str, str], list[str]] = {}
    for r in rows:
        text = r["description"] or f"{r['recipient']} {r['purpose']}"
        by_scope.setdefault((r["criterion"], scope(r["department"])), []).append(text)
        by_department.setdefault((r["criterion"], scope(r["department"]), r["department"]), []).append(text)
    out = []
    seen = set()

    def add(crit: str, sc: str, a: str, b: str, label: str, how: str) -> None:
        if (crit, sc, a, b) in seen or (crit, sc, b, a) in seen:
            return
        seen.add((crit, sc, a, b))
        out.append((crit, sc, a, sc, b, label, how))

    for crit, sc, a, b, how in HAND_SAME:
        add(crit, sc, a, b, "same", how)
    for (crit, sc), texts in sorted(by_scope.items()):
        distinct = list(dict.fromkeys(texts))
        # (a) the same text listed more than once in this scope (mostly the branch offices)
        for t in distinct:
            if texts.count(t) > 1:
                add(crit, sc, t, t, "same", "same text listed twice in one scope")
        # (b) one or two perturbations each, rotating through what applies
        for i, t in enumerate(distinct):
            ps = perturbations(t)
            for p, how in ps[i % len(ps) :][:2] if ps else []:
                add(crit, sc, t, p, "same", how)
    # different: each row and its most similar other row of the same department
    for (crit, sc, _dep), texts in sorted(by_department.items()):
        distinct = list(dict.fromkeys(texts))
        for i, t in enumerate(distinct):
            others = [u for u in distinct if nfkc_fold(u) != nfkc_fold(t)]
            if not others:
                continue
            u = max(others, key=lambda x: (fuzz.ratio(t, x), x))
            add(crit, sc, t, u, "different", f"two rows of one department (ratio {fuzz.ratio(t, u):.0f})")
            ps = perturbations(u)
            if ps and fuzz.ratio(t, u) >= 70:
                p, how = ps[i % len(ps)]
                add(crit, sc, t, p, "different", f"two rows of one department, one with {how}")
    return out


HEADER_DEPARTMENTS = """\
# Labelled department strings for the match stage (see corpus/labels/make_labels.py).
# raw: the string as a report or OCR might give it; expected: the registry name it means,
# "new" when the registry has no entry for it, or "ambiguous" when the construction made
# the same string from two names (the right outcome is then review); how: the construction.
# Labels come from the construction, never from the matcher.
"""

HEADER_PAIRS = """\
# Labelled description pairs for case families (see corpus/labels/make_labels.py).
# Both sides share criterion and scope (the department's bureau, or for a branch office
# the part after the branch). label: same (one task) / different (two tasks, listed as
# separate rows by the report). Labels come from the construction, never from the matcher.
"""


def main() -> None:
    with open(HERE / "departments.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER_DEPARTMENTS)
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["raw", "expected", "how"])
        w.writerows(dict.fromkeys(department_rows()))
    with open(HERE / "description_pairs.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER_PAIRS)
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["criterion", "scope_a", "description_a", "scope_b", "description_b", "label", "how"])
        w.writerows(pair_rows())


if __name__ == "__main__":
    main()
