// Lay the report out with PDFKit and write it: `node report.js description.json out.pdf`.
//
// The description is what dev/producers/pdfkit_writer.py writes from the model: the page, the margins, the fonts (the
// IPAex TTF files, embedded and subset by PDFKit through fontkit), the footer, and the blocks: paragraphs and tables,
// each table's columns (relative weights), its rows of cells (text, font, alignment, fill, text colour, the four sides
// as [kind, width, colour] or null, rowspan and colspan; null where a spanning cell covers one), its header rows and
// its groups of body rows that stay on one page. As a PDFKit user prints a report: paragraphs by doc.text, which flows
// over pages by itself; a table's rows measured with PDFKit's own text layout (boundsOfString, as doc.table measures a
// cell) and placed page by page, the header rows first on every page and a group of rows kept whole (doc.table()
// repeats no header and splits a merged run), each page's part drawn by one doc.table() with those row heights: its
// fills, its solid borders and its text; what doc.table() cannot draw is drawn around it with PDFKit's vector calls:
// dotted inner rules as dashed lines, the double frame and header rule as two lines, separate's boxes, the rounded
// frame (roundedRect, Bézier corners) and its header's grey inside it. `- n -` in every page's foot.
'use strict';

const fs = require('fs');
const PDFDocument = require('pdfkit');

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const [WIDTH, HEIGHT] = spec.page;
const [LEFT, RIGHT, TOP, BOTTOM] = spec.margins;
const created = new Date(spec.info.created);

const doc = new PDFDocument({
  size: [WIDTH, HEIGHT],
  margins: { left: LEFT, right: RIGHT, top: TOP, bottom: BOTTOM },
  bufferPages: Boolean(spec.footer.foot), // the footed style: its feet drawn once the page count is known (feet)
  info: {
    Title: spec.info.title, Author: spec.info.author, Subject: spec.info.subject,
    CreationDate: created, ModDate: created,
  },
});
const out = fs.createWriteStream(process.argv[3]);
doc.pipe(out);
// Each font by its file, not by a name given with registerFont: doc.table() puts the font back after every cell by
// the file it resolved (doc._fontSource), and PDFKit caches a font under the key it was asked by, so a registered
// name would have every cell read and parse the 5 MB TTF again (the same font, the same output, minutes slower).
const FONT = spec.fonts;

let pageNumber = 1;

function footer() {
  // `- n -` centred, its baseline spec.footer.y above the page's foot; written without line breaking, so that
  // PDFKit adds no page for text under the bottom margin; the flow's position and font put back
  const foot = spec.footer;
  if (foot.foot) return; // the footed style: feet() draws every page's foot at the end
  const [x, y] = [doc.x, doc.y];
  const [source, family, size] = [doc._fontSource, doc._fontFamily, doc._fontSize];
  const text = `- ${pageNumber} -`;
  doc.font(FONT[foot.font]).fontSize(foot.size);
  const ascent = doc._font.ascender / 1000 * foot.size;
  doc.fillColor('black').text(text, (WIDTH - doc.widthOfString(text)) / 2, HEIGHT - foot.y - ascent,
    { lineBreak: false });
  if (source) doc.font(source, family, size);
  [doc.x, doc.y] = [x, y];
}

function running() {
  // The running style (dev/producers/running.py): the head on its baseline at the left, its rule across the text
  // width by moveTo/lineTo, and on page 1 the label's box by rect and the label centred in it; written without line
  // breaking, the flow's position and font put back (as footer)
  const run = spec.running;
  if (!run) return;
  const [x, y] = [doc.x, doc.y];
  const [source, family, size] = [doc._fontSource, doc._fontFamily, doc._fontSize];
  doc.font(FONT[run.font]).fontSize(run.size);
  const ascent = doc._font.ascender / 1000;
  doc.fillColor('black').text(run.text, run.left, run.baseline - ascent * run.size, { lineBreak: false });
  doc.save().lineWidth(run.rule_width).strokeColor('black').moveTo(run.left, run.rule).lineTo(run.right, run.rule)
    .stroke().restore();
  if (pageNumber === 1) {
    const [x0, y0, x1, y1] = run.box;
    doc.save().lineWidth(run.box_width).strokeColor('black').rect(x0, y0, x1 - x0, y1 - y0).stroke().restore();
    doc.fontSize(run.label_size);
    doc.text(run.label, (x0 + x1 - doc.widthOfString(run.label)) / 2, run.label_baseline - ascent * run.label_size,
      { lineBreak: false });
  }
  if (source) doc.font(source, family, size);
  [doc.x, doc.y] = [x, y];
}

doc.on('pageAdded', () => { pageNumber += 1; footer(); running(); });
footer();
running();

function newPage() {
  doc.addPage();
  doc.x = LEFT;
  doc.y = TOP;
}

