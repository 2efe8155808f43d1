/** Workbooks read part by part through ExcelJS's streaming reader, from the container zip-guard.ts checked. */
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { ImportError } from './issues.js';
import { SHEET_PART, type ZipEntry } from './zip-guard.js';
import { Sheet, SheetCell, SheetRow } from './cells.js';

function excelCell(cell: ExcelJS.Cell): SheetCell | undefined {
  const v = cell.value as unknown;
  const percentFormat = typeof cell.numFmt === 'string' && cell.numFmt.includes('%');
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return { kind: 'number', value: v, percentFormat };
  if (typeof v === 'string') return v.trim() === '' ? undefined : { kind: 'text', text: v };
  if (typeof v === 'boolean') return { kind: 'problem', message: `「${v ? 'TRUE' : 'FALSE'}」是逻辑值，不是数值` };
  if (v instanceof Date) return { kind: 'date', value: v };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      // exceljs's value getter drops a falsy cached result (0, or NaN for a cached error); cell.result keeps it.
      const result: unknown = cell.type === ExcelJS.ValueType.Formula ? cell.result : o.result;
      if (typeof result === 'number' && Number.isFinite(result)) return { kind: 'number', value: result, percentFormat };
      if (typeof result === 'string') return result.trim() === '' ? undefined : { kind: 'text', text: result };
      // The streaming reader turns a cached error (#DIV/0!) into NaN; the in-memory one into { error }.
      if (typeof result === 'number' || (result && typeof result === 'object' && 'error' in result))
        return { kind: 'problem', message: '公式的计算结果是错误值' };
      return { kind: 'problem', message: '公式没有计算结果（请在 Excel 中打开、重新计算并保存后再导入）' };
    }
    if ('richText' in o && Array.isArray(o.richText))
      return { kind: 'text', text: (o.richText as { text?: string }[]).map((t) => t.text ?? '').join('') };
    if ('text' in o && typeof o.text === 'string') return { kind: 'text', text: o.text };
    if ('error' in o) return { kind: 'problem', message: `单元格是错误值 ${String(o.error)}` };
  }
  return { kind: 'problem', message: '单元格内容不是数值' };
}

async function* excelRows(sheet: AsyncIterable<ExcelJS.Row>): AsyncGenerator<SheetRow> {
  for await (const row of sheet) {
    const cells = new Map<number, SheetCell>();
    row.eachCell((cell, col) => {
      const c = excelCell(cell);
      if (c) cells.set(col, c);
    });
    yield { row: row.number, cells };
  }
}

/**
 * exceljs 4.4.0 decodes each inflated chunk of an XML part on its own, so a Chinese character that
 * straddles two chunks comes out as 「��」 (exceljs issues #2063, #2084; fixes never merged). Every
 * part is handed over as text decoded across chunk boundaries instead; exceljs passes strings
 * through untouched. `parse` and the `_parse…` methods it calls are internal to exceljs: the
 * 100 000-value test, whose Chinese names cross many chunk boundaries, and the test of a workbook
 * stored with its worksheets first fail if they change.
 */
interface WorkbookReaderInternals extends AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader> {
  parse(): AsyncGenerator<unknown>;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}
const WorkbookReaderBase = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: Readable | undefined,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
) => WorkbookReaderInternals;

async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const c of chunks) {
    const text = typeof c === 'string' ? c : decoder.write(c);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * Also: exceljs's streaming reader reads the archive in stored order and sets aside in a temp file
 * any worksheet stored before the parts it needs (the shared strings, `xl/workbook.xml` with the
 * sheet names). In exceljs 4.4 that path races (exceljs issue #3064): now and then the stream ends
 * early and every part after the set-aside worksheet is lost, or the reader crashes 「Cannot read
 * properties of undefined (reading 'sheets')」. exceljs's own writer stores the workbook part last.
 * The file is already in memory and its directory read and checked (guardXlsx), so the parts are
 * handed over in the order exceljs needs: relationships, workbook, shared strings, styles, then the
 * worksheets in sheet order, each still read row by row.
 */
class XlsxPartsReader extends WorkbookReaderBase {
  constructor(
    private readonly data: Buffer,
    private readonly entries: ZipEntry[],
    options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
  ) {
    super(undefined, options);
  }

  private open(name: string): Readable | undefined {
    const e = this.entries.find((x) => x.name === name);
    if (!e) return undefined;
    const raw = Readable.from([this.data.subarray(e.dataStart, e.dataStart + e.compressedSize)]);
    return e.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  }

  override async *parse(): AsyncGenerator<unknown> {
    const rels = this.open('xl/_rels/workbook.xml.rels');
    if (rels) await this._parseRels(rels.setEncoding('utf8'));
    const workbook = this.open('xl/workbook.xml');
    if (workbook) await this._parseWorkbook(workbook.setEncoding('utf8'));
    const strings = this.open('xl/sharedStrings.xml');
    if (strings) yield* this._parseSharedStrings(strings.setEncoding('utf8'));
    const styles = this.open('xl/styles.xml');
    if (styles) await this._parseStyles(styles.setEncoding('utf8'));
    const sheetNo = (name: string): number => Number(SHEET_PART.exec(name)![1]);
    const sheets = this.entries.filter((e) => SHEET_PART.test(e.name)).sort((a, b) => sheetNo(a.name) - sheetNo(b.name));
    for (const e of sheets) yield* this._parseWorksheet(utf8Text(this.open(e.name)!), String(sheetNo(e.name)));
  }
}

/** A failure of the spreadsheet library, as an ImportError naming the file. */
function workbookError(e: unknown, file: string): ImportError {
  if (e instanceof ImportError) return e;
  return new ImportError([{ file, message: `无法读取工作簿：${(e as Error).message}` }]);
}

export async function* xlsxSheets(
  data: Buffer,
  entries: ZipEntry[],
  file: string,
  counted: (sheet: string | undefined, rows: AsyncIterable<SheetRow>) => AsyncGenerator<SheetRow>,
): AsyncGenerator<Sheet> {
  const reader = new XlsxPartsReader(data, entries, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles carry the number formats: percentages and dates are told apart from plain numbers.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  async function* guarded(rows: AsyncIterable<SheetRow>): AsyncGenerator<SheetRow> {
    try {
      yield* rows;
    } catch (e) {
      throw workbookError(e, file);
    }
  }
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name?: string }).name ?? `Sheet${String((ws as unknown as { id?: unknown }).id ?? '')}`;
      yield { name, rows: counted(name, guarded(excelRows(ws))) };
    }
  } catch (e) {
    throw workbookError(e, file);
  }
}
