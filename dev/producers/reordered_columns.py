"""The reordered style: each list printed in another office's column order, under its headings, with a 備考 column.

Every office prints the same three lists (外部委託, 外部提供, オンライン結合) with its own sheet: the columns in its
own order, its own words over them, and often a 備考 (remarks) column the report's source does not have. The
extractor must find a list's fields by what their headings say, not by where they stand, and leave a column it
does not know aside. So each file of this style draws, by ``random.Random(f"2060 {variant.name}")`` (``layout``):

* one of ``ORDERS``, the order of the columns' roles (No. always first; 実施機関 before 担当部課, the long text
  before 実施機関, the flags before 実施機関 …), the same in the file's three lists, as one office prints them;
* one of ``WORDINGS``, an office's headings for some columns (担当部課 → 所管課, 委託の内容 → 委託業務の内容,
  要配慮個人情報 (有/無) → 要配慮個人情報の有無, 実施機関 → 実施機関名 …); a heading it does not name stays;
* where the 備考 column stands (``PLACES``: at the right end, or just before the two flags); and, per list, a
  short remark on about a quarter of the rows (``REMARKS``: 継続, 新規, 令和５年度から …), empty elsewhere.

The remarks are no fact of the ground truth (the manifest's note says so); every fact is printed once, in its
own column under another heading, so the ground truth is grid's. A full grid; the summaries as grid's.

The drawing is every producer's own: ``reorder`` (called by ``renderer`` before any producer draws) turns each
list's :class:`~dev.producers.model.Table` into another plain Table, the columns permuted, renamed and the 備考
column added, which every producer draws as it draws any list. ``model.Style.reordered`` is allowed on a plain
grid only (``check_reordered``).

Where the wordings were seen (public pages; wordings only, no sentence taken):
  所管課, 担当課: 八頭町個人情報の保護に関する事務取扱要綱 (https://public.joureikun.jp/yazu_town/reiki/act/110001487.html)
  主務課: 守山市個人情報事務取扱要領 (https://www2.city.moriyama.lg.jp/reiki_int/reiki_honbun/i400RG00001159.html)
  委託する業務の内容, 業務を所管する課: 杉並区 外部委託契約仕様書の特記ガイドライン
      (https://lawinsider.com/ja/contracts/iL7hkHdLmhU)
  委託事務の内容: 大阪府個人情報取扱事務委託基準 (https://www.pref.osaka.lg.jp/johokokai/jigyo2/itakukijyun.html)
  事務の概要, 目的外の利用又は提供の根拠: 蔵王町個人情報取得事務記録簿記載要領
      (https://town.zao.miyagi.jp/reiki_int/reiki_honbun/i800RG00000525.html)
  番号, 提供先, 類型, システムの名称: 三重県 オンライン結合による提供の制限の適用除外事項
      (https://www-pref-mie-lg-jp.cache.yimg.jp/KOUKAI/33607024306.htm)
  実施機関名 (評価実施機関名): 札幌市 特定個人情報保護評価書 (https://pdfslide.net/documents/cfeeiecei-oe211oe24.html)
  要配慮個人情報が含まれるとき, 利用目的, 提供先: 個人情報ファイル簿の記載事項
      (https://www.union.hiroshima-water.lg.jp/file/section/content/kojinjoho.html)
  担当課 (報告事項, 情報提供): 羽村市個人情報保護審議会 会議録 (https://www.city.hamura.tokyo.jp/0000006908.html)
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from .sidebyside import check_plain_grid_flag

SEED = 2060
ROLES = ("no", "text", "dept", "agency", "flags")  # the grid's order: No., the long text(s), 担当部課, 実施機関, flags
# the offices' orders of the roles: No. first; none is the grid's
ORDERS = (
    ("no", "agency", "dept", "text", "flags"),  # 実施機関, 担当部課 first, as a ledger sorted by agency prints
    ("no", "dept", "text", "agency", "flags"),  # the department first, the agency after the text
    ("no", "text", "dept", "flags", "agency"),  # the flags before 実施機関
    ("no", "dept", "agency", "text", "flags"),  # who, then what
    ("no", "agency", "text", "flags", "dept"),  # the department last, as where it is the contact
)
PLACES = ("end", "before flags")  # where the 備考 column stands
REMARK_HEADING = "備考"
REMARKS = ("継続", "新規", "令和５年度から", "契約変更", "再委託あり", "委託先変更", "年度途中から", "令和６年３月まで")
REMARK_SHARE = 0.25  # about a quarter of a list's rows carry a remark
DEPARTMENT, AGENCY = "担当部課", "実施機関"
# the No. column's least weight (model.column_weights' unit, characters): the 備考 column takes its share of the page,
# and without it a narrow sheet (Gnumeric's portrait) wraps the numbers 100-319 over two lines in the three-character
# No. column ("10" over "0"), which no office prints; it widens its No. column instead
NO_WEIGHT = 4.0
# an office's headings (grid's heading -> its own); a heading a set does not name is printed as grid's
WORDINGS: tuple[dict[str, str], ...] = (
    {"No": "番号", "委託の内容": "委託業務の内容", "担当部課": "所管課", "実施機関": "実施機関名",
     "要配慮個人情報 (有/無)": "要配慮個人情報の有無", "条例要配慮個人情報 (有/無)": "条例要配慮個人情報の有無",
     "提供先での利用目的": "利用目的", "該当条項": "根拠条項",
     "オンライン結合・システム導入の別": "区分", "オンライン結合・システム導入の内容": "結合・導入の内容"},
    {"No": "No.", "委託の内容": "委託する業務の内容", "担当部課": "担当課",
     "要配慮個人情報 (有/無)": "要配慮個人情報を含む", "条例要配慮個人情報 (有/無)": "条例要配慮個人情報を含む",
     "提供先": "提供先名", "提供先での利用目的": "提供先における利用目的", "該当条項": "該当条文",
     "オンライン結合・システム導入の別": "種別"},
    {"委託の内容": "業務の概要", "担当部課": "所管部課", "実施機関": "実施機関名",
     "要配慮個人情報 (有/無)": "要配慮個人情報", "条例要配慮個人情報 (有/無)": "条例要配慮個人情報",
     "提供先": "提供を受ける者", "提供先での利用目的": "提供の目的", "該当条項": "根拠規定",
     "オンライン結合・システム導入の別": "結合・導入の別", "オンライン結合・システム導入の内容": "概要"},
    {"No": "項番", "委託の内容": "委託事務の内容", "担当部課": "主務課",
     "要配慮個人情報 (有/無)": "要配慮個人情報 有・無", "条例要配慮個人情報 (有/無)": "条例要配慮個人情報 有・無",
     "提供先での利用目的": "利用目的", "該当条項": "根拠条項",
     "オンライン結合・システム導入の別": "類型", "オンライン結合・システム導入の内容": "システムの概要"},
)


def check_reordered(style) -> None:  # type: ignore[no-untyped-def]
    """False everywhere; True on a plain grid only (every other field of the style at its default)."""
    check_plain_grid_flag(style, "reordered", "a list's columns in another order, other headings and a 備考 column")


@dataclass(frozen=True)
class Layout:
    """One file's sheet: the roles' order (one of ORDERS), its wording set (an index of WORDINGS), where 備考 stands."""

    order: tuple[str, ...]
    wording: int
    place: str


def layout(variant) -> Layout:  # type: ignore[no-untyped-def]
    """The file's order, wording and 備考 place, drawn by its name in that order."""
    rng = random.Random(f"{SEED} {variant.name}")
    return Layout(rng.choice(ORDERS), rng.randrange(len(WORDINGS)), rng.choice(PLACES))


