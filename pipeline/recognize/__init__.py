"""Recognize stage: extracted tables and text → typed records of a report type.

``tables.py`` maps header words to fields (config/report_types) and rows to
cases and summary counts; ``document.py`` reads the front page.
"""

from pipeline.recognize.document import lines_to_document_info
from pipeline.recognize.tables import Recognized, map_header, tables_to_records

__all__ = ["Recognized", "lines_to_document_info", "map_header", "tables_to_records"]
