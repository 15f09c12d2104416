#!/usr/bin/env python3
"""A seeded synthetic nationwide corpus: N municipalities x Y years of review reports.

Each report has the reference's shape (報告第359号, corpus/ground_truth/setagaya-2023-report359):
four summary tables (実施機関 x 審査件数 / うち要配慮 / うち条例要配慮, with a 合計 row)
and three lists (外部委託, 外部提供, オンライン結合) of the cases that hold sensitive data,
about 430 cases a report. Its words come from the reference's ground truth (descriptions,
recipients, purposes, departments), placed per municipality with a place name so each
municipality has its own tasks.

Across years a municipality's tasks persist (most), disappear, appear, change a flag
(有/無) or are printed with other character widths (the same task to the family matcher).
Summary tables agree with the lists, except where an error is planted: one agency's
うち要配慮 count is one more than its list (and its 合計 row follows, so only that
sensitive_count check fails). ``truth.json`` beside the output lists every report's
planted errors and each case's task id: the answers, written by the generator, never
read back from the pipeline.

Outputs:

* ``--store DIR``: every report's rows straight into a results store (pipeline.store),
  through the real match and check stages (departments, reconciliation), for
  warehouse-scale work without reading a page;
* ``--pdf DIR --render K``: the first K reports drawn as born-digital PDFs by
  dev/build_corpus.py's renderer (and ``--scans``: as 200 dpi scans by
  dev/build_scans.py) for a smaller run of the real engine.

    python -m dev.build_nationwide --municipalities 100 --years 10 --store bench/nationwide/store
    python -m dev.build_nationwide --municipalities 2 --years 2 --pdf /tmp/pdfs --render 4 --scans
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GROUND_TRUTH = ROOT / "corpus" / "ground_truth" / "setagaya-2023-report359"
SYNTHETIC_KEY = "synthetic-v1"  # the extractor key of rows made here (nothing was extracted)

AGENCIES = ("区長", "教育委員会", "選挙管理委員会", "監査委員", "農業委員会")
TOTAL = "合計"
AGENCY_WEIGHTS = (0.9, 0.08, 0.02, 0.0, 0.0)
LISTED = ("outsourcing", "external_provision", "online_link")
CRITERIA = ("outsourcing", "purpose_external_use", "external_provision", "online_link")
# cases a report lists per criterion, as in the reference (319, 58, 57), +-15%
LIST_SIZE = {"outsourcing": 320, "external_provision": 58, "online_link": 57}
PERSIST, FLAG_CHANGE, REPRINT = 0.88, 0.03, 0.05  # per task and year
PLANTED_ERROR_RATE = 0.1  # reports with one summary count off by one
KANJI = "東西南北上下中本山川田野原沢森林村井石橋松竹梅桜浜島岡崎谷宮坂城里和安平高大小新古長若緑青白朝日月星"
PLACES = ("中央", "北部", "南部", "東部", "西部", "駅前", "本庁舎", "臨海", "山手", "川沿い", "旧市街", "新市街",
          "第一地区", "第二地区", "第三地区")
ROWS_PER_LIST_PAGE = 9


@dataclass
class Task:
    """One piece of work a municipality does with personal data, followed across years."""

    task_id: str
    criterion: str
    fields: dict[str, str]  # description / recipient, purpose, legal_basis / link_type
    department: str
    agency: str
    sensitive: bool
    ordinance_sensitive: bool


@dataclass(frozen=True)
class Report:
    municipality: str
    slug: str
    year: int
    report_no: int
    tasks: tuple[Task, ...]
    extra_reviewed: dict[str, dict[str, int]]  # criterion -> agency -> reviewed cases not listed
    planted: tuple[tuple[str, str], ...] = ()  # (criterion, agency) whose うち要配慮 is one too many
    printed_wide: frozenset[str] = field(default_factory=frozenset)  # task ids printed full-width this year

    @property
    def file_name(self) -> str:
        return f"{self.slug}-{self.year}-report{self.report_no}.pdf"


def reference_pools() -> dict[str, list[dict[str, str]]]:
    """The reference's case rows per criterion: the words synthetic reports are made of."""
    pools = {}
    for criterion in LISTED:
        with (GROUND_TRUTH / f"cases_{criterion}.csv").open(encoding="utf-8", newline="") as f:
            pools[criterion] = list(csv.DictReader(f))
    return pools


