#!/usr/bin/env python3
"""Turn the reference report's text into the corpus ground truth.

Input: ``corpus/reference/000_1a821361b52e8a76.txt``, the text of a real
Setagaya ward PDF (報告第359号 + 報告第360号), cells tab-separated, one block per
PDF page (a list page starts at its title line).

Output, under ``corpus/ground_truth/<doc>/``:

* ``layout.json``: the pages exactly as printed (every quirk kept: 營, 勸,
  「D X」, 「こ と」, 「1 2 9」, full- and half-width parentheses). The corpus
  builder renders PDFs from this file.
* ``review_counts.csv``, ``cases_<criterion>.csv``: the values a correct
  pipeline must load, written here *independently of the pipeline*: plain
  stdlib NFKC plus the short hand-checked list ``HAND_FIXES`` below, each entry
  found by reading the reference text. The pipeline's general normalizer is
  tested against these files, so it must never be used to make them.
* ``document.json``: the front-page facts (report number, dates, publisher).

Run: ``python -m dev.build_ground_truth`` (no third-party packages needed).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "corpus" / "reference" / "000_1a821361b52e8a76.txt"
OUT = ROOT / "corpus" / "ground_truth" / "setagaya-2023-report359"

LIST_TITLE = "要配慮個人情報又は条例要配慮個人情報を含むもの"

# Hand-checked spots where the printed text is not the value a reader means.
# Found by reading the reference: spacing from Excel's distributed alignment
# inside words, and old kanji forms printed by the ward's system.
HAND_FIXES = {
    "I P K N O W L E D G E": "IPKNOWLEDGE",  # 「I P K N O W L E D G E」を運用 (online list No.18)
    "L G W A N": "LGWAN",  # 区の電子計算機と委託先事業者とをL G W A N回線結合 (online list)
    "D X": "DX",  # D X 推進担当部 D X 推進担当課
    "D V": "DV",  # D V等相談記録管理システム保守委託
    "こ と": "こと",  # 助言、指導に関するこ と及び (outsourcing 児童相談所副所長 rows)
    "營": "営",  # 運營業務委託 (3 rows)
    "勸": "勧",  # 納付勸奨 (3 rows)
}

# 報告第360号 (2) 記録されることが想定される個人情報の項目 says 「下線は要配慮個人情報」, but
# the reference text lost the underline. Which items the PDF underlines, decided by hand
# from 個人情報保護法 第2条第3項 and 施行令 第2条: 宗教 = 信条; 診断名, 既往歴 = 病歴;
# 障害者手帳の有無・等級 = 障害があること (令2条1号); 通院先 = 医師等の診療を受けたこと
# (令2条3号). The renderer draws these underlines; expected_incident.json lists them as
# sensitive_items_by_law.
UNDERLINED_ITEMS = {
    "氏名、住所、生年月日": [
        "関係機関(通院先、通所先等)",
        "宗教",
        "利用している社会資源の内容(障害者手帳の有無、等級、利用している福祉サービスの種別等)",
        "診断名(疑いを含む)",
        "既往歴",
    ],
}

# Which list a header belongs to, read off the header rows of the reference.
LIST_CRITERION = {
    "委託の内容": "outsourcing",
    "提供先": "external_provision",
    "オンライン結合・システム導入の別": "online_link",
}

SUMMARY_CAPTIONS = {
    "外部委託": "outsourcing",
    "目的外利用": "purpose_external_use",
    "外部提供": "external_provision",
    "オンライン結合": "online_link",
}

# Column order of each list as printed -> field names of the `cases` table.
LIST_FIELDS = {
    "outsourcing": ["case_no", "description", "department", "agency", "sensitive", "ordinance_sensitive"],
    "external_provision": [
        "case_no", "recipient", "purpose", "legal_basis", "department", "agency",
        "sensitive", "ordinance_sensitive",
    ],
    "online_link": [
        "case_no", "link_type", "description", "department", "agency", "sensitive",
        "ordinance_sensitive",
    ],
}
CASE_COLUMNS = [
    "criterion", "case_no", "description", "recipient", "purpose", "legal_basis", "link_type",
    "department", "department_raw", "agency", "sensitive", "ordinance_sensitive", "page_no",
]


def expected_text(raw: str) -> str:
    """The value a reader means, by NFKC and the hand-checked fixes only."""
    text = unicodedata.normalize("NFKC", raw)
    for printed, meant in HAND_FIXES.items():
        text = text.replace(printed, meant)
    return re.sub(r"\s+", " ", text).strip()


def expected_department(raw: str) -> str:
    """Department names never contain spaces; the printed ones are alignment."""
    return re.sub(r"\s+", "", expected_text(raw))


def expected_count(raw: str) -> int:
    digits = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw))
    if not digits.isdigit():
        raise ValueError(f"not a count: {raw!r}")
    return int(digits)


def expected_flag(raw: str) -> str:
    return {"有": "true", "無": "false"}[raw.strip()]


def reiwa_iso(text: str) -> str:
    """令和N年M月D日 -> ISO; the reference and its edited versions are all 令和 (2019 + N - 1)."""
    m = re.search(r"令和(\d+)年(\d+)月(\d+)日", unicodedata.normalize("NFKC", text))
    assert m, text
    return f"{2018 + int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"


def split_pages(lines: list[str]) -> list[list[str]]:
    """Blocks of the reference: front matter, one block per list page, the incident report."""
    starts = [i for i, line in enumerate(lines) if line == LIST_TITLE]
    incident = next((i for i, line in enumerate(lines) if line.startswith("報告第") and i > 10), len(lines))
    second_caption = next(i for i, line in enumerate(lines) if line.startswith("(3)"))
    bounds = [0, second_caption, *starts, incident, len(lines)]
    return [lines[a:b] for a, b in itertools.pairwise(bounds) if b > a]


def page_to_blocks(block: list[str]) -> list[dict[str, object]]:
    """Group a page's lines into text lines and tables (runs of tab-separated lines)."""
    out: list[dict[str, object]] = []
    table: list[list[str]] | None = None
    for line in block:
        if "\t" in line:
            if table is None:
                table = []
                out.append({"type": "table", "rows": table})
            table.append(line.split("\t"))
        else:
            table = None
            if line.strip():
                out.append({"type": "text", "text": line})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reference", type=Path, default=REFERENCE, help="reference text file")
    parser.add_argument("--out", type=Path, default=OUT, help="ground-truth folder to write")
    args = parser.parse_args(argv)

    lines = args.reference.read_text(encoding="utf-8").split("\n")
    blocks = split_pages(lines)
    pages: list[dict[str, object]] = []
    review_rows: list[dict[str, object]] = []
    cases: dict[str, list[dict[str, object]]] = {k: [] for k in LIST_FIELDS}
    caption = ""
    incident_text: list[str] = []

    for page_index, block in enumerate(blocks):
        if block and block[0].startswith("報告第") and pages or incident_text:
            incident_text.extend(block)
            continue
        page_no = len(pages) + 1
        page_blocks = page_to_blocks(block)
        kind = "list" if block and block[0] == LIST_TITLE else "front"
        pages.append({"page_no": page_no, "kind": kind, "blocks": page_blocks})
        for item in page_blocks:
            if item["type"] == "text":
                caption = str(item["text"])
                continue
            rows = item["rows"]
            assert isinstance(rows, list)
            header, body = rows[0], rows[1:]
            if header[0] == "実施機関":
                criterion = next(v for k, v in SUMMARY_CAPTIONS.items() if k in caption)
                item["criterion"] = criterion
                for cells in body:
                    review_rows.append({
                        "criterion": criterion,
                        "agency": cells[0],
                        "reviewed": expected_count(cells[1]),
                        "sensitive": expected_count(cells[2]),
                        "ordinance_sensitive": expected_count(cells[3]),
                        "page_no": page_no,
                    })
                continue
            criterion = LIST_CRITERION[header[1]]
            item["criterion"] = criterion
            for cells in body:
                assert len(cells) == len(LIST_FIELDS[criterion]), (page_no, cells)
                rec: dict[str, object] = {c: "" for c in CASE_COLUMNS}
                rec["criterion"] = criterion
                rec["page_no"] = page_no
                for fname, raw in zip(LIST_FIELDS[criterion], cells):
                    if fname == "case_no":
                        rec[fname] = expected_count(raw)
                    elif fname in ("sensitive", "ordinance_sensitive"):
                        rec[fname] = expected_flag(raw)
                    elif fname == "department":
                        rec["department"] = expected_department(raw)
                        rec["department_raw"] = raw
                    else:
                        rec[fname] = expected_text(raw)
                cases[criterion].append(rec)

    args.out.mkdir(parents=True, exist_ok=True)
    incident_lines = [line for line in incident_text if line.strip()]
    front = [str(b["text"]) for p in pages[:1] for b in p["blocks"] if b["type"] == "text"]  # type: ignore[index]
    underlines = {
        line: [[line.index(item), line.index(item) + len(item)] for item in items]
        for line in incident_lines
        for start, items in UNDERLINED_ITEMS.items()
        if line.startswith(start)
    }
    layout = {
        "source": str(args.reference.relative_to(ROOT)) if args.reference.is_relative_to(ROOT) else args.reference.name,
        "pages": pages,
        "appendix_text": incident_lines,
        "appendix_underlines": underlines,
    }
    (args.out / "layout.json").write_text(json.dumps(layout, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    document = {
        "title": expected_text(front[1]),
        "report_no": int(re.sub(r"\D", "", front[0])),
        "published_on": reiwa_iso(front[2]),  # 令和5年8月18日 on the front page
        "as_of": reiwa_iso(front[1]),  # 令和5年4月1日時点 in the title
        "publisher": expected_text(front[3]),
        "case_counts": {k: len(v) for k, v in cases.items()},
        "page_count_tables": len(pages),
    }
    (args.out / "document.json").write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    with (args.out / "review_counts.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(review_rows[0]))
        writer.writeheader()
        writer.writerows(review_rows)
    for criterion, rows in cases.items():
        with (args.out / f"cases_{criterion}.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=CASE_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
    print(f"wrote {args.out}: {len(pages)} table pages, {len(review_rows)} summary rows, "
          + ", ".join(f"{k}={len(v)}" for k, v in cases.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
