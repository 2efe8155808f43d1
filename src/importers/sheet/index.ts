/**
 * Reading tables out of files that come from outside: .xlsx workbooks and CSV files (UTF-8, UTF-16
 * with a byte-order mark, or the GB18030 Chinese Excel writes for 「CSV (逗号分隔)」). This module knows
 * nothing about what the tables mean; the importers built on it (indicator values, the project
 * ledger) find their header rows and check their cells.
 *
 * Files are treated as hostile: the format is decided from the bytes, never from the name, and a
 * workbook's zip container is checked (sizes, compression ratio, structure) before any part of it
 * is inflated by the spreadsheet library. Rows are streamed, so a large workbook is never held
 * in memory as a whole.
 *
 * The API:
 *
 * - `openSheetFile(input, opts)` checks the file (size, format, container, encoding) and returns a
 *   `SheetFile`, whose `sheets()` streams each worksheet (one unnamed sheet for a CSV file) as an
 *   async iterable of `SheetRow`s: the row number as the user sees it and the non-empty cells by
 *   1-based column number. Consume each sheet's rows before asking for the next sheet.
 * - `readSheetRows(input, opts)`: the same rows as one flat stream, each naming its sheet.
 * - `readSheetInput(path, limits)`: a file from disk, refused before reading when too large.
 * - `cellText`, `columnLetter`: a cell as text, a column number as Excel's letters.
 * - `ImportError` with `ImportIssue`s (file, sheet, row, column, message, suggestions),
 *   `IssueCollector` to gather them up to `MAX_ISSUES`, and `formatIssue` to print one.
 *
 * Every problem with the file itself is thrown as an `ImportError` naming the file (and the sheet
 * and row where it has one).
 */
