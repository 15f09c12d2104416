"""What leaves the warehouse for people: files for Excel, a static report, citations.

Outputs only read the warehouse (the view of what needs a human look is
pipeline/load/sql/review_items.sql; corrections are the ``correct`` stage).

- ``export``: every table and view to CSV (UTF-8 with a BOM) and Parquet, with a README.
- ``report``: a static, offline HTML report with charts (matplotlib, IPAex font).
- ``cite``: PNG crops of a row on its PDF page, the PDF found by sha256.
"""
