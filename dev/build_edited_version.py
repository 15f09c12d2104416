#!/usr/bin/env python3
"""Write a second, edited version of the reference report, as an earlier year's report.

Researchers compare a ward's reports year on year (the ``case_changes`` view).
To test that with known answers, this script applies the hand-written edits
below to the reference text and writes ``corpus/reference/setagaya-2021-edited.txt``:
a synthetic 令和3年 report of the same ward, NOT a real publication. The edits:

* the front page says 報告第120号, 令和3年4月1日時点, 令和3年8月20日;
* one department is printed under its former name: 「D X 推進担当部 D X 推進担当課」
  was 「政策経営部ICT推進課」 before the 2022 reorganization (the renaming is
  recorded, with its sources, in config/departments/setagaya.toml);
* two cases are absent (so they *appear* in 2023) and one case is listed that
  2023 no longer lists (so it *disappears*);
* two cases carry other 要配慮 flags (so their flags *change*);
* the summary's うち要配慮 counts are recomputed from those edits (審査件数, which
  also counts cases without sensitive data, is kept) and the lists renumbered,
  so the edited report still agrees with itself.

Then run ``python -m dev.build_ground_truth --reference … --out …`` and
``python -m dev.build_corpus`` (``make corpus`` does all three).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "corpus" / "reference" / "000_1a821361b52e8a76.txt"
TARGET = ROOT / "corpus" / "reference" / "setagaya-2021-edited.txt"

FRONT = {
    "報告第359号": "報告第120号",
    "令和5年4月1日時点": "令和3年4月1日時点",
    "令和5年8月18日": "令和3年8月20日",
}
RENAMED_DEPARTMENT = ("D X 推進担当部 D X 推進担当課", "政策経営部ICT推進課")
# (list header's second column, description or recipient cell) of cases 2021 did not list
REMOVED = [
    ("委託の内容", "多言語遠隔通訳サービス業務委託"),
    ("オンライン結合・システム導入の別", None),  # the last online case (No.57)
]
# a case 2021 listed that 2023 no longer does: appended to the outsourcing list
ADDED = ("委託の内容", ["住民税特別徴収税額通知書の作成及び封入封緘業務委託", "財務部課税課", "区長", "有", "無"])
# (list, first data cell) -> the 2021 flags (要配慮, 条例要配慮)
REFLAGGED = {
    ("委託の内容", "SKY2システムにおける維持・運用作業支援、修正作業及び外部データセンター運用作業委託"): ("有", "有"),
    ("提供先", "本人等、第三者、国又は地方公共団体、弁護士等"): ("有", "有"),
}
SUMMARY_CAPTION = {"外部委託": "委託の内容", "目的外利用": None, "外部提供": "提供先", "オンライン結合": "オンライン結合・システム導入の別"}


def spread_like(old: str, value: int) -> str:
    """Print a recomputed count the way the old cell was printed (spread digits stay spread)."""
    return " ".join(str(value)) if " " in old.strip() else str(value)


def edit(lines: list[str]) -> list[str]:
    lines = lines[: next(i for i, line in enumerate(lines) if line.startswith("報告第360号"))]
    out: list[str] = []
    current_list = None
    last_online = max(i for i, line in enumerate(lines) if line.startswith(("57\tシステム導入", "57\tオンライン結合")))
    for i, line in enumerate(lines):
        for old, new in FRONT.items():
            line = line.replace(old, new)
        cells = line.split("\t")
        if cells[0] == "No":
            current_list = cells[1]
        elif current_list and len(cells) >= 6 and cells[0].strip().isdigit():
            if any(current_list == lst and (text is None and i == last_online or cells[1] == text)
                   for lst, text in REMOVED):
                continue
            if (current_list, cells[1]) in REFLAGGED:
                cells[-2], cells[-1] = REFLAGGED[(current_list, cells[1])]
            cells = [RENAMED_DEPARTMENT[1] if c == RENAMED_DEPARTMENT[0] else c for c in cells]
            line = "\t".join(cells)
        out.append(line)
    # append the added case after the last outsourcing row
    last_outsourcing = max(i for i, line in enumerate(out) if re.match(r"^\d+\t", line) and _list_of(out, i) == ADDED[0])
    out.insert(last_outsourcing + 1, "\t".join(["0", *ADDED[1]]))
    return renumber_and_recount(out)


def _list_of(lines: list[str], index: int) -> str | None:
    for j in range(index, -1, -1):
        cells = lines[j].split("\t")
        if cells[0] == "No":
            return cells[1]
    return None


def renumber_and_recount(lines: list[str]) -> list[str]:
    counters: dict[str, int] = {}
    flags: dict[tuple[str, str, int], int] = {}
    for i, line in enumerate(lines):
        cells = line.split("\t")
        if re.match(r"^\d+$", cells[0]) and len(cells) >= 6:
            lst = _list_of(lines, i)
            assert lst is not None
            counters[lst] = counters.get(lst, 0) + 1
            cells[0] = str(counters[lst])
            agency = cells[-3]
            for k, flag in enumerate(cells[-2:]):
                flags[(lst, agency, k)] = flags.get((lst, agency, k), 0) + (flag == "有")
            lines[i] = "\t".join(cells)
    caption_list = None
    totals: list[int] = [0, 0, 0]
    for i, line in enumerate(lines):
        for word, lst in SUMMARY_CAPTION.items():
            if word in line and "審査基準" in line:
                caption_list, totals = lst, [0, 0, 0]
        cells = line.split("\t")
        if len(cells) == 4 and cells[0] not in ("実施機関",) and caption_list:
            agency = cells[0]
            if agency == "合計":
                cells[1:] = [spread_like(old, v) for old, v in zip(cells[1:], totals)]
            else:
                reviewed = int(cells[1].replace(" ", ""))  # 審査件数 counts unlisted cases too: kept
                values = [reviewed, flags.get((caption_list, agency, 0), 0), flags.get((caption_list, agency, 1), 0)]
                totals = [t + v for t, v in zip(totals, values)]
                cells[1:] = [spread_like(old, v) for old, v in zip(cells[1:], values)]
            lines[i] = "\t".join(cells)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=SOURCE, help="reference text to edit")
    parser.add_argument("--out", type=Path, default=TARGET, help="edited text to write")
    args = parser.parse_args(argv)
    lines = args.source.read_text(encoding="utf-8").split("\n")
    args.out.write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
