"""Empty spacer columns and rows set apart by blank lines in a fully ruled grid, on hand-made rules and characters.

Each expectation follows from where the rules and characters are placed
here (which columns hold text, how wide the empty ones are against the
text's size), not from any output of the code under test.
"""

from __future__ import annotations

from pipeline.extract.alignment import _extent, line_chunks
from pipeline.extract.ruling import Segment, table_to_grid
from pipeline.extract.spacing import _column_chunks, line_breaks, rows_set_apart, without_spacer_columns
from tests.extract.make_tables import solid_run


def line(text: str, x0: float, top: float, size: float = 10.0) -> list[dict]:
    return [{"text": ch, "x0": x0 + i * size * 0.6, "x1": x0 + (i + 1) * size * 0.6, "top": top,
             "bottom": top + size, "size": size} for i, ch in enumerate(text)]


def ruled(xs: tuple[float, ...], ys: tuple[float, ...]):  # type: ignore[no-untyped-def]
    return table_to_grid([Segment(y, xs[0], xs[-1]) for y in ys], [Segment(x, ys[0], ys[-1]) for x in xs])


def test_an_empty_column_narrower_than_the_text_joins_the_column_on_its_left() -> None:
    # columns: label 40..140, 1997 140..180, spacer 180..189 (9 pt beside 10 pt text), 1995 189..230
    grid = ruled((40, 140, 180, 189, 230), (100, 115, 130, 145))
    chars = [c for top, cells in ((102, ("", "1997", "1995")), (117, ("UK", "42.3", "29")), (132, ("France", "18.2", "16")))
             for text, x0 in zip(cells, (45, 145, 194)) for c in line(text, x0, top)]
    joined = without_spacer_columns(grid, chars)
    assert joined is not None and joined.xs == (40, 140, 189, 230)
    assert len(joined.cells) == 9 and all(c.col_span == 1 and c.row_span == 1 for c in joined.cells)


def test_an_empty_column_as_wide_as_a_value_stays() -> None:
    grid = ruled((40, 140, 180, 220, 260), (100, 115, 130))  # 180..220: an empty column 40 pt wide
    chars = [*line("UK", 45, 102), *line("42.3", 145, 102), *line("29", 225, 102),
             *line("FR", 45, 117), *line("18.2", 145, 117), *line("16", 225, 117)]
    assert without_spacer_columns(grid, chars) is None


def test_a_narrow_column_with_a_mark_in_it_stays() -> None:
    grid = ruled((40, 140, 149, 190), (100, 115, 130))  # 140..149 holds a footnote mark in one row
    chars = [*line("UK", 45, 102), *line("*", 142, 102), *line("29", 155, 102),
             *line("FR", 45, 117), *line("16", 155, 117)]
    assert without_spacer_columns(grid, chars) is None


def test_a_band_of_rows_set_apart_by_blank_lines_is_split_at_them() -> None:
    # header band 100..115; one band 115..200: a group label, a blank line, two rows of three columns
    grid = ruled((40, 140, 240, 340), (100, 115, 200))
    chars = [*line("Source", 45, 102), *line("Definition", 145, 102), *line("Examples", 245, 102),
             *line("Stationary:", 45, 117),  # then a blank line (127..141)
             *line("Major", 45, 141), *line("10 tons a", 145, 141), *line("Utilities", 245, 141),
             *line("year", 145, 152),  # the row's second line, no gap before it
             *line("Area", 45, 176), *line("less than", 145, 176), *line("Shops", 245, 176)]
    split = rows_set_apart(grid, chars)
    assert split is not None and split.ys == (100, 115, 134, 169, 200)  # mid-gap: (127 + 141) / 2, (162 + 176) / 2
    assert len(split.cells) == 12 and all(c.row_span == 1 and c.col_span == 1 for c in split.cells)


def test_second_paragraphs_in_the_value_columns_stay_in_their_row() -> None:
    grid = ruled((40, 140, 240, 340), (100, 115, 170))
    chars = [*line("Groups", 45, 102), *line("Butter", 145, 102), *line("Margarine", 245, 102),
             *line("Astra", 45, 117), *line("Total: 0%", 145, 117), *line("Total: 47%", 245, 117),
             *line("(Fruit)", 145, 141), *line("(Prima)", 245, 141)]  # after a blank line, no label
    assert rows_set_apart(grid, chars) is None


def test_a_column_is_chunked_where_the_line_is_chunked_after_a_hung_mark() -> None:
    """matplotlib draws the next column's text over the last closing mark a line hangs past its cell
    (0.65 font sizes into 「保健」): ``alignment.line_chunks`` parts the line there (``overset.set_over``),
    and a column's chunks cut from the line's breaks must part it there too."""
    size = 7.5
    text = solid_run("という。)、", 0.0, 0.0, size)
    next_text = solid_run("保健福祉課", text[-1]["x1"] - 0.65 * size, 0.0, size)
    whole = [*text, *next_text]
    assert [[c["text"] for c in ch] for ch in line_chunks(whole)] == [list("という。)、"), list("保健福祉課")]
    extents = _column_chunks(whole, line_breaks(whole), -1.0, 1000.0)
    assert extents == [_extent(ch) for ch in line_chunks(whole)]
