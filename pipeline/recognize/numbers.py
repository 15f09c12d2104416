"""Case numbers as OCR reads them: misread digits decoded, and a No. fitted to its list's run.

A list's numbers run 1, 2, 3 …, so when OCR garbles a No. (「8]」 for 81, 「4950-」 for 49 with the
next row's No. run into it, 「93.被保護者…」 with the description run into the No. cell) the number
the run expects is the most likely reading; each such reading leaves a finding, and the numbering
check still compares the list against itself. A text-layer number is never decoded.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from pipeline.normalize import NormalizeError, normalize_text, parse_count
from pipeline.types import Case, Cell, Finding

# Letters OCR engines put for digits in a cell that holds only a number
# (Q for 0: the fax scan's 「5 Q」 for 50, a 0 whose closing stroke a speck crossed)
OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "〇": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "|": "1",
                            "i": "1", "Z": "2", "z": "2", "S": "5", "s": "5", "B": "8", "g": "9", "q": "9"})


# a bracket or bar between two digits is a 1 (「1]5」 for 115); beside a digit only, it is a speck or a rule's bit
_BAR_IN_DIGITS = re.compile(r"(?<=[0-9])[\]\[!](?=[0-9])")


def without_specks(text: str) -> str:
    """The text with punctuation and symbols dropped: what dust, a stray stroke or a bit of a
    neighbouring rule turns into when OCR'd (「. 0」, 「"0」, 「有]」, 「1 3・ 7」)."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PS")


def decode_number(cell: Cell) -> tuple[int, str | None]:
    """A count or case number; for an OCR'd cell, letters that are misread digits are read as
    digits and specks beside them (「1 3・ 7」, 「44・」, 「. 0」) dropped. Returns (value, what was
    decoded or None); raises NormalizeError. A text-layer cell is never decoded.

    Only letters argue against a number: a cell whose letters (after the digit fixes) are as
    many as its digits (「会 0」, a neighbour's glyph) is unreadable, whatever its specks.
    """
    try:
        return parse_count(cell.text), None
    except NormalizeError:
        if cell.source != "ocr":
            raise
    kept = without_specks(_BAR_IN_DIGITS.sub("1", normalize_text(cell.text).translate(OCR_DIGITS)))
    digits = re.sub(r"[^0-9\s]", "", kept)
    n_digits = len(digits.replace(" ", ""))
    if not n_digits or n_digits * 2 <= len(kept.replace(" ", "")):
        raise NormalizeError(f"not a count: {cell.text!r} (OCR read mostly non-digits)", cell.text)
    return parse_count(digits), f"{cell.text!r} read as {digits.strip()!r}"


def fit_ocr_number(case: Case, previous: int, findings: list[Finding]) -> Case:
    """A list's numbers run 1, 2, 3 …: an OCR'd No. that breaks the run, but whose digits alone
    (a stray letter dropped instead of read as a digit: 「7O」) continue it, is read that way; so is
    one that is the next number with a digit lost or garbled (「8]」 or 「8」 after 80: the 1 read as
    a bracket or not at all), else it decodes to 8 and the rows after it count on from there."""
    raw = case.raw.get("case_no", "")
    if case.source != "ocr" or case.case_no == previous + 1:
        return case
    digits = re.sub(r"\D", "", normalize_text(raw))
    if digits and int(digits) == previous + 1:
        findings.append(Finding("case_no_decoded", case.page_no,
                                f"{case.criterion}: {raw!r} read as {digits} (the number after {previous})"))
        return dataclasses.replace(case, case_no=int(digits))
    if garbles_next(raw, previous + 1) or begins_with_next(digits, previous + 1):
        findings.append(Finding("case_no_decoded", case.page_no, f"{case.criterion}: {raw!r} read as "
                                f"{previous + 1} (the number after {previous}; a digit lost, misread or run on)"))
        return dataclasses.replace(case, case_no=previous + 1)
    return case


