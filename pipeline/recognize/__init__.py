"""Recognize stage: extracted tables and text → typed records of a report type.

``tables.py`` maps header words to fields (config/report_types) and rows to
cases and summary counts; ``continuation.py`` recognizes a table whose header
was misread; ``records.py`` runs them over a document and makes a finding of
whatever fits nothing; ``document.py`` reads the front page.
"""

from pipeline.recognize.document import lines_to_document, lines_to_document_info
from pipeline.recognize.headers import map_header
from pipeline.recognize.records import Recognized, tables_to_records

__all__ = ["Recognized", "lines_to_document", "lines_to_document_info", "map_header", "tables_to_records"]
