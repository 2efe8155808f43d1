/**
 * What every reader hands to the finders: the document as blocks (paragraphs and tables), each
 * knowing where it stands in the file, so that every item of the draft can show the reviewer the
 * paragraph or cell it was read from.
 */

/** Where a piece of text stands in the document, in terms a reviewer can find it by. */
export interface SourceRef {
  /** Ordinal of the paragraph or table in the document (1-based, over all blocks). */
  block: number;
  /** Line of a text file. */
  line?: number;
  /** Page of a PDF. */
  page?: number;
  /** Table ordinal (1-based) and the cell's row and column in it (1-based, as laid out). */
  table?: number;
  row?: number;
  col?: number;
}

export interface Cell {
  text: string;
  src: SourceRef;
  /** Rows and columns the cell covers (merged cells); 1 when not merged. */
  rowSpan?: number;
  colSpan?: number;
}

export type Block =
  | { kind: 'paragraph'; text: string; src: SourceRef }
  /** Rows of cells; a cell covered by a merge above or to the left is not repeated. */
  | { kind: 'table'; rows: Cell[][]; src: SourceRef };

/** A paragraph, or one table cell, as the finders read the document: text in reading order. */
export interface Unit {
  text: string;
  src: SourceRef;
  /** True for a table cell (a cell is never a heading or a paragraph of prose). */
  cell: boolean;
}

export function describeSource(s: SourceRef): string {
  const where: string[] = [];
  if (s.page !== undefined) where.push(`第${s.page}页`);
  if (s.line !== undefined) where.push(`第${s.line}行`);
  if (s.table !== undefined) {
    where.push(`表格${s.table}`);
    if (s.row !== undefined) where.push(`第${s.row}行`);
    if (s.col !== undefined) where.push(`第${s.col}列`);
  } else if (s.line === undefined) where.push(`第${s.block}段`);
  return where.join(' ');
}

/** Spaces the web and Word put in (no-break, ideographic, zero-width) folded; ends trimmed. */
export function cleanText(s: string): string {
  // \s covers the no-break, ideographic and byte-order-mark spaces; the zero-width space is not one.
  return s
    .replace(/\u200b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The blocks as one stream of units: tables row by row, left to right, empty cells left out —
 * the order a table takes when a web page's layout is lost, which is what the finders read.
 */
export function unitsOf(blocks: Block[]): Unit[] {
  const out: Unit[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph') {
      if (b.text) out.push({ text: b.text, src: b.src, cell: false });
      continue;
    }
    for (const row of b.rows) for (const c of row) if (c.text) out.push({ text: c.text, src: c.src, cell: true });
  }
  return out;
}

/** A document that cannot be read: the message names the file and says why, nothing is written. */
export class DocumentError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'DocumentError';
  }
}

/**
 * A table continued on the next page (「续表」: the header row again) is one table; a row broken
 * over the page — its rest under the repeated header, with no row number of its own — is joined
 * cell by cell to the row it continues.
 */
export function joinContinuedTables(blocks: Block[]): Block[] {
  const out: Block[] = [];
  const headerText = (b: Block): string => (b.kind === 'table' ? (b.rows[0] ?? []).map((c) => c.text).join('|') : '');
  for (const b of blocks) {
    const last = out.at(-1);
    if (b.kind === 'table' && last?.kind === 'table' && headerText(b) && headerText(b) === headerText(last)) {
      last.rows.push(...b.rows.slice(1));
      continue;
    }
    out.push(b.kind === 'table' ? { ...b, rows: [...b.rows] } : b);
  }
  for (const b of out) {
    if (b.kind !== 'table') continue;
    const noCol = b.rows[0]?.find((c) => c.text === '序号')?.src.col;
    if (noCol === undefined) continue;
    const rows: Cell[][] = [];
    for (const row of b.rows) {
      const prev = rows.at(-1);
      if (rows.length > 1 && prev && row.length && !row.some((c) => c.src.col === noCol && c.text)) {
        for (const c of row.filter((x) => x.text)) {
          const same = prev.find((p) => p.src.col === c.src.col);
          if (same) same.text += c.text;
          else prev.push(c);
        }
        prev.sort((x, y) => (x.src.col ?? 0) - (y.src.col ?? 0));
        continue;
      }
      rows.push(row.map((c) => ({ ...c })));
    }
    b.rows = rows;
  }
  return out;
}
