"""The meaning of every warehouse column, read from the docs rather than written twice.

docs/schema.md is the warehouse contract: one ``## name — what it is`` section
per table or view, with a ``| column | … | meaning |`` table or an inline
list of columns. ``describe_relations`` parses it (and docs/outputs.md for the
views this package adds), falling back to the ``-- comment`` after a column in
pipeline/load/sql/schema.sql, so the exported README says what the docs say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = (ROOT / "docs" / "schema.md", ROOT / "docs" / "outputs.md")
DDL = ROOT / "pipeline" / "load" / "sql" / "schema.sql"


@dataclass
class RelationDoc:
    name: str
    summary: str = ""  # the heading's text after the dash: "one row per PDF"
    text: str = ""  # the first paragraph of prose under the heading
    columns: dict[str, str] = field(default_factory=dict)  # column -> meaning


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _names(cell: str) -> list[str]:
    """'page_count, ocr_pages' / '`doc_id`' -> the column names."""
    return [n.strip(" `") for n in cell.split(",") if re.fullmatch(r"\s*`?\w+`?\s*", n)]


def parse_markdown(text: str) -> dict[str, RelationDoc]:
    """Relations documented in one markdown file, by name."""
    out: dict[str, RelationDoc] = {}
    for block in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        heading, _, body = block.partition("\n")
        names_part, _, summary = heading.partition(" — ")
        names = [re.sub(r"\(.*?\)", "", n).strip(" `") for n in names_part.split(",")]
        names = [n for n in names if re.fullmatch(r"\w+", n)]
        if not names:
            continue
        columns: dict[str, str] = {}
        lines = body.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("|") and i + 1 < len(lines) and re.match(r"^\|[\s|:-]+\|?$", lines[i + 1]):
                header = [h.lower() for h in _cells(line)]
                if header[0] != "column":
                    continue
                for row in lines[i + 2:]:
                    if not row.startswith("|"):
                        break
                    cells = _cells(row)
                    meaning = cells[-1] if len(cells) > 1 else ""
                    for n in _names(cells[0]):
                        columns[n] = meaning
        inline = _inline_columns(body, names)
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip() and not p.lstrip().startswith("|")]
        prose = " ".join(paragraphs[0].split()) if paragraphs else ""
        for n in names:
            cols = {**inline.get(n, {}), **{k: v for k, v in columns.items() if v}}
            out[n] = RelationDoc(n, summary.strip(), prose, cols)
    return out


def _split_top(text: str) -> list[str]:
    """Split on commas outside parentheses."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    return [*parts, cur]


def _inline_columns(body: str, names: list[str]) -> dict[str, dict[str, str]]:
    """Columns listed in backticks: `a, b (meaning), c` for the section, or `table(a, b[], c)`."""
    out: dict[str, dict[str, str]] = {}
    for span in re.findall(r"`([^`]+)`", body):
        m = re.fullmatch(r"(\w+)\((.*)\)", span.strip(), flags=re.DOTALL)
        targets, items = ([m.group(1)], m.group(2)) if m else (names, span)
        if "," not in items:
            continue
        for item in _split_top(items):
            c = re.fullmatch(r"\s*(\w+)(\[\])?\s*(?:\((.*)\))?\s*", item, flags=re.DOTALL)
            if not c:
                continue
            meaning = " ".join((c.group(3) or "").split())
            if c.group(2):
                meaning = f"list{': ' + meaning if meaning else ''}"
            for t in targets:
                out.setdefault(t, {}).setdefault(c.group(1), meaning)
    return out


def parse_ddl_comments(sql: str) -> dict[str, dict[str, str]]:
    """table -> column -> the ``-- comment`` on its line in schema.sql."""
    out: dict[str, dict[str, str]] = {}
    for m in re.finditer(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\n\);", sql, flags=re.DOTALL):
        cols = out.setdefault(m.group(1), {})
        for line in m.group(2).splitlines():
            c = re.match(r"\s*(\w+)\s+[A-Z][^-]*--\s*(.+)$", line)
            if c:
                cols[c.group(1)] = c.group(2).strip()
    return out


def describe_relations(docs: tuple[Path, ...] = DOCS, ddl: Path = DDL) -> dict[str, RelationDoc]:
    """Every documented relation; a column without a meaning in the docs takes its DDL comment."""
    out: dict[str, RelationDoc] = {}
    for path in docs:
        if path.exists():
            for name, doc in parse_markdown(path.read_text(encoding="utf-8")).items():
                first = out.setdefault(name, doc)  # schema.md first; a later doc only fills gaps
                first.summary = first.summary or doc.summary
                first.text = first.text or doc.text
                for col, meaning in doc.columns.items():
                    if not first.columns.get(col):
                        first.columns[col] = meaning
    comments = parse_ddl_comments(ddl.read_text(encoding="utf-8")) if ddl.exists() else {}
    for table, cols in comments.items():
        doc = out.setdefault(table, RelationDoc(table))
        for col, comment in cols.items():
            if not doc.columns.get(col):
                doc.columns[col] = comment
    return out
