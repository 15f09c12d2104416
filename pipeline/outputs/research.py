"""The research queries documented in docs/schema.md, read from the doc so they are written once.

A query is a ```sql block whose first line is ``-- research: <what it asks>``;
the benchmark times them and the tests run them against a synthetic warehouse.
"""

from __future__ import annotations

import re
from pathlib import Path

SCHEMA_DOC = Path(__file__).resolve().parents[2] / "docs" / "schema.md"
EXAMPLE_MUNICIPALITY = "'世田谷区'"  # the literal the documented queries name
_BLOCK = re.compile(r"```sql\n-- research: (.*?)\n(.*?)```", flags=re.DOTALL)


def research_queries(doc: Path = SCHEMA_DOC, municipality: str | None = None) -> dict[str, str]:
    """What each query asks -> its SQL, in the doc's order; ``municipality`` replaces the example's name."""
    out = {}
    for name, sql in _BLOCK.findall(doc.read_text(encoding="utf-8")):
        if municipality is not None:
            sql = sql.replace(EXAMPLE_MUNICIPALITY, "'" + municipality.replace("'", "''") + "'")
        out[name.strip()] = sql.strip()
    return out