def garbles_next(raw: str, wanted: int) -> bool:
    """Whether an OCR'd No. reads as ``wanted`` with at most one digit lost at its end or turned into
    a letter (「8]」, 「8」 for 81; 「1G8」 for 168), every digit it has standing where ``wanted`` has it.

    One digit only: a two-digit number with one right is still more likely the next number than a
    number 70 back, but a single digit of three (「1」 for 100) says too little.
    """
    read = "".join(normalize_text(raw).translate(OCR_DIGITS).split())
    # a speck may stand for the lost digit (「!31」) or be dust beside the number (「” 1G8」)
    return any(aligns(kept, str(wanted)) for kept in (read, without_specks(read)))


def aligns(kept: str, target: str) -> bool:
    """Whether ``kept`` has ``target``'s digits where ``target`` has them, all but one at most,
    and nothing past ``target``'s end."""
    if not kept or len(kept) > len(target) or len(target) < 2:
        return False
    matched = 0
    for have, want in zip(kept, target):
        if have.isdigit():
            if have != want:
                return False
            matched += 1
    return matched >= len(target) - 1


def begins_with_next(digits: str, wanted: int) -> bool:
    """Whether a No.'s digits are ``wanted`` with more digits run on (「4950」 after 48: the next
    row's No. or a rule read as digits). Not for a one-digit ``wanted``: 「23」 after 1 may be 23."""
    target = str(wanted)
    return len(target) >= 2 and len(digits) > len(target) and digits.startswith(target)


_NUMBER_FIRST = re.compile(r"\s*(\d+)[\s.．、,]*(?=\D)(.*)", re.DOTALL)


def number_first(text: str, wanted: int) -> str | None:
    """The rest of a text that begins with the number ``wanted`` and goes on with words
    (「93.被保護者…」, 「83(1)会議室…」): a No. cell and a description run together, as OCR reads
    them when the rule between them is lost. None when the text does not begin so."""
    found = _NUMBER_FIRST.fullmatch(normalize_text(text))
    if found is None or int(found.group(1)) != wanted or not found.group(2).strip():
        return None
    return found.group(2)


def run_end(numbers: list[int]) -> int:
    """Where a list's run stands after ``numbers`` (in reading order): the last number that follows
    the one before it, counted on by the rows read after it, so that a misread number (「562」 for
    62, 「18」 for 168) does not set what the next page's first row is expected to be; the last
    number when none follows its predecessor, 0 for none."""
    confirmed = [i for i, (before, n) in enumerate(zip([0, *numbers], numbers)) if n == before + 1]
    if not confirmed:
        return numbers[-1] if numbers else 0
    return numbers[confirmed[-1]] + len(numbers) - 1 - confirmed[-1]


def fitted_between(cases: list[Case]) -> tuple[list[Case], list[Finding]]:
    """The cases with an OCR'd No. that breaks the run read as the one number its neighbours leave
    for it (「67」 between No. 56 and No. 58 is 57; 「215」 between 215 and 217 is 216), each with a
    finding. Both neighbours must agree: a No. read right after a lost row (58 after 56) has a
    next row of 59, so it is left as read."""
    out = list(cases)
    findings: list[Finding] = []
    for i in range(1, len(out) - 1):
        before, case, after = out[i - 1], out[i], out[i + 1]
        if (case.source != "ocr" or before.criterion != case.criterion or after.criterion != case.criterion
                or after.case_no != before.case_no + 2 or case.case_no == before.case_no + 1):
            continue
        wanted = before.case_no + 1
        findings.append(Finding("case_no_decoded", case.page_no, f"{case.criterion}: "
                                f"{case.raw.get('case_no', '')!r} read as {wanted} (between No. {before.case_no} "
                                f"and No. {after.case_no}; it was read as {case.case_no})"))
        out[i] = dataclasses.replace(case, case_no=wanted)
    return out, findings