const bottomY = () => HEIGHT - BOTTOM;
const textWidth = WIDTH - LEFT - RIGHT;

// ---- paragraphs ----
function paragraphOptions(block) {
  // a block's share of the text width: the notes style's unit caption as wide as its summary
  return { width: block.width ? textWidth * block.width / 100 : textWidth, align: block.align,
    lineGap: block.size * 0.4 };
}

function paragraphHeight(block) {
  doc.font(FONT[block.font]).fontSize(block.size);
  return doc.heightOfString(block.text, paragraphOptions(block)) + block.gap;
}

function paragraph(block, keep) {
  if (block.new_page && doc.y > TOP + 0.01) newPage();
  if (paragraphHeight(block) + keep > bottomY() - doc.y && doc.y > TOP + 0.01) newPage();
  doc.font(FONT[block.font]).fontSize(block.size).fillColor('black');
  doc.text(block.text, LEFT, doc.y, paragraphOptions(block));
  doc.y += block.gap;
}

// ---- tables ----
function geometry(table) {
  // a table centred in the text width, or (sidebyside) at its half's x offset, as wide as the half
  const width = table.span !== undefined ? table.span : textWidth * table.width / 100;
  const total = table.weights.reduce((a, b) => a + b, 0);
  const xs = [table.x !== undefined ? table.x : LEFT + (textWidth - width) / 2];
  for (const w of table.weights) xs.push(xs[xs.length - 1] + width * w / total);
  return xs;
}

function padding(table) {
  const [left, right, top, bottom] = table.pad;
  return { left, right, top, bottom };
}

function textOptions(table) {
  return { lineGap: table.size * (table.leading - 1) };
}

function spread(table, cell, width) {
  // the distributed style's 均等割り付け as a PDFKit user sets it: the text broken into lines by hand, and one
  // characterSpacing (PDFKit sets one a text) computed from the cell's width so that its longest line fills it,
  // from the left padding (PDFKit adds the spacing after every character, the last too); any other cell as it is
  if (!cell || cell.align !== 'distributed') return cell;
  doc.font(FONT[cell.font]).fontSize(table.size);
  const room = width - table.pad[0] - table.pad[1];
  const lines = [];
  let line = '';
  for (const ch of cell.text) {
    if (line.trim() && doc.widthOfString(line + ch) > room) {
      lines.push(line.trim());
      line = ch === ' ' ? '' : ch;
    } else line += ch;
  }
  if (line.trim()) lines.push(line.trim());
  const widest = lines.reduce((a, b) => (doc.widthOfString(b) > doc.widthOfString(a) ? b : a), '');
  const n = [...widest].length;
  if (n < 2) return { ...cell, align: 'center' };
  const characterSpacing = Math.max(0, (room - doc.widthOfString(widest)) / (n - 1) - 0.01);
  // the spacing after the last character goes into the right padding, so that the last one ends at the padding
  return { ...cell, text: lines.join('\n'), align: 'left', characterSpacing, padRight: table.pad[1] - characterSpacing };
}

function spacing(cell) {
  return cell.characterSpacing ? { characterSpacing: cell.characterSpacing } : {};
}

function cellHeight(table, cell, width) {
  // what doc.table's measureCell finds: the text's bounds in the cell's width less its padding, measured again in
  // the width of the widest line, plus the padding above and below
  if (!cell.text) return table.pad[2] + table.pad[3];
  const [x, y] = [doc.x, doc.y];  // boundsOfString(…, 0, 0, …) leaves the flow's position at 0, 0
  doc.font(FONT[cell.font]).fontSize(table.size);
  const opts = { align: cell.align, ellipsis: true, width: width - table.pad[0] - (cell.padRight ?? table.pad[1]),
    height: HEIGHT - TOP - BOTTOM, ...textOptions(table), ...spacing(cell) };
  const first = doc.boundsOfString(cell.text, 0, 0, opts);
  const bounds = doc.boundsOfString(cell.text, 0, 0, { ...opts, width: first.width, height: first.height });
  [doc.x, doc.y] = [x, y];
  return bounds.height + table.pad[2] + table.pad[3];
}

function spanWidth(xs, c, cell) {
  return xs[c + cell.colspan] - xs[c];
}

function rowHeights(table, xs) {
  // each row as tall as its tallest one-row cell; a spanning cell taller than its rows adds the rest to its last
  const rows = table.rows;
  const heights = rows.map((cells) => {
    let need = table.size * table.leading + table.pad[2] + table.pad[3];
    cells.forEach((cell, c) => {
      if (cell && cell.span === 1) need = Math.max(need, cellHeight(table, cell, spanWidth(xs, c, cell)));
    });
    return need;
  });
  rows.forEach((cells, r) => cells.forEach((cell, c) => {
    if (!cell || cell.span === 1) return;
    const need = cellHeight(table, cell, spanWidth(xs, c, cell));
    const have = heights.slice(r, r + cell.span).reduce((a, b) => a + b, 0);
    if (need > have) heights[r + cell.span - 1] += need - have;
  }));
  return heights;
}

