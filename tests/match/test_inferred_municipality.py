"""A document whose municipality was not read (a scan's front page lost to show-through) but whose
department names are all one registry's: the document is that registry's municipality, as printed, in
documents.municipality too, and the ``municipality_inferred`` finding stays to say it was not read.

The list is hand-made: departments of config/departments/setagaya.toml (whose display_name is 世田谷区),
and no line on any page names a municipality."""

from __future__ import annotations

from pipeline.load.warehouse import document_rows
from pipeline.run import process_extraction
from pipeline.types import BBox, Cell, Extraction, PageInfo, Table, TextLine

HEADER = ("No", "委託の内容", "担当部課", "実施機関", "要配慮個人情報 (有/無)", "条例要配慮個人情報 (有/無)")
XS = (30, 60, 300, 420, 470, 520, 570)
DEPARTMENTS = ("世田谷総合支所地域振興課", "北沢総合支所地域振興課", "北沢総合支所保健福祉センター生活支援課")


def _row(r: int, texts: tuple[str, ...]) -> tuple[Cell, ...]:
    top = 100 + 20 * r
    return tuple(Cell(1, r, c, t, BBox(XS[c], top, XS[c + 1], top + 18), "ocr") for c, t in enumerate(texts))


def _extraction(departments: tuple[str, ...]) -> Extraction:
    rows = tuple(_row(i + 1, (str(i + 1), f"窓口業務委託{i + 1}", d, "株式会社テスト", "無", "無"))
                 for i, d in enumerate(departments))
    return Extraction(
        sha256="cd" * 32, file_name="scan.pdf", page_count=1,
        pages=(PageInfo(1, 595.28, 841.89, "ocr", "no characters"),),
        tables=(Table(1, _row(0, HEADER), rows, "(1) 外部委託"),),
        lines=(TextLine(1, "(1) 外部委託", BBox(30, 60, 200, 75)),),
    )


def _documents_municipality(result) -> str | None:  # type: ignore[no-untyped-def]
    [row] = document_rows(result)["documents"]
    return row[8]  # type: ignore[return-value]


def test_a_document_whose_registry_is_inferred_takes_its_municipality() -> None:
    result = process_extraction(_extraction(DEPARTMENTS))
    assert [f.kind for f in result.findings if f.kind.startswith("municipality_")] == ["municipality_inferred"]
    assert result.info.municipality == "世田谷区"
    assert _documents_municipality(result) == "世田谷区"
    assert [c.department_id for c in result.cases] == ["stg-001", "stg-004", "stg-005"]


def test_names_no_registry_claims_leave_the_municipality_empty() -> None:
    result = process_extraction(_extraction(("架空部架空課", "架空部想像課", "幻部夢課")))
    assert [f.kind for f in result.findings if f.kind.startswith("municipality_")] == ["municipality_unknown"]
    assert result.info.municipality is None and _documents_municipality(result) is None
