/**
 * A Word document (.docx) read from its own XML (word/document.xml): paragraphs, and tables with
 * their merged cells — a cell spanning columns (w:gridSpan) stands once, a cell merged down
 * (w:vMerge) stands at its first row only, as a printed table shows it. A one-cell table is a box
 * (a 专栏 set in a frame): its paragraphs are read as paragraphs. The container is checked by the
 * zip guard before anything is inflated for keeps, and the guard inflates word/document.xml once.
 */
import { Parser } from 'htmlparser2';
import { guardZip, type ImportLimits } from '../sheet/index.js';
import { cleanText, DocumentError, type Block, type Cell } from './source.js';

interface OpenCell {
  paragraphs: string[];
  colSpan: number;
  /** 'restart' begins a vertical merge, 'continue' is covered by the cell above. */
  vMerge?: 'restart' | 'continue';
}

interface OpenTable {
  rows: OpenCell[][];
  depth: number;
}

export async function docxXml(data: Buffer, file: string, limits: ImportLimits): Promise<string> {
  // The guard inflates the document's part while it checks it, and hands the bytes on.
  const entries = await guardZip(data, file, limits, { part: 'word/document.xml', what: 'Word 文档（.docx）', keep: true });
  return entries.find((x) => x.name === 'word/document.xml')!.inflated!.toString('utf8');
}

export function docxBlocks(xml: string, file: string): Block[] {
  const blocks: Block[] = [];
  const tables: OpenTable[] = [];
  let tableNo = 0;
  let para: string[] | null = null;
  let inText = false;
  let cell: OpenCell | null = null;
  const cellStack: (OpenCell | null)[] = [];

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        switch (name) {
          case 'w:tbl':
            tables.push({ rows: [], depth: tables.length });
            cellStack.push(cell);
            cell = null;
            break;
          case 'w:tr':
            tables.at(-1)?.rows.push([]);
            break;
          case 'w:tc':
            cell = { paragraphs: [], colSpan: 1 };
            tables.at(-1)?.rows.at(-1)?.push(cell);
            break;
          case 'w:gridSpan':
            if (cell) cell.colSpan = Math.max(1, Number(attrs['w:val']) || 1);
            break;
          case 'w:vMerge':
            if (cell) cell.vMerge = attrs['w:val'] === 'restart' ? 'restart' : 'continue';
            break;
          case 'w:p':
            para = [];
            break;
          case 'w:t':
            inText = true;
            break;
          case 'w:tab':
            para?.push(' ');
            break;
        }
      },
      ontext(text) {
        if (inText && para) para.push(text);
      },
      onclosetag(name) {
        switch (name) {
          case 'w:t':
            inText = false;
            break;
          case 'w:p': {
            const text = cleanText(para?.join('') ?? '');
            para = null;
            if (cell) cell.paragraphs.push(text);
            else if (text) blocks.push({ kind: 'paragraph', text, src: { block: blocks.length + 1 } });
            break;
          }
          case 'w:tbl': {
            const t = tables.pop()!;
            cell = cellStack.pop() ?? null;
            if (cell) {
              // A table inside a cell: its text belongs to the outer cell.
              for (const r of t.rows) for (const c of r) cell.paragraphs.push(...c.paragraphs);
              break;
            }
            emitTable(t);
            break;
          }
          case 'w:tc':
            cell = null;
            break;
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );

  function emitTable(t: OpenTable): void {
    const cells = t.rows.flat();
    if (cells.length === 1) {
      for (const p of cells[0]!.paragraphs) if (p) blocks.push({ kind: 'paragraph', text: p, src: { block: blocks.length + 1 } });
      return;
    }
    tableNo++;
    const block = blocks.length + 1;
    const rows: Cell[][] = [];
    const below: (Cell | undefined)[] = [];
    t.rows.forEach((r, ri) => {
      const out: Cell[] = [];
      let col = 0;
      for (const c of r) {
        const at = col;
        col += c.colSpan;
        if (c.vMerge === 'continue') {
          const top = below[at];
          if (top) top.rowSpan = (top.rowSpan ?? 1) + 1;
          continue;
        }
        const made: Cell = { text: cleanText(c.paragraphs.join('')), src: { block, table: tableNo, row: ri + 1, col: at + 1 } };
        if (c.colSpan > 1) made.colSpan = c.colSpan;
        below[at] = made;
        out.push(made);
      }
      rows.push(out);
    });
    blocks.push({ kind: 'table', rows, src: { block, table: tableNo } });
  }

  try {
    parser.write(xml);
    parser.end();
  } catch (e) {
    throw new DocumentError(file, `Word 文档内容无法解析：${(e as Error).message}`);
  }
  return blocks;
}