def municipality_names(n: int, rng: random.Random) -> list[tuple[str, str]]:
    """n distinct (name, slug) pairs such as 森川市 / m0007."""
    names: list[str] = []
    while len(names) < n:
        name = rng.choice(KANJI) + rng.choice(KANJI) + rng.choice("市市市町区")
        if name not in names:
            names.append(name)
    return [(name, f"m{i:04d}") for i, name in enumerate(names)]


def new_task(criterion: str, pool: list[dict[str, str]], departments: list[str], rng: random.Random,
             task_id: str) -> Task:
    row = rng.choice(pool)
    place = f"（{rng.choice(PLACES)}）" if rng.random() < 0.7 else ""
    if criterion == "external_provision":
        fields = {"recipient": row["recipient"] + place, "purpose": row["purpose"], "legal_basis": row["legal_basis"]}
    elif criterion == "online_link":
        fields = {"description": row["description"] + place, "link_type": row["link_type"]}
    else:
        fields = {"description": row["description"] + place}
    sensitive = rng.random() < 0.75
    ordinance = (not sensitive) or rng.random() < 0.35  # a listed case holds one or both
    agency = rng.choices(AGENCIES, AGENCY_WEIGHTS)[0]
    return Task(task_id, criterion, fields, rng.choice(departments), agency, sensitive, ordinance)


def next_year(tasks: list[Task], criterion: str, pool: list[dict[str, str]], departments: list[str],
              rng: random.Random, prefix: str, counter: Iterator[int], size: float = 1.0) -> list[Task]:
    """Tasks that persist (some with a flag changed), minus those that stop, plus new ones."""
    kept = []
    for t in tasks:
        if rng.random() >= PERSIST:
            continue
        if rng.random() < FLAG_CHANGE:
            t = replace(t, ordinance_sensitive=not t.ordinance_sensitive) if t.sensitive \
                else replace(t, sensitive=True)
        kept.append(t)
    target = max(1, round(LIST_SIZE[criterion] * size * rng.uniform(0.85, 1.15)))
    while len(kept) < target:
        kept.append(new_task(criterion, pool, departments, rng, f"{prefix}-{next(counter)}"))
    return kept


def plan(municipalities: int, years: int, seed: int, first_year: int = 2015, size: float = 1.0,
         error_rate: float = PLANTED_ERROR_RATE) -> list[Report]:
    """Every report, municipality by municipality, year by year (deterministic in ``seed``).

    Each municipality draws from its own generator, so a plan with more years or more
    municipalities begins with exactly the reports of a smaller one (the next year of
    a warehouse is plan(n, years + 1) minus plan(n, years)). ``size`` scales the lists;
    ``error_rate`` is the share of reports with a planted summary error.
    """
    pools = reference_pools()
    all_departments = sorted({r["department"] for rows in pools.values() for r in rows})
    reports = []
    for name, slug in municipality_names(municipalities, random.Random(seed)):
        rng = random.Random(f"{seed}/{slug}")
        departments = rng.sample(all_departments, k=min(len(all_departments), rng.randint(30, 50)))
        counter = iter(range(10**9))
        tasks: dict[str, list[Task]] = {c: [] for c in LISTED}
        report_no = rng.randint(100, 400)
        for year in range(first_year, first_year + years):
            for c in LISTED:
                tasks[c] = next_year(tasks[c], c, pools[c], departments, rng, slug, counter, size)
            listed = tuple(t for c in LISTED for t in tasks[c])
            extra = {c: {a: (rng.randint(0, 40) if a == "区長" else rng.randint(0, 3) * (a == "教育委員会"))
                         for a in AGENCIES} for c in CRITERIA}
            planted = ()
            if rng.random() < error_rate:
                used = sorted({(t.criterion, t.agency) for t in listed})
                planted = (rng.choice(used),)
            wide = frozenset(t.task_id for t in listed if rng.random() < REPRINT)
            reports.append(Report(name, slug, year, report_no, listed, extra, planted, wide))
            report_no += rng.randint(20, 60)
    return reports


