"""Hand-written expected values of the count and budget fixtures (tests/recognize/cases/).

Typed from the tables as a reader sees them, as integers, independently of
dev/build_count_tables.py (which holds the printed strings: 「3 8」, 「－」,
full-width digits) and of the pipeline. Each table: its column paths left to
right, then each body row's path and its values in those columns.
"""

from __future__ import annotations

DECISIONS = ("開示", "一部開示", "不開示", "却下", "取下げ", "計")

DISCLOSURE_COLUMNS = [("請求件数",)] + [("決定区分", d) for d in DECISIONS]
DISCLOSURE_ROWS = [
    (("区長",), [1284, 312, 846, 58, 3, 65, 1284]),
    (("教育委員会",), [96, 38, 47, 6, 0, 5, 96]),
    (("選挙管理委員会",), [7, 5, 2, 0, 0, 0, 7]),
    (("監査委員",), [4, 1, 3, 0, 0, 0, 4]),
    (("農業委員会",), [2, 2, 0, 0, 0, 0, 2]),
    (("合計",), [1393, 358, 898, 64, 3, 70, 1393]),
]

# notes-reportlab.pdf, table 1: the same table under 「注：表中の「－」は該当なし。」, so each 「－」 is
# nothing (None), not 0; its table 2 says 「「－」は0件を示す」 and reads as PERSONAL_ROWS
DISCLOSURE_ROWS_NOTED = [
    (("区長",), [1284, 312, 846, 58, 3, 65, 1284]),
    (("教育委員会",), [96, 38, 47, 6, None, 5, 96]),
    (("選挙管理委員会",), [7, 5, 2, None, None, None, 7]),
    (("監査委員",), [4, 1, 3, None, None, None, 4]),
    (("農業委員会",), [2, 2, None, None, None, None, 2]),
    (("合計",), [1393, 358, 898, 64, 3, 70, 1393]),
]

PERSONAL_COLUMNS = [("請求件数",), ("開示",), ("一部開示",), ("不開示",), ("取下げ",)]
PERSONAL_ROWS = [
    (("区長", "開示請求"), [412, 150, 221, 12, 29]),
    (("区長", "訂正請求"), [6, 2, 1, 3, 0]),
    (("区長", "利用停止請求"), [3, 0, 1, 2, 0]),
    (("区長", "小計"), [421, 152, 223, 17, 29]),
    (("教育委員会", "開示請求"), [57, 20, 31, 2, 4]),
    (("教育委員会", "訂正請求"), [1, 1, 0, 0, 0]),
    (("教育委員会", "利用停止請求"), [0, 0, 0, 0, 0]),
    (("教育委員会", "小計"), [58, 21, 31, 2, 4]),
    (("総計",), [479, 173, 254, 19, 33]),
]

# 予算書 style, 千円: a hand-checked sample (value as printed, in 千円)
BUDGET_COLUMNS = [("本年度予算額(A)",), ("前年度予算額(B)",), ("比較(A-B)",)]
BUDGET_SAMPLE = [
    (("議会費",), [852314, 860122, -7808]),
    (("総務費",), [5860609, 5412903, 447706]),
    (("衛生費",), [3201448, 3409990, -208542]),
    (("予備費",), [100000, 100000, 0]),
    (("歳出合計",), [38216692, 37620027, 596665]),
]


def expected(columns: list[tuple[str, ...]], rows: list[tuple[tuple[str, ...], list[int | None]]]
             ) -> dict[tuple[tuple[str, ...], tuple[str, ...]], int | None]:
    """{(row_path, col_path): value} of a table."""
    return {(path, col): v for path, values in rows for col, v in zip(columns, values, strict=True)}


# what each printed header and row label means in request_counts, typed from docs/schema.md
DECISION = {"請求件数": "requests", "開示": "full", "一部開示": "partial", "不開示": "refused", "却下": "dismissed",
            "取下げ": "withdrawn", "計": "decided"}
REQUEST_TYPE = {"開示請求": "disclosure", "訂正請求": "correction", "利用停止請求": "suspension", "小計": None}


def expected_request_counts() -> set[tuple[str, str, str | None, str, int, bool]]:
    """(system, agency, request_type, decision, value, is_total) of both tables."""
    out = set()
    for (row, col), v in expected(DISCLOSURE_COLUMNS, DISCLOSURE_ROWS).items():
        out.add(("information_disclosure", row[0], "disclosure", DECISION[col[-1]], v,
                 row[0] == "合計" or col[-1] == "計"))
    for (row, col), v in expected(PERSONAL_COLUMNS, PERSONAL_ROWS).items():
        request_type = REQUEST_TYPE[row[1]] if len(row) > 1 else None
        out.add(("personal_information", row[0], request_type, DECISION[col[-1]], v,
                 row[-1] in ("小計", "総計")))
    return out
