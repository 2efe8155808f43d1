/**
 * A table of a PDF rebuilt from its text positions. The header is a band of lines, not one: a
 * heading wrapped over two lines (「2020年/完成」) prints its lines above and below the one-line
 * headings set in the middle of the row. The columns are the header's pieces grouped where they
 * overlap across the band. A row is anchored where the number column has a number, set in the
 * middle of the row like its other one-line cells: a line without a number belongs to the row
 * above or below that has a line mirroring it about its number (else the nearer one); at the top
 * of a page, with no number above it, to the row below only if mirrored, else it is the rest of
 * the row broken over the page. A merged
 * category cell, set in the middle of the rows it spans, is given to the first of those rows: the
 * spans are the split of the rows into consecutive runs, one per category in order, whose middles
 * (on the category's page) lie nearest the categories' own lines.
 */
import { cleanText, type Block, type Cell } from './source.js';

export interface Piece {
  x: number;
  end: number;
  y: number;
  size: number;
  text: string;
}

export interface Line {
  page: number;
  y: number;
  pieces: Piece[];
  pageHeight: number;
}

const isNo = (p: Piece): boolean => p.text.trim() === '序号';

/** Lines stacked close enough to be lines of one table row (a wrapped cell, a centred one). */
const close = (a: Line, b: Line): boolean => a.page === b.page && Math.abs(a.y - b.y) < 1.8 * (a.pieces[0]?.size ?? 10);

/** Whether the table's header starts at line `i`: the 序号 line, or a line of the same band just above it. */
export function tableStartsAt(lines: Line[], i: number): boolean {
  const l = lines[i]!;
  if (l.pieces.length >= 2 && l.pieces.some(isNo)) return true;
  const next = lines[i + 1];
  return !!next && l.pieces.length >= 2 && next.pieces.length >= 2 && next.pieces.some(isNo) && close(l, next);
}

interface Column {
  x: number;
  end: number;
}

/** The header's pieces grouped into columns where they overlap across the band, left to right. */
function columnsOf(band: Line[]): { columns: Column[]; texts: string[] } {
  const pieces = band.flatMap((l) => l.pieces).sort((a, b) => a.x - b.x);
  const groups: { col: Column; pieces: Piece[] }[] = [];
  for (const p of pieces) {
    const g = groups.find((x) => p.x < x.col.end && p.end > x.col.x);
    if (g) {
      g.col.x = Math.min(g.col.x, p.x);
      g.col.end = Math.max(g.col.end, p.end);
      g.pieces.push(p);
    } else groups.push({ col: { x: p.x, end: p.end }, pieces: [p] });
  }
  groups.sort((a, b) => a.col.x - b.col.x);
  return {
    columns: groups.map((g) => g.col),
    texts: groups.map((g) =>
      g.pieces
        .sort((a, b) => b.y - a.y || a.x - b.x)
        .map((p) => p.text)
        .join(''),
    ),
  };
}

interface Row {
  parts: string[][];
  page: number;
  /** Per page, the baselines of the row's first and last lines (top > bottom). */
  extent: Map<number, { top: number; bottom: number }>;
}

interface CategoryText {
  text: string;
  page: number;
  y: number;
  col: number;
}

/**
 * Which row each category begins at: the split of rows [0, n) into consecutive spans, one per
 * category, whose middles on the category's page are nearest its line (least squares; a span
 * with no row on the category's page cannot hold it).
 */