def _printed(text: str, wide: bool) -> str:
    """ASCII digits and brackets full-width: how another year's Excel may print the same task."""
    return text.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}) if wide else text


def review_counts(report: Report) -> list[tuple[str, str, int, int, int]]:
    """(criterion, agency, reviewed, sensitive, ordinance_sensitive) rows, 合計 last, planted errors in."""
    rows = []
    for c in CRITERIA:
        agency_rows = []
        for a in AGENCIES:
            mine = [t for t in report.tasks if t.criterion == c and t.agency == a]
            sensitive = sum(t.sensitive for t in mine) + ((c, a) in report.planted)
            ordinance = sum(t.ordinance_sensitive for t in mine)
            agency_rows.append((c, a, len(mine) + report.extra_reviewed[c][a], sensitive, ordinance))
        rows += agency_rows
        rows.append((c, TOTAL, *(sum(r[i] for r in agency_rows) for i in (2, 3, 4))))
    return rows


def list_rows(report: Report, criterion: str) -> list[list[str]]:
    """A list's rows as printed, numbered from 1, in the reference's column order."""
    out = []
    tasks = [t for t in report.tasks if t.criterion == criterion]
    for no, t in enumerate(tasks, 1):
        f = {k: _printed(v, t.task_id in report.printed_wide) for k, v in t.fields.items()}
        flags = ["有" if t.sensitive else "無", "有" if t.ordinance_sensitive else "無"]
        if criterion == "external_provision":
            out.append([str(no), f["recipient"], f["purpose"], f["legal_basis"], t.department, t.agency, *flags])
        elif criterion == "online_link":
            out.append([str(no), f["link_type"], f["description"], t.department, t.agency, *flags])
        else:
            out.append([str(no), f["description"], t.department, t.agency, *flags])
    return out


