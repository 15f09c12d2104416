"""An OCR'd page that may have lost what it prints says so (page_read_doubtful), never a silence.

The figures here are written by hand: the rules found on a page where no grid was
made, what its ink would make and what was read; the thresholds are the module's.
A page of 47 rows read as one block of running text (a copier's black edges hid its
grid: 57 horizontal and 24 vertical rules, no grid) and a page read at a tenth of its
ink must each leave a doubt; a page whose grid was found, read about as its ink
suggests, a near-empty page and a text-layer page must not.
"""

from __future__ import annotations

from pipeline.extract.page_doubts import BARELY_READ, BARELY_READ_MIN, LOOSE_RULES, page_doubts
from pipeline.recognize.records import doubtful_page_findings
from pipeline.types import Extraction, PageInfo


def test_rules_enough_for_a_table_of_which_no_grid_was_made_are_a_doubt() -> None:
    (doubt,) = page_doubts((57, 24), 1400, 1655)
    assert doubt.startswith("57 horizontal and 24 vertical rules were found but no table grid")
    assert page_doubts((LOOSE_RULES[0] - 1, 24), 1400, 1655) == ()  # two rules under a heading: no table
    assert page_doubts((0, 0), 1400, 1655) == ()  # the grid was made


def test_far_fewer_characters_read_than_the_ink_suggests_are_a_doubt() -> None:
    ink = 1000
    assert len(page_doubts((0, 0), ink, round(BARELY_READ * ink) - 1)) == 1
    assert page_doubts((0, 0), ink, round(BARELY_READ * ink) + 1) == ()
    assert page_doubts((0, 0), BARELY_READ_MIN - 1, 0) == ()  # a near-empty page


def test_each_doubt_of_an_ocr_page_is_a_finding() -> None:
    doubtful = PageInfo(2, 595.0, 842.0, "ocr", "no characters", doubts=page_doubts((57, 24), 9972, 41))
    pages = (PageInfo(1, 595.0, 842.0, "text", "text layer usable"), doubtful)
    findings = doubtful_page_findings(Extraction("0" * 64, "scan.pdf", 2, pages, (), ()))
    assert [(f.kind, f.page_no) for f in findings] == [("page_read_doubtful", 2), ("page_read_doubtful", 2)]
    assert findings[0].detail.startswith("page 2: 57 horizontal") and findings[1].detail.endswith("look at it")