def roles(header: tuple[str, ...], body: tuple[tuple[str, ...], ...]) -> dict[str, list[int]]:
    """Each role's columns, left to right: No. the first, 担当部課 and 実施機関 by their headings, the flags the columns
    of 有/無 alone, the long text every other (提供先, 利用目的 and 該当条項 keep their order among themselves)."""
    from .model import FLAG_WORDS

    out: dict[str, list[int]] = {role: [] for role in ROLES}
    for c, head in enumerate(header):
        if c == 0:
            out["no"].append(c)
        elif head == DEPARTMENT:
            out["dept"].append(c)
        elif head == AGENCY:
            out["agency"].append(c)
        elif body and all(r[c] in FLAG_WORDS for r in body):
            out["flags"].append(c)
        else:
            out["text"].append(c)
    return out


def permutation(header: tuple[str, ...], body: tuple[tuple[str, ...], ...], order: tuple[str, ...]) -> list[int]:
    """The grid's columns in the order ``order`` gives their roles: the new table's column i is the grid's [i]."""
    found = roles(header, body)
    return [c for role in order for c in found[role]]


def widen_no(weights: tuple[float, ...]) -> tuple[float, ...]:
    """A reordered list's column weights (``model.plan_table``'s): the No. column, the first, at least NO_WEIGHT."""
    return (max(weights[0], NO_WEIGHT), *weights[1:])


def remarks(variant, criterion: str, rows: int) -> list[str]:  # type: ignore[no-untyped-def]
    """A list's 備考 cells, one per body row: a remark on about REMARK_SHARE of them, drawn by the file's name and
    the list's criterion; "" elsewhere."""
    rng = random.Random(f"{SEED} {variant.name} {criterion}")
    return [rng.choice(REMARKS) if rng.random() < REMARK_SHARE else "" for _ in range(rows)]


def reordered_rows(rows: tuple[tuple[str, ...], ...], sheet: Layout, notes: list[str]) -> tuple[tuple[str, ...], ...]:
    """A list's rows (header first) as ``sheet`` prints them: its columns permuted, the header in its wording, the
    備考 column (header REMARK_HEADING, body ``notes``) at the end or just before the first flag column."""
    header, body = rows[0], rows[1:]
    order = permutation(header, body, sheet.order)
    flags = roles(header, body)["flags"]
    at = len(order) if sheet.place == "end" or not flags else order.index(flags[0])
    words = WORDINGS[sheet.wording]
    head = [words.get(header[c], header[c]) for c in order]
    out = [tuple(head[:at] + [REMARK_HEADING] + head[at:])]
    for row, note in zip(body, notes, strict=True):
        cells = [row[c] for c in order]
        out.append(tuple(cells[:at] + [note] + cells[at:]))
    return tuple(out)


def reorder(doc, variant):  # type: ignore[no-untyped-def]
    """``doc`` with every list drawn as the file's office prints it (under the reordered style; ``doc`` as it is
    under every other)."""
    if not variant.style.reordered:
        return doc
    sheet = layout(variant)
    lists = []
    for item in doc.lists:
        rows = item.table.rows
        notes = remarks(variant, item.table.criterion, len(rows) - 1)
        lists.append(replace(item, table=replace(item.table, rows=reordered_rows(rows, sheet, notes))))
    return replace(doc, lists=tuple(lists))