const sum = (heights, rows) => rows.reduce((a, r) => a + heights[r], 0);

function table(given, tail = 0) {
  // tail: the notes style's notes under the last row, kept on its page with the last group of rows
  const xs = geometry(given);
  const block = { ...given, rows: given.rows.map((cells) => cells.map((cell, c) => (cell && cell.align === 'distributed'
    ? spread(given, cell, spanWidth(xs, c, cell)) : cell))) };  // distributed: 均等割り付け's lines and spacing
  const heights = rowHeights(block, xs);
  const head = [...Array(block.head_rows).keys()];
  const groups = block.groups;
  const first = sum(heights, head) + (groups.length ? sum(heights, range(...groups[0])) : 0);
  if (doc.y + first > bottomY() && doc.y > TOP + 0.01) newPage();
  let part = [...head];
  for (const [start, end] of groups) {
    const rows = range(start, end);
    const after = end === groups[groups.length - 1][1] && tail ? tail + block.after : 0;
    if (doc.y + sum(heights, part) + sum(heights, rows) + after > bottomY() - 0.5 && part.length > head.length) {
      drawPart(block, xs, heights, part);
      newPage();
      part = [...head];
    }
    part.push(...rows);
  }
  drawPart(block, xs, heights, part);
}

function range(a, b) {
  return Array.from({ length: b - a }, (_, i) => a + i);
}

function pdfkitCell(block, cell, sides) {
  // one cell as doc.table() takes it: only solid sides are its borders (width 0 elsewhere)
  const names = ['top', 'bottom', 'left', 'right'];
  const border = {};
  const borderColor = {};
  names.forEach((name, i) => {
    const side = sides[i];
    border[name] = side && side[0] === 'solid' ? side[1] : 0;
    borderColor[name] = side ? side[2] : 'black';
  });
  const out = {
    text: cell.text, rowSpan: cell.span, colSpan: cell.colspan, border, borderColor,
    font: { src: FONT[cell.font], size: block.size },
    padding: cell.padRight === undefined ? padding(block) : { ...padding(block), right: cell.padRight },
    align: { x: cell.align, y: cell.valign === 'middle' ? 'center' : 'top' },
    textColor: cell.colour || 'black', textOptions: { ...textOptions(block), ...spacing(cell) },
  };
  if (cell.fill) out.backgroundColor = cell.fill;
  return out;
}

function drawPart(block, xs, heights, part) {
  // one page's part of a table from doc.y down: the rounded header's grey, the doc.table() of its rows, then what
  // doc.table() cannot draw
  const rows = block.rows;
  const top = doc.y;
  const ys = new Map();
  let y = top;
  for (const r of part) { ys.set(r, y); y += heights[r]; }
  const bottom = y;
  const last = part[part.length - 1];
  const headHeight = sum(heights, range(0, block.head_rows));
  if (block.frame === 'rounded') {
    doc.save();
    doc.roundedRect(xs[0], top, xs[xs.length - 1] - xs[0], bottom - top, block.radius).clip();
    doc.rect(xs[0], top, xs[xs.length - 1] - xs[0], headHeight).fill(block.header_fill);
    doc.restore();
  }
  const data = [];
  const dotted = [];
  for (const r of part) {
    const row = [];
    rows[r].forEach((cell, c) => {
      if (!cell) return;
      const covered = range(r, r + cell.span);
      const sides = [...cell.sides];
      if (covered.includes(last) && r >= block.head_rows) sides[1] = strongest(sides[1], cell.break_bottom);
      row.push(pdfkitCell(block, cell, sides));
      const x0 = xs[c];
      const x1 = xs[c + cell.colspan];
      const y0 = ys.get(r);
      const y1 = y0 + sum(heights, covered);
      const edges = [[x0, y0, x1, y0], [x0, y1, x1, y1], [x0, y0, x0, y1], [x1, y0, x1, y1]];
      sides.forEach((side, i) => { if (side && side[0] === 'dotted') dotted.push([edges[i], side]); });
    });
    data.push(row);
  }
  const page = pageNumber;
  doc.table({
    position: { x: xs[0], y: top },
    columnStyles: xs.slice(1).map((x, i) => ({ width: x - xs[i] })),
    rowStyles: part.map((r) => ({ height: heights[r] })),
    data,
  });
  if (pageNumber !== page) throw new Error(`doc.table() broke a page inside a part of ${part.length} rows`);
  const rule = block.rule;
  for (const [[ax, ay, bx, by], side] of dotted) {  // each inner side once, the dashes of both cells on one line
    doc.save().lineWidth(side[1]).strokeColor(side[2]).dash(1, { space: 1 });
    doc.moveTo(ax, ay).lineTo(bx, by).stroke();
    doc.undash().restore();
  }
  const width = xs[xs.length - 1] - xs[0];
  doc.save().lineWidth(rule[1]).strokeColor(rule[2]);
  if (block.frame === 'separate') {
    for (const r of part) {
      rows[r].forEach((cell, c) => {
        if (!cell) return;
        const h = sum(heights, range(r, r + cell.span).filter((q) => ys.has(q)));
        doc.rect(xs[c] + 1, ys.get(r) + 1, spanWidth(xs, c, cell) - 2, h - 2).stroke();
      });
    }
    doc.rect(xs[0] - 1, top - 1, width + 2, bottom - top + 2).stroke();
  } else if (block.frame === 'rounded') {
    doc.roundedRect(xs[0], top, width, bottom - top, block.radius).stroke();
  } else if (block.frame === 'double') {
    const [lineWidth, gap] = block.double;
    doc.lineWidth(lineWidth);
    for (const d of [-gap / 2, gap / 2]) {
      doc.rect(xs[0] - d, top - d, width + 2 * d, bottom - top + 2 * d).stroke();
      doc.moveTo(xs[0] - d, top + headHeight + d).lineTo(xs[xs.length - 1] + d, top + headHeight + d).stroke();
    }
  }
  doc.restore();
  doc.x = LEFT;
  doc.y = bottom + block.after;
}

