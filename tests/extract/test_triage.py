"""Page triage on the four corpus PDFs: born-digital stays text, scans and the CID-font copy go to OCR."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract.triage import TriageSettings, is_unreadable, ocr_pages, triage_document

PDF = Path(__file__).resolve().parents[2] / "corpus" / "pdf"
DOC = "setagaya-2023-report359"


def test_born_digital_pages_are_never_ocrd_in_auto_mode() -> None:
    verdicts = triage_document(PDF / f"{DOC}.pdf")
    assert len(verdicts) == 48
    assert set(verdicts) == {("text", "text layer usable")}


@pytest.mark.parametrize("variant", ["scan300", "scan200"])
def test_image_only_scans_go_to_ocr(variant: str) -> None:
    verdicts = triage_document(PDF / f"{DOC}-{variant}.pdf")
    assert set(verdicts) == {("ocr", "no characters")}


def test_cid_font_without_tounicode_goes_to_ocr() -> None:
    verdicts = triage_document((PDF / f"{DOC}-cidfont.pdf").read_bytes())
    assert len(ocr_pages(verdicts)) == 48
    assert all("unreadable" in reason and "(cid:" in reason for _, reason in verdicts)


def test_modes_force_the_source_and_say_so() -> None:
    path = PDF / f"{DOC}.pdf"
    assert set(triage_document(path, "always")) == {("ocr", "--ocr always")}
    assert set(triage_document(PDF / f"{DOC}-scan300.pdf", "never")) == {("text", "--ocr never")}
    with pytest.raises(ValueError, match="use one of auto, always, never"):
        triage_document(path, "sometimes")  # type: ignore[arg-type]


@pytest.mark.parametrize("text,bad", [
    ("(cid:2005)", True), ("\ue000", True), ("\ufffd", True), ("区", False), ("(", False), ("cid", False),
])
def test_unreadable_characters(text: str, bad: bool) -> None:
    assert is_unreadable(text) is bad


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="unreadable_share"):
        TriageSettings(unreadable_share=0)
