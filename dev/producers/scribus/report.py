"""Lay the report out in Scribus 1.5 and export it with Scribus's own PDF exporter (run inside Scribus).

Run by dev/producers/scribus_writer.py as ``xvfb-run -a scribus -g -ns -py report.py`` with the environment's
SCRIBUS_REPORT (the JSON description the writer made), SCRIBUS_PDF (where to export) and SCRIBUS_ERROR (where a
failure's traceback goes). Scribus is a desktop-publishing program: this script does what a DTP user does by hand.
Every paragraph and every table cell is a text frame of its own, whose text Scribus sets (its line breaking, the
IPAex fonts at fixed line spacing); a cell's height is measured by laying its text out in a scratch frame of the
column's width (``getTextLines``, grown while ``textOverflows``), a row is as tall as its tallest cell; the script
then places rows on the A4 pages itself, keeping a row (and a run of merged rows) whole on one page and repeating a
list's header on each of its pages (but for a description whose repeat_header is false: the once style; a header of
``head_rows`` rows repeated whole, a cell of it across its ``colspan`` columns: the titled style's title row). Rules are Scribus lines (each cell edge once, the stronger of two cells' specs,
collinear pieces joined into one line), fills Scribus rectangles, double lines a Scribus multi-line style, rounded
corners a rectangle's corner radius, separate boxes rectangles. Scribus's own table object (createTable) is not
used: its scripted cells print their text only in the document's default paragraph style (no per-cell font, size,
alignment or colour through the 1.5.8 Scripter) and its rows do not grow to their text.
"""

import itertools
import json
import os
import traceback

import scribus

ALIGN = {"left": scribus.ALIGN_LEFT, "center": scribus.ALIGN_CENTERED, "right": scribus.ALIGN_RIGHT,
         "distributed": scribus.ALIGN_FORCED}  # distributed: forced justification, the last line spread too
VALIGN = {"top": scribus.ALIGNV_TOP, "middle": scribus.ALIGNV_CENTERED}