function strongest(one, other) {
  if (!one) return other;
  if (!other) return one;
  return other[1] > one[1] ? other : one;
}

// ---- the sidebyside style ----
function pair(block) {
  // two summaries abreast: each caption's text and each table's doc.table() at its half's x offset (the second half
  // the text width's half and a gutter further), a new page first if the pair does not fit; both captions from the
  // band's top, both tables from under the taller caption, so that they start at one height; y under the taller
  const half = textWidth * (1 - block.gutter) / 2;
  const halves = block.halves.map(([cap, t], i) => [cap, { ...t, x: LEFT + i * (half + textWidth * block.gutter),
    span: half }]);
  const caption = Math.max(0, ...halves.filter(([cap]) => cap).map(([cap]) => paragraphHeight(cap)));
  const tallest = Math.max(...halves.map(([, t]) => rowHeights(t, geometry(t)).reduce((a, b) => a + b, 0)));
  if (doc.y + caption + tallest > bottomY() && doc.y > TOP + 0.01) newPage();
  const top = doc.y;
  for (const [cap, t] of halves) {
    if (!cap) continue;
    doc.font(FONT[cap.font]).fontSize(cap.size).fillColor('black');
    doc.text(cap.text, t.x, top, paragraphOptions(cap));
  }
  let end = top;
  for (const [, t] of halves) {
    doc.y = top + caption;
    table(t);
    end = Math.max(end, doc.y);
  }
  doc.x = LEFT;
  doc.y = end;
}

// ---- the report ----
function tableStart(block) {
  const xs = geometry(block);
  const heights = rowHeights(block, xs);
  const [start, end] = block.groups[0];
  return sum(heights, range(0, block.head_rows)) + sum(heights, range(start, end));
}

spec.blocks.forEach((block, i) => {
  if (block.type === 'pair') {
    pair(block);
  } else if (block.type === 'para') {
    const next = spec.blocks[i + 1];
    paragraph(block, next && next.type === 'table' && !block.new_page ? tableStart(next) : 0);
  } else {
    let k = i + 1;
    while (k < spec.blocks.length && spec.blocks[k].note) k++;
    table(block, spec.blocks.slice(i + 1, k).reduce((a, b) => a + paragraphHeight(b), 0));
  }
});

function feet() {
  // The footed style (dev/producers/footed.py): every page's foot once the page count is known, the pages kept in
  // PDFKit's buffer (bufferPages) and each visited by switchToPage: the office at the left margin, the number
  // centred ({n} the page, {N} the page count), the print date at the right margin, on the page number's baseline;
  // written without line breaking (as footer)
  const foot = spec.footer;
  const parts = foot.foot;
  if (!parts) return;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font(FONT[foot.font]).fontSize(foot.size).fillColor('black');
    const top = HEIGHT - foot.y - doc._font.ascender / 1000 * foot.size;
    const number = parts.number.replace('{n}', String(i + 1)).replace('{N}', String(range.count));
    doc.text(parts.left, LEFT, top, { lineBreak: false });
    doc.text(number, (WIDTH - doc.widthOfString(number)) / 2, top, { lineBreak: false });
    if (parts.right) {
      doc.text(parts.right, WIDTH - RIGHT - doc.widthOfString(parts.right), top, { lineBreak: false });
    }
  }
}

feet();
out.on('finish', () => process.exit(0));
doc.end();
