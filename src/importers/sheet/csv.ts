/** CSV text tables: the delimiter guessed from the first lines, rows streamed through csv-parse. */
import { parse as parseCsv } from 'csv-parse';
import { HEADER_SEARCH_ROWS, ImportError } from './issues.js';
import { SheetCell, SheetRow } from './cells.js';

function guessDelimiter(text: string): string {
  const lines = text
    .split(/\r?\n/, 50)
    .filter((l) => l.trim() && !l.startsWith('#'))
    .slice(0, HEADER_SEARCH_ROWS);
  const count = (d: string): number => lines.reduce((n, l) => n + l.split(d).length - 1, 0);
  return ['\t', ';'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

export async function* csvRows(text: string, file: string): AsyncGenerator<SheetRow> {
  const parser = parseCsv(text, {
    delimiter: guessDelimiter(text),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    // Only whole lines are comments: 「#」 inside a note is text.
    comment: '#',
    comment_no_infix: true,
    info: true,
  });
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const cells = new Map<number, SheetCell>();
      record.forEach((t, i) => {
        if (t.trim() !== '') cells.set(i + 1, { kind: 'text', text: t });
      });
      yield { row: info.lines, cells };
    }
  } catch (e) {
    if (e instanceof ImportError) throw e;
    const err = e as Error & { lines?: number };
    throw new ImportError([{ file, ...(err.lines !== undefined ? { row: err.lines } : {}), message: `不是有效的 CSV：${err.message}` }]);
  }
}