class Layout:
    def __init__(self, spec):
        self.spec = spec
        self.width, self.height = spec["page"]
        self.left, self.right, self.top, self.bottom = spec["margins"]
        self.fonts = spec["fonts"]
        self.colours = {}
        self.page = 1
        self.y = self.top
        self.measured = {}
        orientation = scribus.PORTRAIT if self.width < self.height else scribus.LANDSCAPE
        size = (min(self.width, self.height), max(self.width, self.height))
        scribus.newDocument(size, (self.left, self.right, self.top, self.bottom), orientation, 1,
                            scribus.UNIT_POINTS, scribus.PAGE_1, 0, 1)
        scribus.setRedraw(False)
        self.double_style = None
        self.scratch = scribus.createText(0, 0, 100, 2000, "scratch")
        self.footer()
        self.running()

    # ---- colours, frames, measuring ----
    def colour(self, hexa):
        """A named RGB colour for ``#RRGGBB`` (defined once)."""
        if hexa not in self.colours:
            name = "rgb" + hexa.lstrip("#").upper()
            scribus.defineColorRGB(name, int(hexa[1:3], 16), int(hexa[3:5], 16), int(hexa[5:7], 16))
            self.colours[hexa] = name
        return self.colours[hexa]

    def styled(self, frame, text, font, size, lead, align, pads, colour="#000000"):
        scribus.setText(text, frame)
        scribus.setFont(self.fonts[font], frame)
        scribus.setFontSize(size, frame)
        scribus.setLineSpacingMode(0, frame)
        scribus.setLineSpacing(lead, frame)
        scribus.setTextAlignment(ALIGN[align], frame)
        scribus.setTextDistances(pads[0], pads[1], pads[2], pads[3], frame)
        scribus.setTextColor(self.colour(colour), frame)
        scribus.setFirstLineOffset(scribus.FLOP_FONTASCENT, frame)  # the first line's ascent at the frame's top

    def measure(self, text, font, size, lead, width, pads):
        """The height a text frame ``width`` wide needs to print all of ``text`` (Scribus's own line breaking)."""
        key = (text, font, size, lead, round(width, 2), tuple(pads))
        if key in self.measured:
            return self.measured[key]
        frame = self.scratch
        scribus.sizeObject(width, 2000, frame)
        self.styled(frame, text, font, size, lead, "left", pads)
        scribus.layoutText(frame)
        lines = max(1, scribus.getTextLines(frame))
        height = lines * lead + pads[2] + pads[3]
        scribus.sizeObject(width, height, frame)
        scribus.layoutText(frame)
        while scribus.textOverflows(frame, 1):
            if height > lines * lead * 2 + size * 8:  # Scribus cannot set it this narrow: grow no more
                self.measured[key] = None
                return None
            height += size * 0.25
            scribus.sizeObject(width, height, frame)
            scribus.layoutText(frame)
        self.measured[key] = height
        return height

    def text_frame(self, x, y, w, h, text, font, size, lead, align, pads, valign="top", colour="#000000"):
        frame = scribus.createText(x, y, w, h)
        self.styled(frame, text, font, size, lead, align, pads, colour)
        scribus.setTextVerticalAlignment(VALIGN[valign], frame)
        scribus.setFillColor("None", frame)
        scribus.setLineColor("None", frame)
        scribus.layoutText(frame)
        if scribus.textOverflows(frame, 1):  # never lose a line: the frame grows past its row instead
            scribus.sizeObject(w, h + size * 2, frame)
        return frame

    # ---- pages ----
    def footer(self):
        foot = self.spec["footer"]
        if "foot" in foot:  # the footed style: every page's foot drawn once the page count is known (feet)
            return
        self.text_frame(self.left, self.height - foot["y"] - foot["size"] * 1.2, self.width - self.left - self.right,
                        foot["size"] * 1.6, f"- {self.page} -", foot["font"], foot["size"], foot["size"] * 1.2,
                        "center", (0, 0, 0, 0))

    def running(self):
        """The running style (dev/producers/running.py): the head a text frame (its first line's ascent at the
        frame's top), its rule a line across the text width, and on page 1 the label's box a stroked rectangle with
        the label centred in a frame over it."""
        run = self.spec.get("running")
        if not run:
            return
        ascent = 0.88  # IPAex's ascender, in em
        self.text_frame(run["left"], run["baseline"] - run["size"] * ascent, run["right"] - run["left"],
                        run["size"] * 1.6, run["text"], run["font"], run["size"], run["size"] * 1.2, "left",
                        (0, 0, 0, 0))
        line = scribus.createLine(run["left"], run["rule"], run["right"], run["rule"])
        scribus.setLineWidth(run["rule_width"], line)
        scribus.setLineColor("Black", line)
        if self.page == 1:
            x0, y0, x1, y1 = run["box"]
            box = scribus.createRect(x0, y0, x1 - x0, y1 - y0)
            scribus.setFillColor("None", box)
            scribus.setLineColor("Black", box)
            scribus.setLineWidth(run["box_width"], box)
            size = run["label_size"]
            self.text_frame(x0, run["label_baseline"] - size * ascent, x1 - x0, size * 1.4, run["label"],
                            run["font"], size, size * 1.2, "center", (0, 0, 0, 0))

    def new_page(self):
        scribus.newPage(-1)
        self.page += 1
        scribus.gotoPage(self.page)
        self.y = self.top
        self.footer()
        self.running()

    def room(self):
        return self.height - self.bottom - self.y

    # ---- paragraphs ----
    def paragraph_width(self, block):
        """The text width, or the share of it a block gives (the notes style's unit caption: its summary's width)."""
        width = self.width - self.left - self.right
        return width * block["width"] / 100.0 if "width" in block else width

    def paragraph_height(self, block):
        return self.measure(block["text"], block["font"], block["size"], block["size"] * 1.4,
                            self.paragraph_width(block), (0, 0, 0, 0)) + block["gap"]

    def paragraph(self, block, need_after=0.0):
        if block["new_page"] and self.y > self.top:
            self.new_page()
        height = self.paragraph_height(block)
        if height + need_after > self.room() and self.y > self.top:
            self.new_page()
        width = self.paragraph_width(block)
        self.text_frame(self.left, self.y, width, height - block["gap"], block["text"], block["font"], block["size"],
                        block["size"] * 1.4, block["align"], (0, 0, 0, 0))
        self.y += height

    # ---- tables ----
    def table_geometry(self, table):
        width = (self.width - self.left - self.right) * table["width"] / 100.0
        total = sum(table["weights"])
        widths = [width * w / total for w in table["weights"]]
        x0 = self.left + ((self.width - self.left - self.right) - width) / 2
        xs = [x0]
        for w in widths:
            xs.append(xs[-1] + w)
        return xs

    @staticmethod
    def cell_pads(table, align, width):
        """A cell's text distances: the table's padding, and half an em more on the side a line grows to: Scribus
        ends a line of ideographs only once a glyph's middle passes the frame's inner edge, so a line may be half a
        glyph longer than the frame's inner width, and would run over the padding onto the column's rule (a
        left-aligned line at its right, a right-aligned one at its left, a centred one a quarter em at each)."""
        pad, size = table["pad"], table["size"]
        extra = min(size / 2, max(0.0, width - pad[0] - pad[1] - size))  # an ideograph always fits a line
        grow = {"left": (0.0, extra), "right": (extra, 0.0), "center": (extra / 2, extra / 2),
                "distributed": (extra / 2, extra / 2)}[align]
        return (pad[0] + grow[0], pad[1] + grow[1], pad[2], pad[3])

    def fitted(self, table, cell, width):
        """The text distances a cell is set with and the height it then needs: ``cell_pads`` where its extra half em
        costs no line (else a number in a narrow column, 「100」, would wrap: its last digit may run half a glyph into
        the padding instead), the table's own padding otherwise, and none at the sides where Scribus cannot set the
        text even so (a word of Latin letters in a column a few points wide)."""
        size, lead, pad = table["size"], table["size"] * table["leading"], table["pad"]
        plain = self.measure(cell["text"], cell["font"], size, lead, width, tuple(pad))
        extra = self.cell_pads(table, cell["align"], width)
        wider = self.measure(cell["text"], cell["font"], size, lead, width, extra)
        sides = (0.0, 0.0, pad[2], pad[3])
        if plain is not None and cell["text"].replace(" ", "").isdigit():  # a number is never wrapped by padding:
            bare = self.measure(cell["text"], cell["font"], size, lead, width, sides)  # 「10」 in a 15.7 pt column
            if bare is not None and bare < plain:
                return sides, bare
        if plain is not None and wider is not None and wider <= plain:
            return extra, wider
        if plain is not None:
            return tuple(pad), plain
        height = self.measure(cell["text"], cell["font"], size, lead, width, sides)
        if height is None:
            raise RuntimeError(f"{cell['text']!r} does not fit a frame {width:.1f} pt wide")
        return sides, height

    def row_heights(self, table, xs):
        """Each row's height: its tallest cell's; a merged cell taller than its rows adds the rest to its last row."""
        lead, pad = table["size"] * table["leading"], table["pad"]
        rows = table["rows"]
        heights = []
        for cells in rows:
            need = lead + pad[2] + pad[3]
            for c, cell in enumerate(cells):
                if cell and cell["span"] == 1:
                    need = max(need, self.fitted(table, cell, xs[c + cell.get("colspan", 1)] - xs[c])[1])
            heights.append(need)
        for r, cells in enumerate(rows):
            for c, cell in enumerate(cells):
                if cell and cell["span"] > 1:
                    need = self.fitted(table, cell, xs[c + cell.get("colspan", 1)] - xs[c])[1]
                    have = sum(heights[r:r + cell["span"]])
                    if need > have:
                        heights[r + cell["span"] - 1] += need - have
        return heights

    def table(self, table, keep=0.0, tail=0.0):
        """Place the table's rows page by page: the header first on every page, each group of rows whole; the last
        group with ``tail`` points under it (the notes style's notes, kept with the last row)."""
        xs = self.table_geometry(table)
        heights = self.row_heights(table, xs)
        groups = table["groups"]
        lead = list(range(table.get("head_rows", 1)))  # the header's rows: one, or the titled style's two
        first = sum(heights[r] for r in lead) + (sum(heights[groups[0][0]:groups[0][1]]) if groups else 0.0)
        if first + keep > self.room() and self.y > self.top:
            self.new_page()
        head = list(lead) if table.get("repeat_header", True) else []  # once: no header on a continuation page
        part = list(lead)
        for start, end in groups:
            need = sum(heights[start:end]) + (tail + table["after"] if tail and end == groups[-1][1] else 0.0)
            if self.y + sum(heights[r] for r in part) + need > self.height - self.bottom and part[-1] >= len(lead):
                self.draw_part(table, xs, heights, part)
                self.new_page()
                part = list(head)
            part += list(range(start, end))
        self.draw_part(table, xs, heights, part)

    def draw_part(self, table, xs, heights, part):
        """One page's part of a table: its rows from self.y down; fills, then texts, then rules."""
        rows = table["rows"]
        ys = {}
        y = self.y
        for r in part:
            ys[r] = y
            y += heights[r]
        bottom = y
        frame = table["frame"]
        if frame == "rounded":
            self.rounded_header(xs, self.y, heights[0], table["header_fill"])
        segments = {}
        for r in part:
            for c, cell in enumerate(rows[r]):
                if not cell:
                    continue
                span_rows = [q for q in range(r, r + cell["span"]) if q in ys]
                h = sum(heights[q] for q in span_rows)
                x, w, top = xs[c], xs[c + cell.get("colspan", 1)] - xs[c], ys[r]
                if cell["fill"]:
                    rect = scribus.createRect(x, top, w, h)
                    scribus.setFillColor(self.colour(cell["fill"]), rect)
                    scribus.setLineColor("None", rect)
                self.text_frame(x, top, w, h, cell["text"], cell["font"], table["size"],
                                table["size"] * table["leading"], cell["align"], self.fitted(table, cell, w)[0],
                                cell["valign"],
                                cell["colour"] or "#000000")
                sides = list(cell["sides"])
                if span_rows[-1] == part[-1] and r > 0:  # a page's part ends here: closed as the table's end
                    sides[1] = strongest(sides[1], cell["break_bottom"])
                edges = ((("h", top, x, x + w), sides[0]), (("h", top + h, x, x + w), sides[1]),
                         (("v", x, top, top + h), sides[2]), (("v", x + w, top, top + h), sides[3]))
                for key, side in edges:
                    if side:
                        key = tuple(round(v, 2) if isinstance(v, float) else v for v in key)
                        segments[key] = strongest(segments.get(key), side)
                if frame == "separate":
                    box = scribus.createRect(x + 1, top + 1, w - 2, h - 2)
                    self.stroke(box, table["rule"])
                    scribus.setFillColor("None", box)
        outline = (round(self.y, 2), round(bottom, 2), round(xs[0], 2), round(xs[-1], 2))
        if frame != "none":  # the frame's own outline is drawn below, not a cell's edge on it
            segments = {k: v for k, v in segments.items()
                        if not ((k[0] == "h" and k[1] in outline[:2]) or (k[0] == "v" and k[1] in outline[2:]))}
        self.rules(segments)
        if frame == "separate":
            box = scribus.createRect(xs[0] - 1, self.y - 1, xs[-1] - xs[0] + 2, bottom - self.y + 2)
            self.stroke(box, table["rule"])
            scribus.setFillColor("None", box)
        elif frame == "rounded":
            box = scribus.createRect(xs[0], self.y, xs[-1] - xs[0], bottom - self.y)
            self.stroke(box, table["rule"])
            scribus.setFillColor("None", box)
            scribus.setCornerRadius(round(table["radius"]), box)
        elif frame == "double":
            box = scribus.createRect(xs[0], self.y, xs[-1] - xs[0], bottom - self.y)
            scribus.setFillColor("None", box)
            scribus.setMultiLine(self.double_line(table["double"]), box)
            rule = scribus.createLine(xs[0], self.y + heights[0], xs[-1], self.y + heights[0])
            scribus.setMultiLine(self.double_line(table["double"]), rule)
        self.y = bottom + table["after"]

    def rounded_header(self, xs, top, height, fill):
        """The rounded frame's header grey: a rectangle with the frame's corner radius, its lower corners squared
        by a second grey rectangle over the header's lower half."""
        for y, h, radius in ((top, height, 6.0), (top + height / 2, height / 2, 0.0)):
            rect = scribus.createRect(xs[0], y, xs[-1] - xs[0], h)
            scribus.setFillColor(self.colour(fill), rect)
            scribus.setLineColor("None", rect)
            if radius:
                scribus.setCornerRadius(round(radius), rect)  # the Scripter takes whole points

    def double_line(self, spec):
        """Scribus's multi-line style for a double rule: a wide black line under a narrower white one, leaving two
        black lines ``width`` wide whose centres are ``gap`` apart (how Scribus's line styles draw a double line)."""
        if self.double_style is None:
            width, gap = spec
            self.double_style = "Double"
            scribus.createCustomLineStyle(self.double_style, [  # Scribus strokes a style's last subline first
                {"Color": self.colour("#FFFFFF"), "Width": gap - width, "Shade": 100},
                {"Color": self.colour("#000000"), "Width": gap + width, "Shade": 100}])
        return self.double_style

    def stroke(self, item, side):
        kind, width, colour = side
        scribus.setLineWidth(width, item)
        scribus.setLineColor(self.colour(colour), item)
        scribus.setLineStyle(scribus.LINE_DOT if kind == "dotted" else scribus.LINE_SOLID, item)

    def rules(self, segments):
        """Each rule once: collinear pieces of one kind joined into one Scribus line."""
        runs = {}
        for (orient, at, a, b), side in segments.items():
            runs.setdefault((orient, at, tuple(side)), []).append((a, b))
        for (orient, at, side), pieces in sorted(runs.items()):
            pieces.sort()
            joined = [list(pieces[0])]
            for a, b in pieces[1:]:
                if a <= joined[-1][1] + 0.01:
                    joined[-1][1] = max(joined[-1][1], b)
                else:
                    joined.append([a, b])
            for a, b in joined:
                line = scribus.createLine(a, at, b, at) if orient == "h" else scribus.createLine(at, a, at, b)
                self.stroke(line, side)

    # ---- the report ----
    def run(self):
        blocks = self.spec["blocks"]
        for i, block in enumerate(blocks):
            if block["type"] == "para":
                after = blocks[i + 1] if i + 1 < len(blocks) else None
                keep = 0.0
                if after and after["type"] == "table" and not block["new_page"]:
                    keep = self.table_start(after)
                self.paragraph(block, keep)
            elif block["type"] == "pair":  # the sidebyside style: two summaries abreast
                self.pair(block)
            else:
                notes = itertools.takewhile(lambda b: b.get("note"), blocks[i + 1:])  # the notes style's
                self.table(block, tail=sum(self.paragraph_height(b) for b in notes))
        scribus.deleteObject(self.scratch)
        self.feet()

    def feet(self):
        """The footed style (dev/producers/footed.py): on every page, once the pages are laid out, three text frames
        across the text width on the page number's line: the office at the left, the number centred ({n} the page,
        {N} the page count), the print date at the right."""
        foot = self.spec["footer"]
        parts = foot.get("foot")
        if not parts:
            return
        width, size = self.width - self.left - self.right, foot["size"]
        for page in range(1, self.page + 1):
            scribus.gotoPage(page)
            number = parts["number"].replace("{n}", str(page)).replace("{N}", str(self.page))
            for text, align in ((parts["left"], "left"), (number, "center"), (parts["right"], "right")):
                if text:
                    self.text_frame(self.left, self.height - foot["y"] - size * 1.2, width, size * 1.6, text,
                                    foot["font"], size, size * 1.2, align, (0, 0, 0, 0))

    def pair(self, block):
        """The sidebyside style: two summaries abreast as a Scribus user lays them out, each caption a text frame and
        each table its frames and rules in its own half of the text width (a gutter share between), a new page first
        if the pair does not fit; both captions from the band's top, both tables from under the taller caption, so
        that they start at one height; y under the taller table."""
        text = self.width - self.left - self.right
        half = text * (1 - block["gutter"]) / 2
        lefts = [self.left + i * (half + text * block["gutter"]) for i in range(len(block["halves"]))]
        geometry = []
        for x, (_, table) in zip(lefts, block["halves"]):
            total = sum(table["weights"])
            xs = [x]
            for w in table["weights"]:
                xs.append(xs[-1] + half * w / total)
            geometry.append((xs, self.row_heights(table, xs)))
        caption = max([self.paragraph_height(c) for c, _ in block["halves"] if c] or [0.0])
        if caption + max(sum(h) for _, h in geometry) > self.room() and self.y > self.top:
            self.new_page()
        top = self.y
        for x, (cap, _) in zip(lefts, block["halves"]):
            if cap:
                self.text_frame(x, top, half, self.paragraph_height(cap) - cap["gap"], cap["text"], cap["font"],
                                cap["size"], cap["size"] * 1.4, cap["align"], (0, 0, 0, 0))
        ends = []
        for (xs, heights), (_, table) in zip(geometry, block["halves"]):
            self.y = top + caption
            self.draw_part(table, xs, heights, list(range(len(heights))))
            ends.append(self.y)
        self.y = max(ends)

    def table_start(self, table):
        """The height of a table's header and first rows, kept with the caption above it."""
        xs = self.table_geometry(table)
        heights = self.row_heights(table, xs)
        start, end = table["groups"][0]
        return sum(heights[:table.get("head_rows", 1)]) + sum(heights[start:end])

    def export(self, path):
        info = self.spec["info"]
        scribus.setInfo(info["author"], info["title"], info["subject"])
        pdf = scribus.PDFfile()
        pdf.file = path
        pdf.fontEmbedding = 0  # embed, not outline
        pdf.fonts = list(self.fonts.values())
        pdf.subsetList = list(self.fonts.values())
        pdf.compress = True
        pdf.version = 14
        pdf.thumbnails = False
        pdf.save()


def strongest(one, other):
    """Of two specs for one edge, the wider (a missing one loses)."""
    if one is None:
        return other
    if other is None:
        return one
    return other if other[1] > one[1] else one


def main():
    with open(os.environ["SCRIBUS_REPORT"], encoding="utf-8") as handle:
        spec = json.load(handle)
    layout = Layout(spec)
    layout.run()
    layout.export(os.environ["SCRIBUS_PDF"])


try:
    main()
except Exception:  # noqa: BLE001 - the traceback is the writer's error message
    with open(os.environ["SCRIBUS_ERROR"], "w", encoding="utf-8") as out:
        out.write(traceback.format_exc())