function categoryStarts(rows: Row[], cats: CategoryText[]): number[] {
  const n = rows.length;
  const k = cats.length;
  const cost = (c: CategoryText, s: number, e: number): number => {
    let top = -Infinity;
    let bottom = Infinity;
    for (let r = s; r <= e; r++) {
      const x = rows[r]!.extent.get(c.page);
      if (x) {
        top = Math.max(top, x.top);
        bottom = Math.min(bottom, x.bottom);
      }
    }
    return top === -Infinity ? Infinity : ((top + bottom) / 2 - c.y) ** 2;
  };
  // best[j][s]: the least cost of placing categories j… with category j starting at row s.
  const best: number[][] = Array.from({ length: k + 1 }, () => Array<number>(n + 1).fill(Infinity));
  const next: number[][] = Array.from({ length: k + 1 }, () => Array<number>(n + 1).fill(n));
  best[k]![n] = 0;
  for (let j = k - 1; j >= 0; j--)
    for (let s = 0; s < n; s++)
      for (let t = s + 1; t <= n; t++) {
        const v = cost(cats[j]!, s, t - 1) + best[j + 1]![t]!;
        if (v < best[j]![s]!) {
          best[j]![s] = v;
          next[j]![s] = t;
        }
      }
  const starts: number[] = [];
  for (let j = 0, s = 0; j < k; j++) {
    starts.push(s);
    s = next[j]![s]!;
  }
  return best[0]![0] === Infinity ? [] : starts;
}

