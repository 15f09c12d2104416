"""A static HTML report of the warehouse that works offline: no CDN, no server, no JavaScript.

``build_report`` writes ``index.html`` (every document), ``doc-<doc_id>.html``
per document (what landed, the checks, charts, year-on-year changes, the
review list, corrections and every case), ``charts/*.svg`` (matplotlib, IPAex
font) and ``crops/<doc_id>/*.png``: each case links to the crop of its row on
the PDF page, the PDF found by sha256 among the folders given as ``pdf_dirs``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import duckdb

from pipeline.outputs.charts import CRITERION_LABELS, Bar, bars_chart, department_bars
from pipeline.outputs.cite import CiteError, Renderer, find_pdfs_by_sha256, save_png
from pipeline.outputs.export import open_warehouse, output_folder

log = logging.getLogger(__name__)

CRITERIA = tuple(CRITERION_LABELS)
CSS = """
body{font-family:"IPAexGothic","IPAGothic","Noto Sans CJK JP",sans-serif;margin:1.5em auto;max-width:72em;
 color:#222;line-height:1.45;padding:0 1em}
table{border-collapse:collapse;margin:.5em 0 1.2em;font-size:.9em}
th,td{border:1px solid #ccc;padding:.2em .45em;vertical-align:top;text-align:left}
th{background:#f2f2f2;white-space:nowrap} .dept{display:inline-block;min-width:13em}
tr.below td{border-top:none;padding-bottom:.6em} td{min-width:2.5em} td.n{text-align:right} .fail{background:#fde2e2} .pass{color:#2a7d2a}
.failtxt{color:#b00020;font-weight:bold} .corrected{background:#fff6d5} .muted{color:#777}
img.crop{max-width:100%;border:1px solid #bbb;display:block;margin:.2em 0}
img.chart{max-width:100%} summary{cursor:pointer;color:#4e79a7} nav a{margin-right:1em} h2{border-bottom:2px solid #4e79a7;padding-bottom:.1em}
"""

NAV = ('<nav><a href="index.html">← all documents</a><a href="#landed">landed</a><a href="#checks">checks</a>'
       '<a href="#charts">charts</a><a href="#changes">year on year</a><a href="#review">review</a>'
       '<a href="#cases">cases</a></nav>')


@dataclass(frozen=True)
class ReportResult:
    index: Path
    pages: dict[str, Path]  # doc_id -> its page
    charts: tuple[Path, ...]
    crops: int
    missing_pdfs: tuple[str, ...]  # file names of documents whose PDF was not among pdf_dirs
    notes: tuple[str, ...] = field(default=())


def _e(v: Any) -> str:
    if v is None:
        return '<span class="muted">–</span>'
    if isinstance(v, bool):
        return "有" if v else "無"
    if isinstance(v, float):
        return f"{v:.2f}"
    return escape(str(v))


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>\n{body}\n</body></html>\n")


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], classes: Sequence[str] | None = None,
           below: Sequence[str] | None = None) -> str:
    """Rows of already-escaped HTML cells; ``below[i]``, when not empty, spans a row under row i."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    for i, row in enumerate(rows):
        cls = f' class="{classes[i]}"' if classes and classes[i] else ""
        body.append(f"<tr{cls}>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>")
        if below and below[i]:
            body.append(f'<tr class="below"><td colspan="{len(row)}">{below[i]}</td></tr>')
    thead = f"<thead><tr>{head}</tr></thead>" if any(headers) else ""
    return f"<table>{thead}<tbody>{''.join(body)}</tbody></table>"


def _dicts(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _has_column(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    return column in con.sql(f"SELECT * FROM {table} LIMIT 0").columns


def _label(criterion: str | None) -> str:
    return CRITERION_LABELS.get(criterion or "", criterion or "")


# ------------------------------------------------------------------ citations


class Crops:
    """Crop every case row of one document to ``crops/<doc_id>/<criterion>-<no>.png``."""

    def __init__(self, out: Path, doc_id: str, pdf: Path | None, dpi: int):
        self.out, self.doc_id, self.pdf, self.dpi = out, doc_id, pdf, dpi
        self.made: dict[tuple[str, int], str] = {}  # (criterion, case_no) -> href
        self.pages: dict[int, str] = {}

    def make(self, cases: Sequence[dict[str, Any]], pages: Sequence[int] = ()) -> None:
        if self.pdf is None:
            return
        folder = self.out / "crops" / self.doc_id
        folder.mkdir(parents=True, exist_ok=True)
        try:
            with Renderer(self.pdf, dpi=self.dpi, name=self.pdf.name) as renderer:
                for c in sorted(cases, key=lambda c: (c["page_no"] or 0, c["criterion"], c["case_no"])):
                    key = (c["criterion"], c["case_no"])
                    if key in self.made or not c["page_no"] or not c["bbox"]:
                        continue
                    name = f"{c['criterion']}-{c['case_no']}.png"
                    save_png(renderer.crop(c["page_no"], c["bbox"]), folder / name)
                    self.made[key] = f"crops/{self.doc_id}/{name}"
                for page_no in sorted(set(pages)):
                    name = f"page-{page_no}.png"
                    save_png(renderer.crop(page_no), folder / name)
                    self.pages[page_no] = f"crops/{self.doc_id}/{name}"
        except CiteError as exc:
            log.warning("%s: citations incomplete: %s", self.doc_id, exc)

    def link(self, criterion: str | None, case_no: int | None, page_no: int | None) -> str:
        href = self.made.get((criterion or "", case_no or 0)) or self.pages.get(page_no or 0)
        text = f"p.{page_no}" if page_no else "–"
        return f'<a href="{escape(href)}">{text}</a>' if href else _e(text)

    def img(self, criterion: str | None, case_no: int | None, page_no: int | None = None) -> str:
        href = self.made.get((criterion or "", case_no or 0))
        if not href:
            return ""
        alt = f"{_label(criterion)} No.{case_no}, p.{page_no} as printed"
        return f'<img class="crop" src="{escape(href)}" alt="{escape(alt)}">'


# ------------------------------------------------------------------ sections


def _landed(con: duckdb.DuckDBPyConnection, doc_id: str, has_corr: bool) -> str:
    pages = _dicts(con, "SELECT source, reason, count(*) n, min(page_no) first, avg(ocr_confidence) conf "
                        "FROM pages WHERE doc_id = ? GROUP BY ALL ORDER BY first", [doc_id])
    corr = "count(*) FILTER (WHERE corrected)" if has_corr else "0"
    crit = _dicts(con, f"SELECT criterion, count(*) n, count(*) FILTER (WHERE sensitive) s, "
                       f"count(*) FILTER (WHERE ordinance_sensitive) o, "
                       f"count(*) FILTER (WHERE source = 'ocr') ocr, {corr} corrected "
                       f"FROM cases WHERE doc_id = ? GROUP BY ALL", [doc_id])
    crit.sort(key=lambda r: CRITERIA.index(r["criterion"]) if r["criterion"] in CRITERIA else 99)
    counts = _dicts(con, "SELECT criterion, agency, reviewed, sensitive, ordinance_sensitive, page_no "
                         "FROM review_counts WHERE doc_id = ?", [doc_id])
    out = ["<h2 id=\"landed\">What landed</h2><h3>Pages by source</h3>",
           _table(["source", "why", "pages", "first page", "mean OCR confidence"],
                  [[_e(p["source"]), _e(p["reason"]), _e(p["n"]), _e(p["first"]), _e(p["conf"])] for p in pages]),
           "<h3>Cases per criterion</h3>",
           "<p>No case lists in this document.</p>" if not crit else _table(["criterion", "", "cases", "要配慮 有", "条例要配慮 有", "read by OCR", "corrected"],
                  [[_e(r["criterion"]), _e(_label(r["criterion"])), _e(r["n"]), _e(r["s"]), _e(r["o"]),
                    _e(r["ocr"]), _e(r["corrected"])] for r in crit])]
    if counts:
        out += ["<details><summary>Summary tables as printed (審査件数)</summary>",
                _table(["criterion", "agency", "reviewed", "要配慮", "条例要配慮", "page"],
                       [[_e(_label(r["criterion"])), _e(r["agency"]), _e(r["reviewed"]), _e(r["sensitive"]),
                         _e(r["ordinance_sensitive"]), _e(r["page_no"])] for r in counts]), "</details>"]
    return "\n".join(out)


def _checks(con: duckdb.DuckDBPyConnection, doc_id: str) -> str:
    rows = _dicts(con, "SELECT rule, criterion, agency, expected, actual, ok, detail FROM checks "
                       "WHERE doc_id = ? ORDER BY ok, rule, criterion, agency", [doc_id])
    if not rows:
        return '<h2 id="checks">Reconciliation checks</h2><p>None: the document has no summary tables or lists.</p>'
    failed = sum(1 for r in rows if not r["ok"])
    head = (f'<h2 id="checks">Reconciliation checks</h2><p>{len(rows) - failed} passed, '
            f'<span class="{"failtxt" if failed else "pass"}">{failed} failed</span>. '
            "Each compares the report with itself: the summary counts against the listed cases.</p>")
    # failed checks open, all of them behind a click when every one passed
    return head + f"<details{' open' if failed else ''}><summary>every check</summary>" + _table(
        ["result", "rule", "criterion", "agency", "expected", "actual", "detail"],
        [['<span class="pass">pass</span>' if r["ok"] else '<span class="failtxt">FAIL</span>', _e(r["rule"]),
          _e(_label(r["criterion"])), _e(r["agency"]), _e(r["expected"]), _e(r["actual"]), _e(r["detail"])]
         for r in rows],
        ["" if r["ok"] else "fail" for r in rows]) + "</details>"


def _charts(con: duckdb.DuckDBPyConnection, doc_id: str, out: Path, top: int) -> tuple[str, list[Path]]:
    rows = con.execute("SELECT department, criterion, count(*), count(*) FILTER (WHERE sensitive) FROM cases "
                       "WHERE doc_id = ? GROUP BY ALL", [doc_id]).fetchall()
    if not rows:
        return "", []
    by_crit: dict[str, list[int]] = {}
    for _, criterion, n, s in rows:
        acc = by_crit.setdefault(criterion, [0, 0])
        acc[0] += n
        acc[1] += s
    order = sorted(by_crit, key=lambda c: CRITERIA.index(c) if c in CRITERIA else 99)
    crit_bars = [Bar(_label(c), {c: by_crit[c][0]}, by_crit[c][1]) for c in order]
    paths = [bars_chart(crit_bars, "審査基準別の件数と要配慮個人情報を含む割合",
                        out / "charts" / f"{doc_id}-criteria.svg", CRITERIA)]
    bars, rest = department_bars(rows, top)
    title = f"担当部課別の件数（上位{len(bars)}部課）と要配慮個人情報を含む割合"
    paths.append(bars_chart(bars, title, out / "charts" / f"{doc_id}-departments.svg", CRITERIA))
    note = (f"<p class=\"muted\">Not drawn: {escape(rest.label)} with {rest.total} cases "
            f"({rest.sensitive} with 要配慮).</p>") if rest else ""
    html = ('<h2 id="charts">Cases by criterion and department</h2>'
            "<p>Hatched: the share of cases that handle 要配慮個人情報 (sensitive data).</p>" +
            "".join(f'<p><img class="chart" src="charts/{p.name}" alt="{escape(p.stem)}"></p>' for p in paths) + note)
    return html, paths


def _changes(con: duckdb.DuckDBPyConnection, doc_id: str, names: dict[str, str]) -> str:
    rows = _dicts(con, "SELECT * FROM case_changes WHERE from_doc_id = ? OR to_doc_id = ? "
                       "ORDER BY to_doc_id = ? DESC, change, criterion, family_id", [doc_id] * 3)
    head = '<h2 id="changes">Year on year (case_changes)</h2>'
    if not rows:
        return head + "<p>No earlier or later report of this municipality to compare with.</p>"

    def doc(d: str) -> str:
        return f'<a href="doc-{escape(d)}.html">{escape(names.get(d, d))}</a>' if d != doc_id else "this report"

    return head + _table(["from", "to", "change", "criterion", "family", "detail"],
                         [[doc(r["from_doc_id"]), doc(r["to_doc_id"]), _e(r["change"]), _e(_label(r["criterion"])),
                           _e(r["family_id"]), _e(r["detail"])] for r in rows])


def _review(con: duckdb.DuckDBPyConnection, doc_id: str, crops: Crops) -> str:
    rows = _dicts(con, "SELECT * FROM review_items WHERE doc_id = ? ORDER BY kind, criterion, case_no, page_no",
                  [doc_id])
    head = (f'<h2 id="review">Review list ({len(rows)})</h2><p>What needs a human look: low OCR confidence, '
            "departments not in the registry, failed checks, numbering gaps, findings. Record a fix in "
            "config/corrections/ (see its README).</p>")
    if not rows:
        return head + "<p>Nothing to review.</p>"
    return head + _table(
        ["kind", "criterion", "No", "page", "detail"],
        [[_e(r["kind"]), _e(_label(r["criterion"])),
          _case_link(r["criterion"], r["case_no"]) if r["case_no"] else _e(None),
          crops.link(r["criterion"], r["case_no"], r["page_no"]), _e(r["detail"])] for r in rows],
        below=[crops.img(r["criterion"], r["case_no"], r["page_no"]) for r in rows])


def _corrections(cases: Sequence[dict[str, Any]], crops: Crops) -> str:
    rows = [c for c in cases if c.get("corrected")]
    if not rows:
        return ""
    return ('<h2 id="corrections">Corrections by people</h2><p>Values set from config/corrections/ over what '
            "the machine read; the printed row is shown for checking.</p>" +
            _table(["criterion", "No", "now", "source"],
                   [[_e(_label(c["criterion"])), _case_link(c["criterion"], c["case_no"]), _e(_summary(c)),
                     _e(c.get("correction_source"))] for c in rows],
                   below=[crops.img(c["criterion"], c["case_no"], c["page_no"]) for c in rows]))


def _case_link(criterion: str, case_no: int) -> str:
    return f'<a href="#c-{escape(criterion)}-{case_no}">{case_no}</a>'


def _summary(c: dict[str, Any]) -> str:
    text = c["description"] or " / ".join(x for x in (c["recipient"], c["purpose"]) if x) or ""
    flags = f"要配慮 {_e(c['sensitive'])}, 条例要配慮 {_e(c['ordinance_sensitive'])}"
    return f"{text} [{c['department'] or '?'}; {flags}]"


def _cases(cases: Sequence[dict[str, Any]], crops: Crops) -> str:
    if not cases:
        return ""
    out = ['<h2 id="cases">Every case, with where it is printed</h2>',
           "<p>The page link opens the crop of the row on the PDF page.</p>"]
    for criterion in sorted({c["criterion"] for c in cases}, key=lambda c: CRITERIA.index(c) if c in CRITERIA else 99):
        rows = [c for c in cases if c["criterion"] == criterion]
        out.append(f"<h3>{escape(_label(criterion))} ({escape(criterion)}, {len(rows)})</h3>")
        out.append(_table(
            ["No", "description / recipient / purpose", "担当部課", "実施機関", "要配慮", "条例要配慮", "read", "page"],
            [[f'<span id="c-{escape(criterion)}-{c["case_no"]}">{c["case_no"]}</span>',
              _e(c["description"] or " / ".join(x for x in (c["recipient"], c["purpose"], c["legal_basis"]) if x)),
              f'<span class="dept">{_e(c["department"])}</span>', _e(c["agency"]), _e(c["sensitive"]), _e(c["ordinance_sensitive"]),
              _e(c["source"] if c["confidence"] is None else f"{c['source']} {c['confidence']:.2f}") +
              (f'<br><span class="failtxt" title="{escape(c.get("correction_source") or "")}">corrected</span>'
               if c.get("corrected") else ""),
              crops.link(criterion, c["case_no"], c["page_no"])] for c in rows],
            ["corrected" if c.get("corrected") else "" for c in rows]))
    return "\n".join(out)


def _incidents(con: duckdb.DuckDBPyConnection, doc_id: str) -> str:
    rows = _dicts(con, "SELECT incident_no, report_no, title, incident_type, legal_category, "
                       "coalesce(affected_text, CAST(affected_count AS VARCHAR)) AS affected_text, "
                       "occurred_on, discovered_on, department, page_no "
                       "FROM incidents WHERE doc_id = ? ORDER BY incident_no, report_no", [doc_id])
    if not rows:
        return ""
    return '<h2 id="incidents">Incidents</h2>' + _table(
        ["no", "report", "title", "type", "category", "affected", "occurred", "discovered", "department", "page"],
        [[_e(r["incident_no"]), _e(r["report_no"]), _e(r["title"]), _e(r["incident_type"]), _e(r["legal_category"]),
          _e(r["affected_text"]), _e(r["occurred_on"]), _e(r["discovered_on"]), _e(r["department"]),
          _e(r["page_no"])] for r in rows])


# ------------------------------------------------------------------ pages


def _document_page(con: duckdb.DuckDBPyConnection, doc: dict[str, Any], out: Path, pdf: Path | None,
                   names: dict[str, str], dpi: int, top: int) -> tuple[str, list[Path], int]:
    doc_id = doc["doc_id"]
    has_corr = _has_column(con, "cases", "corrected")
    extra = ", corrected, correction_source" if has_corr else ""
    cases = _dicts(con, "SELECT criterion, case_no, description, recipient, purpose, legal_basis, department, "
                        "agency, sensitive, ordinance_sensitive, page_no, bbox, source, confidence, raw"
                        f"{extra} FROM cases WHERE doc_id = ? ORDER BY criterion, case_no", [doc_id])
    review_pages = [r[0] for r in con.execute(
        "SELECT DISTINCT page_no FROM review_items WHERE doc_id = ? AND case_no IS NULL AND page_no IS NOT NULL",
        [doc_id]).fetchall()]
    crops = Crops(out, doc_id, pdf, dpi)
    crops.make(cases, review_pages)
    charts_html, charts = _charts(con, doc_id, out, top)
    meta = [("file", doc["file_name"]), ("sha256", doc["sha256"]), ("report no", doc["report_no"]),
            ("as of", doc["as_of"]), ("published", doc["published_on"]), ("publisher", doc["publisher"]),
            ("municipality", doc["municipality"]), ("report type", doc["report_type"]),
            ("pages", f"{doc['page_count']} ({doc['ocr_pages']} by OCR)"), ("notes", doc["notes"]),
            ("PDF for citations", pdf.name if pdf else "not found among --pdfs: no crops"),
            ("ingested", f"{doc['ingested_at']} by pipeline {doc['pipeline_version']}")]
    body = "\n".join([
        NAV,
        f"<h1>{escape(doc['title'] or doc['file_name'])}</h1>",
        _table(["", ""], [[escape(k), _e(v)] for k, v in meta]),
        _landed(con, doc_id, has_corr), _checks(con, doc_id), charts_html, _changes(con, doc_id, names),
        _review(con, doc_id, crops), _corrections(cases, crops), _incidents(con, doc_id), _cases(cases, crops),
    ])
    return _page(f"{doc['file_name']} — report", body), charts, len(crops.made) + len(crops.pages)


def _index_changes(con: duckdb.DuckDBPyConnection, names: dict[str, str]) -> str:
    rows = _dicts(con, "SELECT municipality, from_doc_id, to_doc_id, "
                       "count(*) FILTER (WHERE change = 'appeared') AS appeared, "
                       "count(*) FILTER (WHERE change = 'disappeared') AS disappeared, "
                       "count(*) FILTER (WHERE change = 'flags_changed') AS flags_changed "
                       "FROM case_changes GROUP BY ALL ORDER BY ALL")
    if not rows:
        return ""

    def doc(d: str, anchor: str = "") -> str:
        return f'<a href="doc-{escape(d)}.html{anchor}">{escape(names.get(d, d))}</a>'

    return ("<h2>Year on year</h2><p>Case families that appeared, disappeared or changed their 要配慮 flags "
            "between consecutive reports of a municipality (the view case_changes).</p>" +
            _table(["municipality", "from", "to", "appeared", "disappeared", "flags changed"],
                   [[_e(r["municipality"]), doc(r["from_doc_id"]), doc(r["to_doc_id"], "#changes"),
                     _e(r["appeared"]), _e(r["disappeared"]), _e(r["flags_changed"])] for r in rows]))


def _index(docs: Sequence[dict[str, Any]], stats: dict[str, dict[str, Any]], missing: Sequence[str],
           changes: str = "") -> str:
    rows = []
    for d in docs:
        s = stats.get(d["doc_id"], {})
        rows.append([f'<a href="doc-{escape(d["doc_id"])}.html">{escape(d["file_name"])}</a>', _e(d["title"]),
                     _e(d["municipality"]), _e(d["report_no"]), _e(d["as_of"]),
                     _e(f"{d['page_count']} ({d['ocr_pages']} OCR)"), _e(s.get("cases", 0)),
                     _e(s.get("checks_ok", 0)),
                     f'<span class="{"failtxt" if s.get("checks_failed") else "pass"}">{s.get("checks_failed", 0)}</span>',
                     _e(s.get("review", 0)), _e(s.get("corrected", 0))])
    note = (f"<p class=\"failtxt\">No PDF found for {escape(', '.join(missing))}: those pages have no citation "
            "crops. Pass the folders holding them with --pdfs.</p>") if missing else ""
    body = ("<h1>Municipal disclosure reports in the warehouse</h1>"
            "<p>One page per document: what was read, whether the report agrees with itself, charts, changes "
            "since the previous report, what needs a human look, and every case linked to its printed row.</p>"
            + note + _table(["file", "title", "municipality", "report", "as of", "pages", "cases", "checks passed",
                             "checks failed", "to review", "corrected"], rows) + changes)
    return _page("Warehouse report", body)


def build_report(
    db: str | Path,
    out_dir: str | Path,
    pdf_dirs: Sequence[str | Path] = (),
    dpi: int = 120,
    top_departments: int = 25,
    on_document: Callable[[str], None] | None = None,
) -> ReportResult:
    """Write the report for every document of ``db`` into ``out_dir``; crops need the PDFs in ``pdf_dirs``."""
    out = output_folder(out_dir)
    con = open_warehouse(db)
    try:
        docs = _dicts(con, "SELECT * FROM documents ORDER BY municipality, as_of, file_name")
        stats = {r["doc_id"]: r for r in _dicts(con, """
            SELECT d.doc_id,
                   (SELECT count(*) FROM cases c WHERE c.doc_id = d.doc_id) AS cases,
                   (SELECT count(*) FROM checks k WHERE k.doc_id = d.doc_id AND k.ok) AS checks_ok,
                   (SELECT count(*) FROM checks k WHERE k.doc_id = d.doc_id AND NOT k.ok) AS checks_failed,
                   (SELECT count(*) FROM review_items r WHERE r.doc_id = d.doc_id) AS review,
                   {corrected} AS corrected
            FROM documents d""".format(corrected="(SELECT count(*) FROM cases c WHERE c.doc_id = d.doc_id AND "
                                       "c.corrected)" if _has_column(con, "cases", "corrected") else "0"))}
        pdfs = find_pdfs_by_sha256(pdf_dirs, [d["sha256"] for d in docs]) if pdf_dirs else {}
        names = {d["doc_id"]: d["file_name"] for d in docs}
        pages: dict[str, Path] = {}
        charts: list[Path] = []
        crops = 0
        missing = []
        for doc in docs:
            pdf = pdfs.get(doc["sha256"])
            if pdf is None:
                missing.append(doc["file_name"])
            html, doc_charts, n = _document_page(con, doc, out, pdf, names, dpi, top_departments)
            pages[doc["doc_id"]] = out / f"doc-{doc['doc_id']}.html"
            pages[doc["doc_id"]].write_text(html, encoding="utf-8")
            charts += doc_charts
            crops += n
            if on_document:
                on_document(doc["file_name"])
        index = out / "index.html"
        index.write_text(_index(docs, stats, missing, _index_changes(con, names)), encoding="utf-8")
    finally:
        con.close()
    return ReportResult(index, pages, tuple(charts), crops, tuple(missing))