def sha256_of_report(report: Report) -> str:
    """The content hash a rendered file would have stood for: same plan, same id."""
    body = json.dumps([report.municipality, report.year, report.report_no, review_counts(report),
                       [list_rows(report, c) for c in LISTED]], ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def reiwa(d: date) -> str:
    era = d.year - 2018
    return f"令和{era}年{d.month}月{d.day}日" if era >= 1 else f"平成{d.year - 1988}年{d.month}月{d.day}日"


def front_texts(report: Report) -> list[str]:
    as_of, published = date(report.year, 4, 1), date(report.year, 8, 18)
    m = report.municipality
    return [
        f"報告第{report.report_no}号",
        f"個人情報を取り扱う業務の審査の状況について（{reiwa(as_of)}時点）",
        reiwa(published),
        "総務部情報公開課",
        (f"{reiwa(as_of)}時点で実施している個人情報を取り扱う業務（外部委託、目的外利用、外部提供、オンライン結合及び"
        f"システム導入）について、{m}個人情報保護管理基準に基づき、各所管課において審査基準による審査を実施した。"),
    ]


def document_result(report: Report):  # type: ignore[no-untyped-def]
    """The DocumentResult the pure stages would make of this report, without reading a page."""
    from pipeline.check import reconcile
    from pipeline.match.apply import cases_with_departments
    from pipeline.types import BBox, Case, DocumentInfo, DocumentResult, Extraction, PageInfo, ReviewCount

    box = BBox(22.0, 50.0, 820.0, 70.0)
    n_pages = 2 + sum(-(-len(list_rows(report, c)) // ROWS_PER_LIST_PAGE) for c in LISTED)
    pages = tuple(PageInfo(i, 841.89, 595.28, "text", "synthetic (dev/build_nationwide.py)")
                  for i in range(1, n_pages + 1))
    extraction = Extraction(sha256_of_report(report), report.file_name, n_pages, pages, (), ())
    counts = [ReviewCount(c, a, r, s, o, 1 if c in CRITERIA[:2] else 2, box)
              for c, a, r, s, o in review_counts(report)]
    cases, page = [], 3
    for c in LISTED:
        for i, row in enumerate(list_rows(report, c)):
            t = [x for x in report.tasks if x.criterion == c][i]
            f = {k: _printed(v, t.task_id in report.printed_wide) for k, v in t.fields.items()}
            cases.append(Case(c, int(row[0]), f.get("description"), f.get("recipient"), f.get("purpose"),
                              f.get("legal_basis"), f.get("link_type"), t.department, t.department, t.agency,
                              t.sensitive, t.ordinance_sensitive, page + i // ROWS_PER_LIST_PAGE, box))
        page += -(-len(list_rows(report, c)) // ROWS_PER_LIST_PAGE)
    cases, departments, findings = cases_with_departments(cases, report.municipality)
    as_of = date(report.year, 4, 1)
    info = DocumentInfo(front_texts(report)[1], report.report_no, date(report.year, 8, 18), as_of,
                        "総務部情報公開課", report.municipality)
    return DocumentResult(extraction, info, "review_status", tuple(counts), tuple(cases),
                          tuple(reconcile(counts, cases, TOTAL)), tuple(findings), tuple(departments))


def _store_one(args: tuple[Report, str]) -> str:
    from pipeline.store import ResultsStore, results_key

    report, root = args
    result = document_result(report)
    stored = ResultsStore(root).put_result(result, SYNTHETIC_KEY, results_key(SYNTHETIC_KEY, (), report.file_name))
    return str(stored.folder)


def write_store(reports: list[Report], root: Path, workers: int = 2) -> list[Path]:
    """Each report's rows into the results store at ``root``; the folders, in the reports' order."""
    jobs = [(r, str(root)) for r in reports]
    if workers <= 1:
        return [Path(_store_one(j)) for j in jobs]
    with get_context("fork").Pool(workers) as pool:
        return [Path(p) for p in pool.map(_store_one, jobs, chunksize=8)]


def layout(report: Report) -> dict:  # type: ignore[type-arg]
    """The report as dev/build_corpus.py's layout (front pages with summaries, then the lists)."""
    header = ["実施機関", "審査件数", "うち、要配慮個人情報 を取り扱うもの", "うち、条例要配慮個人情報 を取り扱うもの"]
    counts = review_counts(report)
    captions = ["（1）外部委託の審査基準", "（2）目的外利用の審査基準", "(3) 外部提供の審査基準",
                "(4) オンライン結合・システム導入における審査基準"]
    tables = [{"type": "table", "criterion": c,
               "rows": [header] + [[a, str(r), str(s), str(o)] for cc, a, r, s, o in counts if cc == c]}
              for c in CRITERIA]
    texts = [{"type": "text", "text": t} for t in front_texts(report)]
    page1 = [*texts, {"type": "text", "text": "記"}, {"type": "text", "text": "1 審査件数（審査基準別）"},
             {"type": "text", "text": captions[0]}, tables[0], {"type": "text", "text": captions[1]}, tables[1]]
    page2 = [{"type": "text", "text": captions[2]}, tables[2], {"type": "text", "text": captions[3]}, tables[3]]
    pages = [{"kind": "front", "blocks": page1}, {"kind": "front", "blocks": page2}]
    heads = {
        "outsourcing": ["No", "委託の内容", "担当部課", "実施機関", "要配慮個人情報 (有/無)", "条例要配慮個人情報 (有/無)"],
        "external_provision": ["No", "提供先", "提供先での利用目的", "該当条項", "担当部課", "実施機関",
                               "要配慮個人情報 (有/無)", "条例要配慮個人情報 (有/無)"],
        "online_link": ["No", "オンライン結合・システム導入の別", "オンライン結合・システム導入の内容", "担当部課", "実施機関",
                        "要配慮個人情報 (有/無)", "条例要配慮個人情報 (有/無)"],
    }
    for c in LISTED:
        rows = list_rows(report, c)
        for start in range(0, len(rows), ROWS_PER_LIST_PAGE):
            table = {"type": "table", "criterion": c, "rows": [heads[c], *rows[start:start + ROWS_PER_LIST_PAGE]]}
            pages.append({"kind": "list", "blocks": [
                {"type": "text", "text": "要配慮個人情報又は条例要配慮個人情報を含むもの"}, table]})
    for i, p in enumerate(pages, 1):
        p["page_no"] = i
    return {"source": "dev/build_nationwide.py", "pages": pages}


def render(reports: list[Report], out: Path, scans: bool = False) -> list[Path]:
    """Born-digital PDFs (and 200 dpi scans) of these reports, drawn by the corpus renderers."""
    from dev import build_corpus

    build_corpus.register_font()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for report in reports:
        path = out / report.file_name
        build_corpus.render_document(layout(report), path, path.stem)
        paths.append(path)
        if scans:
            from dev import build_scans

            build_scans.PDF_DIR = out  # build() reads <PDF_DIR>/<doc>.pdf
            paths.append(build_scans.build(path.stem, "scan200", out, None))
    return paths


def truth(reports: list[Report]) -> dict:  # type: ignore[type-arg]
    """What the generator knows: per report its file, planted errors, and each listed case's task id."""
    return {r.file_name: {
        "municipality": r.municipality, "year": r.year, "report_no": r.report_no, "doc_id": sha256_of_report(r)[:16],
        "planted": [list(p) for p in r.planted],
        "cases": {c: [t.task_id for t in r.tasks if t.criterion == c] for c in LISTED},
    } for r in reports}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--municipalities", type=int, default=100, help="how many (default %(default)s)")
    parser.add_argument("--years", type=int, default=10, help="reports per municipality (default %(default)s)")
    parser.add_argument("--seed", type=int, default=15, help="random seed (default %(default)s)")
    parser.add_argument("--store", type=Path, help="write every report's rows into this results store")
    parser.add_argument("--pdf", type=Path, help="render reports as PDF into this folder")
    parser.add_argument("--render", type=int, default=4, help="how many reports to render (default %(default)s)")
    parser.add_argument("--scans", action="store_true", help="also render each as a 200 dpi scan")
    parser.add_argument("--workers", type=int, default=2, help="processes writing the store (default %(default)s)")
    args = parser.parse_args(argv)
    if not (args.store or args.pdf):
        parser.error("give --store and/or --pdf")
    reports = plan(args.municipalities, args.years, args.seed)
    print(f"{len(reports)} reports, {sum(len(r.tasks) for r in reports):,} listed cases, "
          f"{sum(len(r.planted) for r in reports)} planted errors", file=sys.stderr)
    if args.store:
        started = time.perf_counter()
        write_store(reports, args.store, args.workers)
        (args.store / "truth.json").write_text(json.dumps(truth(reports), ensure_ascii=False), encoding="utf-8")
        print(f"store {args.store}: {time.perf_counter() - started:.1f}s", file=sys.stderr)
    if args.pdf:
        rendered = reports[: args.render]
        for path in render(rendered, args.pdf, args.scans):
            print(path)
        (args.pdf / "truth.json").write_text(json.dumps(truth(rendered), ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
