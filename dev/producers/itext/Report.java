/*
 * The report laid out and written by iText 5 (Debian libitext5-java), from the plain description
 * dev/producers/itext_writer.py writes: one record a line, fields parted by tabs (\t, \n and \\ escaped).
 *
 *   page  WIDTH HEIGHT LEFT RIGHT TOP BOTTOM        the page size and margins, in points
 *   font  NAME PATH                                 a TrueType font, embedded (Identity-H, subset)
 *   info  TITLE AUTHOR CREATED                      the document information, CREATED as D:YYYYMMDDhhmmssZ
 *   footer FONT SIZE Y                              "- n -" centred at Y on every page
 *   footed FONT SIZE Y LEFT RIGHT OFFICE BEFORE AFTER COUNT PRINTED
 *                                                   the footed style (instead of footer): OFFICE at (LEFT, Y),
 *                                                   BEFORE n AFTER centred and (COUNT 1) the page count after it,
 *                                                   a PdfTemplate written when the document closes, PRINTED at
 *                                                   (RIGHT, Y) right-aligned, on every page (a page event, Footed)
 *   running FONT HEADSIZE LABELSIZE HEADRULE LABELRULE LEFT RIGHT BASELINE RULE X0 Y0 X1 Y1 LABELBASE TEXT LABEL
 *                                                   the running style: TEXT at (LEFT, BASELINE) and a rule from LEFT
 *                                                   to RIGHT at RULE on every page; on page 1 the box X0 Y0 X1 Y1
 *                                                   and LABEL centred in it on LABELBASE (a page event, Running)
 *   para  FONT SIZE ALIGN NEWPAGE AFTER TEXT        a paragraph (NEWPAGE 1: from a new page)
 *   table COLS WEIGHTS PERCENT FRAME PAD TOP BOTTOM LEADING [HEADROWS]
 *                                                   a PdfPTable, its first row (HEADROWS rows) the header (repeated;
 *                                                   HEADROWS 0: no header rows, nothing repeated)
 *   cell  ROWSPAN FONT SIZE HALIGN VALIGN FILL COLOUR TOP BOTTOM LEFT RIGHT TEXT   (HALIGN distributed: 均等割り付け)
 *                                                   ROWSPAN "rows/columns" where a cell spans columns too
 *   keep  ROWS                                      rows (comma-parted) with no page break after them (a merged run)
 *   end                                             the table is complete: add it
 *
 * A side is "-" (none), "solid:W:RRGGBB" (the cell's own border) or "dotted:W:RRGGBB" (a cell event strokes it
 * with a dash pattern of round dots). FRAME is none, double (a table event draws each page's part inside two
 * rules and the header rule as two), separate (a cell event draws each cell's own box inset, a table event the
 * table's box outset) or rounded (a table event strokes each page's part as a rounded rectangle and fills the
 * header row grey inside its top corners). Everything else, line breaking, column widths, page breaking and the
 * header row repeated on every page (setHeaderRows(1)), is iText's own.
 */

