/**
 * A web page as saved from a government site: the text of its block elements as paragraphs
 * (<br> breaks a paragraph), tables with rowspan/colspan; scripts, styles and the site's chrome
 * (navigation, footer: by element or by class) are left out.
 */
import { Parser } from 'htmlparser2';
import { cleanText, type Block, type Cell } from './source.js';

const BLOCK = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'section',
  'article',
  'blockquote',
  'pre',
  'title',
  'dd',
  'dt',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'nav', 'footer', 'aside']);
/** The site's chrome around the article (navigation, footer, share buttons), by its class or id. */
const CHROME = /(^|[\s_-])(nav|navbar|menu|footer|foot|breadcrumb|crumb|sidebar|share|copyright|banner)([\s_-]|$)/i;

interface OpenTable {
  rows: Cell[][];
}

export function htmlBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  let text: string[] = [];
  let skip = 0;
  const tables: OpenTable[] = [];
  let tableNo = 0;
  let cell: { parts: string[]; rowSpan: number; colSpan: number; row: number; col: number } | null = null;
  /** Columns taken in later rows by cells with rowspan: per table, row → columns. */
  const taken: Map<number, Set<number>>[] = [];

  const flush = (): void => {
    const t = cleanText(text.join(''));
    text = [];
    if (!t) return;
    if (cell) cell.parts.push(t);
    else blocks.push({ kind: 'paragraph', text: t, src: { block: blocks.length + 1 } });
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (skip || SKIP.has(name) || CHROME.test(`${attrs.class ?? ''} ${attrs.id ?? ''}`)) {
          skip++;
          return;
        }
        if (BLOCK.has(name) || name === 'br') flush();
        if (name === 'table') {
          flush();
          tables.push({ rows: [] });
          taken.push(new Map());
        } else if (name === 'tr') tables.at(-1)?.rows.push([]);
        else if ((name === 'td' || name === 'th') && tables.length) {
          flush();
          const t = tables.at(-1)!;
          const row = t.rows.length;
          const busy = taken.at(-1)!.get(row) ?? new Set<number>();
          let col = 1 + (t.rows.at(-1) ?? []).reduce((n, c) => n + (c.colSpan ?? 1), 0);
          while (busy.has(col)) col++;
          cell = {
            parts: [],
            rowSpan: Math.max(1, Number(attrs.rowspan) || 1),
            colSpan: Math.max(1, Number(attrs.colspan) || 1),
            row,
            col,
          };
        }
      },
      ontext(t) {
        if (!skip) text.push(t);
      },
      onclosetag(name) {
        if (skip) {
          skip--;
          return;
        }
        if ((name === 'td' || name === 'th') && cell && tables.length) {
          flush();
          const t = tables.at(-1)!;
          const c: Cell = {
            text: cell.parts.join('\n'),
            src: { block: blocks.length + 1, table: tableNo + 1, row: cell.row, col: cell.col },
          };
          if (cell.rowSpan > 1) c.rowSpan = cell.rowSpan;
          if (cell.colSpan > 1) c.colSpan = cell.colSpan;
          for (let r = 1; r < cell.rowSpan; r++) {
            const m = taken.at(-1)!;
            const set = m.get(cell.row + r) ?? new Set<number>();
            for (let k = 0; k < cell.colSpan; k++) set.add(cell.col + k);
            m.set(cell.row + r, set);
          }
          t.rows.at(-1)?.push(c);
          cell = null;
        } else if (name === 'table' && tables.length) {
          flush();
          const t = tables.pop()!;
          taken.pop();
          const cells = t.rows.flat();
          if (cells.length === 1) {
            // A one-cell table is a framed box (a 专栏): its text reads as paragraphs.
            for (const p of cells[0]!.text.split('\n'))
              if (p) blocks.push({ kind: 'paragraph', text: p, src: { block: blocks.length + 1 } });
          } else {
            tableNo++;
            const block = blocks.length + 1;
            for (const r of t.rows)
              for (const c of r) {
                // Lines of one cell (a name broken by <br>) are one text.
                c.text = c.text.replace(/\n/g, '');
                c.src = { ...c.src, block, table: tableNo };
              }
            blocks.push({ kind: 'table', rows: t.rows, src: { block, table: tableNo } });
          }
        } else if (BLOCK.has(name)) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return blocks;
}