/** Reads the table whose header starts at line `start`; returns the index of the first line after it. */
export function readPdfTable(lines: Line[], start: number, tableNo: number, blocks: Block[]): number {
  // The header band: from `start` down to the line before row 1, lines stacked close together.
  let i = start;
  const band: Line[] = [lines[i]!];
  const noAt = (l: Line, cols: Column[], noCol: number): Piece | undefined =>
    l.pieces.find((p) => p.x < cols[noCol]!.end && p.end > cols[noCol]!.x && /^\d{1,3}$/.test(p.text.trim()));
  for (i = start + 1; i < lines.length && close(lines[i - 1]!, lines[i]!); i++) {
    const { columns, texts } = columnsOf(band);
    const noCol = texts.findIndex((t) => t === '序号');
    if (noCol >= 0 && noAt(lines[i]!, columns, noCol)) break;
    band.push(lines[i]!);
  }
  const { columns, texts } = columnsOf(band);
  const noCol = Math.max(0, texts.indexOf('序号'));
  const headerTexts = new Set(band.flatMap((l) => l.pieces.map((p) => p.text.trim())));
  const size = band[0]!.pieces[0]!.size;
  const left = columns[0]!.x - size * 2;
  const rightEdge = columns.at(-1)!.end + size * 2;
  const centres = columns.map((c) => (c.x + c.end) / 2);
  const column = (p: Piece): number => {
    const c = (p.x + p.end) / 2;
    let best = 0;
    for (let k = 1; k < centres.length; k++) if (Math.abs(centres[k]! - c) < Math.abs(centres[best]! - c)) best = k;
    return best;
  };
  const block = blocks.length + 1;
  const header: string[][] = texts.map((t) => [t]);
  const rows: Row[] = [];
  const cats: CategoryText[] = [];
  const body: Line[] = [];
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    const text = l.pieces.map((p) => p.text).join('');
    // The header repeated on a new page: the 序号 line and the lines of its band, made only of the
    // header's pieces (a lone 「目标」 ending a cell is not one).
    const band = [lines[i - 1], l, lines[i + 1]].some((x) => x && close(x, l) && x.pieces.some(isNo));
    if (band && l.pieces.every((p) => headerTexts.has(p.text.trim()))) continue;
    const outside = l.pieces[0]!.x < left || l.pieces.at(-1)!.end > rightEdge;
    if (/^注\s*[:：]/.test(text) || outside || (l.pieces.length === 1 && text.length > 30)) break;
    body.push(l);
  }
  const cols = body.map((l) => l.pieces.map(column));
  // A row is anchored by its number; the other cells of a row are set in its middle, so a line
  // above or below the number's belongs to its row when the row has a line mirroring it.
  const rowAt = body.map((l, m) => {
    const no = l.pieces.find((_, k) => cols[m]![k] === noCol);
    return no && /^\d{1,3}$/.test(no.text.trim()) ? rows.push({ parts: columns.map(() => []), page: l.page, extent: new Map() }) - 1 : -1;
  });
  const anchorNear = (m: number, step: 1 | -1): number => {
    for (let q = m + step; q >= 0 && q < body.length && body[q]!.page === body[m]!.page; q += step) if (rowAt[q]! >= 0) return q;
    return -1;
  };
  // Whether the row anchored at `c` has a line mirroring line `m` about its number (nearer to that
  // number than to the numbers above and below it).
  const mirrored = (c: number, m: number): boolean => {
    const l = body[m]!;
    const at = body[c]!.y;
    const mirror = 2 * at - l.y;
    const near = [anchorNear(c, -1), anchorNear(c, 1)].filter((q) => q >= 0).map((q) => body[q]!.y);
    return body.some(
      (x, q) =>
        q !== m && x.page === l.page && Math.abs(x.y - mirror) < 0.35 * size && near.every((y) => Math.abs(x.y - at) < Math.abs(x.y - y)),
    );
  };
  const rowOf = (m: number): number => {
    if (rowAt[m]! >= 0) return rowAt[m]!;
    const y = body[m]!.y;
    const [above, below] = [anchorNear(m, -1), anchorNear(m, 1)];
    if (above >= 0 && below >= 0) {
      const [ma, mb] = [mirrored(above, m), mirrored(below, m)];
      if (ma !== mb) return rowAt[ma ? above : below]!;
      return rowAt[body[above]!.y - y <= y - body[below]!.y ? above : below]!;
    }
    if (above >= 0) return rowAt[above]!;
    if (below >= 0 && mirrored(below, m)) return rowAt[below]!;
    // Before the first row on its page: the rest of the row broken over the page, or the header.
    for (let q = m - 1; q >= 0; q--) if (rowAt[q]! >= 0) return rowAt[q]!;
    return below >= 0 ? rowAt[below]! : -1;
  };
  body.forEach((l, m) => {
    const r = rowOf(m);
    const row = r >= 0 ? rows[r] : undefined;
    let inRow = false;
    l.pieces.forEach((p, k) => {
      const col = cols[m]![k]!;
      if (col < noCol && rows.length) {
        // Left of the number: a category, placed once the rows' positions are known. A category
        // wrapped over two lines is one text.
        const last = cats.at(-1);
        if (last && last.col === col && last.page === l.page && last.y - p.y < 1.3 * p.size) {
          last.text += p.text;
          last.y = (last.y + p.y) / 2;
        } else cats.push({ text: p.text, page: l.page, y: p.y, col });
        return;
      }
      inRow = true;
      (row ? row.parts : header)[col]!.push(p.text);
    });
    if (row && inRow) {
      const x = row.extent.get(l.page);
      row.extent.set(l.page, { top: Math.max(x?.top ?? -Infinity, l.y), bottom: Math.min(x?.bottom ?? Infinity, l.y) });
    }
  });
  const starts = categoryStarts(rows, cats);
  const spans = new Map<number, { text: string; col: number; span: number }>();
  starts.forEach((s, j) => spans.set(s, { text: cats[j]!.text, col: cats[j]!.col, span: (starts[j + 1] ?? rows.length) - s }));
  const page = band[0]!.page;
  const cells: Cell[][] = [
    header.flatMap((parts, k) =>
      parts.join('') ? [{ text: cleanText(parts.join('')), src: { block, page, table: tableNo, row: 1, col: k + 1 } }] : [],
    ),
    ...rows.map((r, ri) => {
      const cat = spans.get(ri);
      if (cat) r.parts[cat.col]!.push(cat.text);
      return r.parts.flatMap((parts, k) => {
        if (!parts.length) return [];
        const c: Cell = { text: cleanText(parts.join('')), src: { block, page: r.page, table: tableNo, row: ri + 2, col: k + 1 } };
        if (cat && k === cat.col && cat.span > 1) c.rowSpan = cat.span;
        return [c];
      });
    }),
  ];
  blocks.push({ kind: 'table', rows: cells, src: { block, table: tableNo, page } });
  return i;
}