import com.itextpdf.text.BaseColor;
import com.itextpdf.text.Document;
import com.itextpdf.text.Element;
import com.itextpdf.text.Font;
import com.itextpdf.text.Paragraph;
import com.itextpdf.text.Phrase;
import com.itextpdf.text.Rectangle;
import com.itextpdf.text.pdf.BaseFont;
import com.itextpdf.text.pdf.ColumnText;
import com.itextpdf.text.pdf.PdfContentByte;
import com.itextpdf.text.pdf.PdfDate;
import com.itextpdf.text.pdf.PdfName;
import com.itextpdf.text.pdf.PdfPCell;
import com.itextpdf.text.pdf.PdfPCellEvent;
import com.itextpdf.text.pdf.PdfPTable;
import com.itextpdf.text.pdf.PdfPTableEvent;
import com.itextpdf.text.pdf.PdfPageEventHelper;
import com.itextpdf.text.pdf.PdfString;
import com.itextpdf.text.pdf.PdfTemplate;
import com.itextpdf.text.pdf.PdfWriter;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public final class Report {
    static final float KAPPA = 0.5523f; // a quarter circle as one cubic Bezier
    static final float RULE = 0.5f; // the event-drawn rules' width
    static final float DOUBLE_GAP = 2f; // the double frame's two rules, centre to centre
    static final float BOX_INSET = 1f; // separate: each cell's box inside its grid lines, the table's box outside
    static final float RADIUS = 6f; // rounded: the frame's corner radius
    static final BaseColor GREY = new BaseColor(0xC8, 0xC8, 0xC8); // rounded: the header row's fill

    static final Map<String, BaseFont> FONTS = new HashMap<>();

    public static void main(String[] args) throws Exception {
        List<String[]> records = read(args[0]);
        String[] page = records.get(0);
        Document doc = new Document(new Rectangle(f(page[1]), f(page[2])), f(page[3]), f(page[4]), f(page[5]),
                f(page[6]));
        PdfWriter writer = PdfWriter.getInstance(doc, new FileOutputStream(args[1]));
        String created = null;
        PdfPTable table = null;
        PdfPTable outer = null; // the sidebyside style: a pair's outer table, while its cells are added
        for (String[] r : records.subList(1, records.size())) {
            switch (r[0]) {
                case "font":
                    FONTS.put(r[1], BaseFont.createFont(r[2], BaseFont.IDENTITY_H, BaseFont.EMBEDDED));
                    break;
                case "info":
                    doc.addTitle(r[1]);
                    doc.addAuthor(r[2]);
                    created = r[3];
                    break;
                case "footer":
                    writer.setPageEvent(new Footer(new Font(FONTS.get(r[1]), f(r[2])), f(r[3])));
                    break;
                case "running":
                    writer.setPageEvent(new Running(r));
                    break;
                case "footed":
                    writer.setPageEvent(new Footed(r));
                    break;
                case "para":
                    open(doc, writer, created);
                    if (r[4].equals("1")) {
                        doc.newPage();
                    }
                    if (r.length > 8 && writer.getVerticalPosition(true) - doc.bottom() < f(r[8])) {
                        doc.newPage(); // the notes style's unit caption: on the page its table starts on
                    }
                    Paragraph p = new Paragraph(r[6], new Font(FONTS.get(r[1]), f(r[2])));
                    p.setAlignment(align(r[3]));
                    p.setSpacingAfter(f(r[5]));
                    if (r.length > 7) { // the notes style's unit caption: right-aligned at a summary's right edge
                        p.setIndentationRight(f(r[7]));
                    }
                    doc.add(p);
                    break;
                case "table":
                    open(doc, writer, created);
                    table = table(r);
                    break;
                case "cell":
                    table.addCell(cell(r, table));
                    break;
                case "keep": // no page break after these rows, where iText can: a merged run on one page
                    String[] kept = r[1].split(",");
                    int[] rows = new int[kept.length];
                    for (int i = 0; i < kept.length; i++) {
                        rows[i] = Integer.parseInt(kept[i]);
                    }
                    table.keepRowsTogether(rows);
                    break;
                case "end":
                    if (r.length > 1) { // the notes style: its notes' paragraphs a small gap under the last row
                        table.setSpacingAfter(f(r[1]));
                    }
                    if (outer != null) { // sidebyside: the table nested in its half of the pair's outer table
                        PdfPCell half = slot(new PdfPCell()); // composite: the table keeps its own height
                        half.addElement(table);
                        outer.addCell(half);
                    } else {
                        doc.add(table);
                    }
                    table = null;
                    break;
                case "pair": // sidebyside: an outer table of a half, the gutter and a half, kept on one page
                    open(doc, writer, created);
                    outer = new PdfPTable(new float[] {f(r[1]), f(r[2]), f(r[1])});
                    outer.setWidthPercentage(100);
                    outer.setHorizontalAlignment(Element.ALIGN_LEFT);
                    outer.setKeepTogether(true);
                    outer.setSpacingBefore(4f);
                    outer.setSpacingAfter(10f);
                    break;
                case "slot": // sidebyside: an outer cell, a caption (font, size, text) or empty (the gutter)
                    PdfPCell s = slot(r.length > 3 ? new PdfPCell(new Phrase(r[3], new Font(FONTS.get(r[1]), f(r[2]))))
                            : new PdfPCell());
                    s.setPaddingBottom(r.length > 3 ? 4f : 0f);
                    outer.addCell(s);
                    break;
                case "pairend":
                    doc.add(outer);
                    outer = null;
                    break;
                default:
                    throw new IllegalArgumentException("unknown record " + r[0]);
            }
        }
        doc.close();
    }

    static PdfPCell slot(PdfPCell c) { // an outer cell of a sidebyside pair: no border, no padding
        c.setBorder(Rectangle.NO_BORDER);
        c.setPadding(0f);
        return c;
    }

    static void open(Document doc, PdfWriter writer, String created) {
        if (doc.isOpen()) {
            return;
        }
        doc.open();
        if (created != null) { // the run's time replaced by the report's fixed date
            writer.getInfo().put(PdfName.CREATIONDATE, new PdfString(created));
            writer.getInfo().put(PdfName.MODDATE, new PdfString(created));
        }
    }

    static PdfPTable table(String[] r) throws Exception {
        String[] parts = r[2].split(",");
        float[] weights = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            weights[i] = f(parts[i]);
        }
        PdfPTable t = new PdfPTable(weights);
        t.setWidthPercentage(f(r[3]));
        t.setHorizontalAlignment(Element.ALIGN_LEFT);
        t.setHeaderRows(r.length > 9 ? Integer.parseInt(r[9]) : 1);
        if (r.length > 11) { // continued: a footer row, no header on the first page, no footer on the last
            t.setFooterRows(Integer.parseInt(r[10]));
            t.setSkipFirstHeader(true);
            t.setSkipLastFooter(true);
        }
        t.setSpacingBefore(4f);
        t.setSpacingAfter(10f);
        String frame = r[4];
        if (!frame.equals("none")) {
            t.setTableEvent(new Frame(frame));
        }
        padding.put(t, new float[] {f(r[5]), f(r[6]), f(r[7]), f(r[8])});
        framing.put(t, frame);
        return t;
    }

    static final Map<PdfPTable, float[]> padding = new HashMap<>();  // sides, top, bottom (pt), leading (font sizes)
    static final Map<PdfPTable, String> framing = new HashMap<>();

    static PdfPCell cell(String[] r, PdfPTable table) {
        BaseColor colour = r[7].equals("-") ? BaseColor.BLACK : colour(r[7]);
        PdfPCell c = new PdfPCell(new Phrase(r[12], new Font(FONTS.get(r[2]), f(r[3]), Font.NORMAL, colour)));
        String[] span = r[1].split("/");
        c.setRowspan(Integer.parseInt(span[0]));
        if (span.length > 1) {
            c.setColspan(Integer.parseInt(span[1]));
        }
        c.setHorizontalAlignment(align(r[4]));
        c.setVerticalAlignment(r[5].equals("middle") ? Element.ALIGN_MIDDLE : Element.ALIGN_TOP);
        float[] pad = padding.get(table);
        c.setPaddingTop(pad[1]);
        c.setPaddingBottom(pad[2]);
        c.setPaddingLeft(pad[0]);
        c.setPaddingRight(pad[0]);
        c.setUseAscender(true);
        c.setLeading(0f, pad[3]);
        if (!r[6].equals("-")) {
            c.setBackgroundColor(colour(r[6]));
        }
        int[] sides = {Rectangle.TOP, Rectangle.BOTTOM, Rectangle.LEFT, Rectangle.RIGHT};
        int border = Rectangle.NO_BORDER;
        List<String[]> dotted = new ArrayList<>();
        float width = -1f;
        boolean uniform = true;
        for (int i = 0; i < 4; i++) {
            String[] side = r[8 + i].split(":");
            if (side[0].equals("solid")) {
                border |= sides[i];
                uniform &= width < 0 || width == f(side[1]);
                width = f(side[1]);
            } else if (side[0].equals("dotted")) {
                dotted.add(new String[]{String.valueOf(sides[i]), side[1], side[2]});
            }
        }
        c.setBorder(border);
        if (border != Rectangle.NO_BORDER) {
            if (uniform) { // one width: each side stroked along the cell's edge
                c.setBorderWidth(width);
                c.setBorderColor(colour(r[8 + firstSolid(r)].split(":")[2]));
            } else { // sides of their own widths: iText's variable borders
                for (int i = 0; i < 4; i++) {
                    String[] side = r[8 + i].split(":");
                    float w = side[0].equals("solid") ? f(side[1]) : 0f;
                    BaseColor col = side[0].equals("solid") ? colour(side[2]) : BaseColor.BLACK;
                    switch (i) {
                        case 0: c.setBorderWidthTop(w); c.setBorderColorTop(col); break;
                        case 1: c.setBorderWidthBottom(w); c.setBorderColorBottom(col); break;
                        case 2: c.setBorderWidthLeft(w); c.setBorderColorLeft(col); break;
                        default: c.setBorderWidthRight(w); c.setBorderColorRight(col); break;
                    }
                }
            }
        }
        if (!dotted.isEmpty()) {
            c.setCellEvent(new Dotted(dotted));
        }
        if (framing.get(table).equals("separate")) {
            c.setCellEvent(new Box());
        }
        return c;
    }

    static int firstSolid(String[] r) {
        for (int i = 0; i < 4; i++) {
            if (r[8 + i].startsWith("solid")) {
                return i;
            }
        }
        return 0;
    }

    /** A cell's dotted sides: round dots (zero-length dashes with round caps) along its edges. */
    static final class Dotted implements PdfPCellEvent {
        final List<String[]> sides;

        Dotted(List<String[]> sides) {
            this.sides = sides;
        }

        @Override
        public void cellLayout(PdfPCell cell, Rectangle pos, PdfContentByte[] canvases) {
            PdfContentByte cb = canvases[PdfPTable.LINECANVAS];
            cb.saveState();
            cb.setLineCap(PdfContentByte.LINE_CAP_ROUND);
            cb.setLineDash(new float[]{0f, 1.5f}, 0f);
            for (String[] side : sides) {
                cb.setLineWidth(f(side[1]));
                cb.setColorStroke(colour(side[2]));
                int s = Integer.parseInt(side[0]);
                float l = pos.getLeft(), rt = pos.getRight(), t = pos.getTop(), b = pos.getBottom();
                if (s == Rectangle.TOP) { cb.moveTo(l, t); cb.lineTo(rt, t); }
                if (s == Rectangle.BOTTOM) { cb.moveTo(l, b); cb.lineTo(rt, b); }
                if (s == Rectangle.LEFT) { cb.moveTo(l, t); cb.lineTo(l, b); }
                if (s == Rectangle.RIGHT) { cb.moveTo(rt, t); cb.lineTo(rt, b); }
                cb.stroke();
            }
            cb.restoreState();
        }
    }

    /** The separate style: each cell's own box, BOX_INSET inside its grid lines. */
    static final class Box implements PdfPCellEvent {
        @Override
        public void cellLayout(PdfPCell cell, Rectangle pos, PdfContentByte[] canvases) {
            PdfContentByte cb = canvases[PdfPTable.LINECANVAS];
            cb.setLineWidth(RULE);
            cb.rectangle(pos.getLeft() + BOX_INSET, pos.getBottom() + BOX_INSET,
                    pos.getWidth() - 2 * BOX_INSET, pos.getHeight() - 2 * BOX_INSET);
            cb.stroke();
        }
    }

    /** What a table draws around each page's part of it: the double frame, the separate box, the rounded frame. */
    static final class Frame implements PdfPTableEvent {
        final String kind;

        Frame(String kind) {
            this.kind = kind;
        }

        @Override
        public void tableLayout(PdfPTable table, float[][] widths, float[] heights, int headerRows, int rowStart,
                                PdfContentByte[] canvases) {
            float left = widths[0][0], right = widths[0][widths[0].length - 1];
            float top = heights[0], bottom = heights[heights.length - 1];
            float rule = heights[Math.min(headerRows, heights.length - 1)]; // under the (repeated) header row
            PdfContentByte cb = canvases[PdfPTable.LINECANVAS];
            cb.saveState();
            cb.setLineWidth(RULE);
            if (kind.equals("double")) {
                cb.rectangle(left, bottom, right - left, top - bottom);
                cb.rectangle(left + DOUBLE_GAP, bottom + DOUBLE_GAP, right - left - 2 * DOUBLE_GAP,
                        top - bottom - 2 * DOUBLE_GAP);
                if (headerRows > 0) { // the rule under the header, as two
                    cb.moveTo(left, rule + DOUBLE_GAP / 2);
                    cb.lineTo(right, rule + DOUBLE_GAP / 2);
                    cb.moveTo(left, rule - DOUBLE_GAP / 2);
                    cb.lineTo(right, rule - DOUBLE_GAP / 2);
                }
                cb.stroke();
            } else if (kind.equals("separate")) {
                cb.rectangle(left - BOX_INSET, bottom - BOX_INSET, right - left + 2 * BOX_INSET,
                        top - bottom + 2 * BOX_INSET);
                cb.stroke();
            } else if (kind.equals("rounded")) {
                if (headerRows > 0) { // the header's grey, rounded at the frame's top corners
                    PdfContentByte base = canvases[PdfPTable.BASECANVAS];
                    base.saveState();
                    base.setColorFill(GREY);
                    base.moveTo(left, rule);
                    base.lineTo(left, top - RADIUS);
                    base.curveTo(left, top - RADIUS + KAPPA * RADIUS, left + RADIUS - KAPPA * RADIUS, top,
                            left + RADIUS, top);
                    base.lineTo(right - RADIUS, top);
                    base.curveTo(right - RADIUS + KAPPA * RADIUS, top, right, top - RADIUS + KAPPA * RADIUS,
                            right, top - RADIUS);
                    base.lineTo(right, rule);
                    base.closePath();
                    base.fill();
                    base.restoreState();
                }
                cb.roundRectangle(left, bottom, right - left, top - bottom, RADIUS);
                cb.stroke();
            }
            cb.restoreState();
        }
    }

    /** "- n -" centred in the page's foot. */
    static final class Footer extends PdfPageEventHelper {
        final Font font;
        final float y;

        Footer(Font font, float y) {
            this.font = font;
            this.y = y;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document doc) {
            Rectangle page = doc.getPageSize();
            ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER,
                    new Phrase("- " + writer.getPageNumber() + " -", font), (page.getLeft() + page.getRight()) / 2,
                    y, 0);
        }
    }

    /**
     * The footed style's running foot (dev/producers/footed.py), drawn at each page's end: the office at the left
     * margin, the number centred, the print date at the right margin. Where the form has the page count (n / N),
     * the count is a PdfTemplate placed after the number on every page and written once the document closes, as
     * iText's users print "page n of N"; the number and two digits' room for the count are centred together.
     */
    static final class Footed extends PdfPageEventHelper {
        final String[] r;
        final Font font;
        PdfTemplate total;
        int pages;

        Footed(String[] r) {
            this.r = r;
            this.font = new Font(FONTS.get(r[1]), f(r[2]));
        }

        @Override
        public void onOpenDocument(PdfWriter writer, Document doc) {
            total = writer.getDirectContent().createTemplate(f(r[2]) * 4, f(r[2]) * 2);
            total.setBoundingBox(new Rectangle(0, -f(r[2]), f(r[2]) * 4, f(r[2]) * 2));
        }

        @Override
        public void onEndPage(PdfWriter writer, Document doc) {
            PdfContentByte cb = writer.getDirectContent();
            BaseFont base = FONTS.get(r[1]);
            float size = f(r[2]), y = f(r[3]), left = f(r[4]), right = f(r[5]);
            pages = writer.getPageNumber();
            ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(r[6], font), left, y, 0);
            String number = r[7] + pages + r[8];
            if (r[9].equals("1")) {
                float width = base.getWidthPoint(number, size);
                float x = (left + right) / 2 - (width + base.getWidthPoint("00", size)) / 2;
                ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(number, font), x, y, 0);
                cb.addTemplate(total, x + width, y);
            } else {
                ColumnText.showTextAligned(cb, Element.ALIGN_CENTER, new Phrase(number, font), (left + right) / 2,
                        y, 0);
            }
            if (!r[10].isEmpty()) {
                ColumnText.showTextAligned(cb, Element.ALIGN_RIGHT, new Phrase(r[10], font), right, y, 0);
            }
        }

        @Override
        public void onCloseDocument(PdfWriter writer, Document doc) {
            ColumnText.showTextAligned(total, Element.ALIGN_LEFT, new Phrase(String.valueOf(pages), font), 0, 0, 0);
        }
    }

    /** The running style's page decoration, drawn at each page's end: the head and its rule, page 1's label. */
    static final class Running extends PdfPageEventHelper {
        final String[] r;

        Running(String[] r) {
            this.r = r;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document doc) {
            PdfContentByte cb = writer.getDirectContent();
            BaseFont font = FONTS.get(r[1]);
            ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(r[15], new Font(font, f(r[2]))), f(r[6]),
                    f(r[8]), 0);
            cb.saveState();
            cb.setLineWidth(f(r[4]));
            cb.moveTo(f(r[6]), f(r[9]));
            cb.lineTo(f(r[7]), f(r[9]));
            cb.stroke();
            if (writer.getPageNumber() == 1) {
                cb.setLineWidth(f(r[5]));
                cb.rectangle(f(r[10]), f(r[11]), f(r[12]) - f(r[10]), f(r[13]) - f(r[11]));
                cb.stroke();
                ColumnText.showTextAligned(cb, Element.ALIGN_CENTER, new Phrase(r[16], new Font(font, f(r[3]))),
                        (f(r[10]) + f(r[12])) / 2, f(r[14]), 0);
            }
            cb.restoreState();
        }
    }

    /** left | right | center; distributed (the distributed style's 均等割り付け): every line justified, the last too. */
    static int align(String a) {
        return a.equals("right") ? Element.ALIGN_RIGHT : a.equals("center") ? Element.ALIGN_CENTER
                : a.equals("distributed") ? Element.ALIGN_JUSTIFIED_ALL : Element.ALIGN_LEFT;
    }

    static BaseColor colour(String hex) {
        int v = Integer.parseInt(hex.replace("#", ""), 16);
        return new BaseColor((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF);
    }

    static float f(String s) {
        return Float.parseFloat(s);
    }

    static List<String[]> read(String path) throws Exception {
        List<String[]> records = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(path),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = unescape(fields[i]);
                }
                records.add(fields);
            }
        }
        return records;
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