import { stat, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { hasDemoMark } from '../../core/demo.js';
import { xmlSafe } from '../../core/text.js';
import { DEFAULT_LIMITS, ImportError, ImportLimits, SheetReadOptions } from './issues.js';
import { EMPTY_ZIP_MAGIC, FOREIGN_FORMATS, NOT_A_TABLE, OLE_MAGIC, ZIP_MAGIC, decodeText, fmtMb, startsWith } from './format.js';
import { guardXlsx } from './zip-guard.js';
import { columnLetter, Sheet, SheetCell, SheetRow } from './cells.js';
import { xlsxSheets } from './xlsx.js';
import { csvRows } from './csv.js';

export { DEFAULT_LIMITS, formatIssue, HEADER_SEARCH_ROWS, ImportError, IssueCollector, MAX_ISSUES } from './issues.js';
export type { ImportIssue, ImportLimits, ImportProgress, SheetReadOptions } from './issues.js';
export { cellText, columnLetter } from './cells.js';
export { guardZip } from './zip-guard.js';
export type { ZipEntry } from './zip-guard.js';
export type { Sheet, SheetCell, SheetRow } from './cells.js';

export interface SheetFile {
  /** The file's name, as issues name it. */
  file: string;
  /** Decided from the content, never from the name. */
  format: 'xlsx' | 'csv';
  /**
   * The worksheets in workbook order (one unnamed sheet for CSV). Can be iterated once. Rows are
   * counted over all sheets: more than `limits.maxRows` stops the read with an ImportError, and a
   * 'read' progress event is sent every 1000 rows. Read each sheet's rows before the next sheet.
   */
  sheets(): AsyncGenerator<Sheet>;
  /** Rows handed out so far, over all sheets (empty rows included). */
  readonly rowsRead: number;
  /**
   * The first cell read that carries the demonstration mark (示例数据): a title row, a comment line,
   * a row's marker column, a source or a note. A file with one is a demonstration set, whatever else it holds.
   */
  readonly demoMark: DemoMark | undefined;
}

/** Where a file says it holds demonstration data. */
export interface DemoMark {
  sheet?: string;
  row: number;
  column: string;
}

/**
 * Checks a file and opens it for reading: refuses an empty or oversized file, anything that is
 * not an .xlsx workbook or a text table (naming what it is when it can: an old .xls, a PDF, an
 * HTML 「.xls」), a workbook whose container fails the zip-bomb checks, and text in an encoding
 * other than UTF-8, UTF-16 with a byte-order mark or GB18030.
 */
export async function openSheetFile(input: { name: string; data: Buffer }, opts: SheetReadOptions = {}): Promise<SheetFile> {
  const { name: file, data } = input;
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const fail = (message: string): never => {
    throw new ImportError([{ file, message }]);
  };
  if (data.length === 0) fail('文件为空');
  if (data.length > limits.maxBytes) fail(`文件大小 ${fmtMb(data.length)}，超过上限 ${fmtMb(limits.maxBytes)}`);

  let rowsRead = 0;
  let demoMark: DemoMark | undefined;
  async function* counted(sheet: string | undefined, rows: AsyncIterable<SheetRow>): AsyncGenerator<SheetRow> {
    for await (const r of rows) {
      rowsRead++;
      if (!demoMark)
        for (const [col, c] of r.cells)
          if (c.kind === 'text' && hasDemoMark(c.text)) {
            demoMark = { ...(sheet !== undefined ? { sheet } : {}), row: r.row, column: columnLetter(col) };
            break;
          }
      if (rowsRead > limits.maxRows) {
        throw new ImportError([{ file, sheet, message: `行数超过上限${limits.maxRows}行，已停止读取` }]);
      }
      if (rowsRead % 1000 === 0) opts.onProgress?.({ phase: 'read', done: rowsRead });
      // Every file's text comes through here: made XML-safe once, for all importers.
      for (const [col, c] of r.cells) if (c.kind === 'text') r.cells.set(col, { kind: 'text', text: xmlSafe(c.text) });
      yield r;
    }
  }
  let started = false;
  const once = (): void => {
    if (started) throw new Error('SheetFile.sheets() can be iterated only once');
    started = true;
  };

  if (startsWith(data, ZIP_MAGIC)) {
    const entries = await guardXlsx(data, file, limits, opts.onProgress);
    return {
      file,
      format: 'xlsx',
      sheets: () => {
        once();
        return xlsxSheets(data, entries, file, counted);
      },
      get rowsRead() {
        return rowsRead;
      },
      get demoMark() {
        return demoMark;
      },
    };
  }
  if (startsWith(data, OLE_MAGIC))
    fail(`${NOT_A_TABLE}：这是旧版 Excel（.xls）或加密的工作簿，请在 Excel 中取消密码并「另存为」Excel 工作簿（.xlsx）后再导入`);
  if (startsWith(data, EMPTY_ZIP_MAGIC)) fail(`${NOT_A_TABLE}：这是一个空的 ZIP 压缩包`);
  const foreign = FOREIGN_FORMATS.find((f) => startsWith(data, f.magic));
  if (foreign) fail(`${NOT_A_TABLE}：文件内容是${foreign.what}`);
  const text = decodeText(data);
  if (text === undefined) return fail(`${NOT_A_TABLE}：文件内容无法识别（既不是 Excel 工作簿，也不是 UTF-8 或 GB18030 编码的文本）`);
  if (/^\s*<(\?xml|html|!doctype|table)/i.test(text))
    fail(`${NOT_A_TABLE}：这是网页或 XML 格式的表格（部分系统导出的「.xls」即是如此），请在 Excel 中「另存为」.xlsx 后再导入`);
  // Comment lines are not rows, but a demonstration set says so in one (「# 示例数据，非真实统计」).
  const commentLine = text.split(/\r?\n/).findIndex((l) => /^\s*#/.test(l) && hasDemoMark(l));
  if (commentLine >= 0) demoMark = { row: commentLine + 1, column: 'A' };
  return {
    file,
    format: 'csv',
    async *sheets() {
      once();
      yield { rows: counted(undefined, csvRows(text, file)) };
    },
    get rowsRead() {
      return rowsRead;
    },
    get demoMark() {
      return demoMark;
    },
  };
}

/** Every row of every sheet as one stream, each naming its sheet (undefined for CSV). */
export async function* readSheetRows(
  input: { name: string; data: Buffer },
  opts: SheetReadOptions = {},
): AsyncGenerator<{ sheet?: string; row: number; cells: Map<number, SheetCell> }> {
  const f = await openSheetFile(input, opts);
  for await (const sheet of f.sheets())
    for await (const r of sheet.rows) yield { ...(sheet.name !== undefined ? { sheet: sheet.name } : {}), ...r };
}

/** A file from disk as input for `openSheetFile`, refused before it is read into memory when too large. */
export async function readSheetInput(path: string, limits: Partial<ImportLimits> = {}): Promise<{ name: string; data: Buffer }> {
  const maxBytes = limits.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  const name = basename(path);
  const { size } = await stat(path);
  if (size > maxBytes) throw new ImportError([{ file: name, message: `文件大小 ${fmtMb(size)}，超过上限 ${fmtMb(maxBytes)}` }]);
  return { name, data: await readFile(path) };
}
