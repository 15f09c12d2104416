"""Turn Japanese municipal disclosure PDFs into a DuckDB warehouse."""
