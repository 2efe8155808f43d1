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
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { hasDemoMark } from '../core/demo.js';
import { parse as parseCsv } from 'csv-parse';

// ───────────────────────────── issues and limits ─────────────────────────────

export interface ImportIssue {
  file: string;
  sheet?: string;
  row?: number;
  column?: string;
  message: string;
  suggestions?: string[];
}

export const MAX_ISSUES = 200;

/** The location of an issue as people read it: 「file, 工作表「S」, 第R行, 列C」. */
export function formatIssue(i: ImportIssue): string {
  const where = [i.file];
  if (i.sheet !== undefined) where.push(`工作表「${i.sheet}」`);
  if (i.row !== undefined) where.push(`第${i.row}行`);
  if (i.column !== undefined) where.push(`列${i.column}`);
  const hint = i.suggestions?.length ? `（您是否要找：${i.suggestions.join('、')}）` : '';
  return `${where.join(', ')}: ${i.message}${hint}`;
}

export class ImportError extends Error {
  constructor(
    readonly issues: ImportIssue[],
    /** Issues found beyond the first MAX_ISSUES, counted but not kept. */
    readonly omitted = 0,
  ) {
    const lines = issues.map(formatIssue);
    if (omitted > 0) lines.push(`……另有${omitted}个问题未列出`);
    super(lines.join('\n'));
    this.name = 'ImportError';
  }
}

/** Collects the issues of one file, keeping the first MAX_ISSUES and counting the rest. */
export class IssueCollector {
  issues: ImportIssue[] = [];
  omitted = 0;
  constructor(readonly file: string) {}

  add(i: Omit<ImportIssue, 'file'>): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ file: this.file, ...i });
    else this.omitted++;
  }

  get count(): number {
    return this.issues.length + this.omitted;
  }

  /** Throws every issue collected as one ImportError, if there is any. */
  throwIfAny(): void {
    if (this.count > 0) throw new ImportError(this.issues, this.omitted);
  }
}

export interface ImportProgress {
  /** Rows read (phase 'read'), or bytes of the workbook's zip container checked (phase 'check'). */
  done: number;
  total?: number;
  /** 'check': the container is verified before reading (xlsx only); 'read': rows are read. */
  phase: 'read' | 'check';
}

export interface ImportLimits {
  maxBytes: number;
  maxUncompressedBytes: number;
  maxCompressionRatio: number;
  maxRows: number;
  maxSheets: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxRows: 200_000,
  maxSheets: 50,
};

export interface SheetReadOptions {
  /** 'check' events while the container is verified; 'read' events every 1000 rows. */
  onProgress?: (p: ImportProgress) => void;
  limits?: Partial<ImportLimits>;
}

/** Rows looked at for a header: the header itself and up to five title rows above it. */
export const HEADER_SEARCH_ROWS = 6;

// ───────────────────────────── format detection ─────────────────────────────

const MB = 1024 * 1024;
const fmtMb = (n: number): string => `${Number((n / MB).toFixed(1))} MB`;

function startsWith(data: Buffer, bytes: number[]): boolean {
  return data.length >= bytes.length && bytes.every((b, i) => data[i] === b);
}

/** Known non-spreadsheet formats, named so the message tells the user what they picked. */
const FOREIGN_FORMATS: { magic: number[]; what: string }[] = [
  { magic: [0x25, 0x50, 0x44, 0x46], what: 'PDF 文档' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'PNG 图片' },
  { magic: [0xff, 0xd8, 0xff], what: 'JPEG 图片' },
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'GIF 图片' },
  { magic: [0x52, 0x61, 0x72, 0x21], what: 'RAR 压缩包' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: '7z 压缩包' },
  { magic: [0x1f, 0x8b], what: 'gzip 压缩文件' },
];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];

const NOT_A_TABLE = '不是 .xlsx 或 .csv 文件';

function decodeText(data: Buffer): string | undefined {
  let text: string;
  if (startsWith(data, [0xef, 0xbb, 0xbf])) text = new TextDecoder('utf-8').decode(data.subarray(3));
  else if (startsWith(data, [0xff, 0xfe])) text = new TextDecoder('utf-16le').decode(data.subarray(2));
  else if (startsWith(data, [0xfe, 0xff])) text = new TextDecoder('utf-16be').decode(data.subarray(2));
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      // Chinese Excel saves 「CSV (逗号分隔)」 in the ANSI code page, i.e. GBK, a subset of GB18030.
      try {
        text = new TextDecoder('gb18030', { fatal: true }).decode(data);
      } catch {
        return undefined;
      }
    }
  }
  // Control characters other than tab and line breaks do not occur in a text table.
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) ? undefined : text;
}

// ───────────────────────────── zip container guard ─────────────────────────────

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  dataStart: number;
}

/** A structural reason to refuse a zip container. */
class ZipProblem extends Error {}

// Far more than any workbook has; bounds the work spent on a hostile central directory.
const MAX_ZIP_ENTRIES = 10_000;
// Small parts (XML boilerplate) compress extremely well and cannot hurt; the ratio matters for big ones.
const RATIO_MIN_BYTES = MB;

const SIG = {
  eocd: 0x06054b50,
  z64Locator: 0x07064b50,
  z64Eocd: 0x06064b50,
  central: 0x02014b50,
  local: 0x04034b50,
  descriptor: 0x08074b50,
};

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipProblem('ZIP 目录中的数值超出范围');
  return Number(v);
}

/**
 * Reads the central directory (APPNOTE.TXT §4.3.16 and §4.3.12) without inflating anything, and
 * checks that the local entries tile the file exactly. The tiling matters because exceljs reads
 * the zip as a stream of local headers: bytes hidden between entries, or entries that overlap (the
 * "overlapping files" zip bomb), would be inflated although the directory never mentions them.
 */
function readZipDirectory(buf: Buffer): ZipEntry[] {
  if (buf.length < 22) throw new ZipProblem('文件过短，不是完整的 ZIP 压缩包');
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === SIG.eocd && i + 22 + buf.readUInt16LE(i + 20) <= buf.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipProblem('找不到 ZIP 目录，文件可能不完整或已损坏');
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0 || buf.readUInt16LE(eocd + 8) !== buf.readUInt16LE(eocd + 10))
    throw new ZipProblem('不支持分卷 ZIP');
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  let cdLimit = eocd;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== SIG.z64Locator) throw new ZipProblem('ZIP64 目录定位记录缺失');
    const z = u64(buf, loc + 8);
    if (z + 56 > loc || buf.readUInt32LE(z) !== SIG.z64Eocd) throw new ZipProblem('ZIP64 目录记录损坏');
    count = u64(buf, z + 32);
    cdSize = u64(buf, z + 40);
    cdOffset = u64(buf, z + 48);
    cdLimit = z;
  }
  if (count > MAX_ZIP_ENTRIES) throw new ZipProblem(`ZIP 条目过多（${count}个）`);
  if (cdOffset + cdSize > cdLimit || count * 46 > cdSize) throw new ZipProblem('ZIP 目录位置或大小不正确');

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  const cdEnd = cdOffset + cdSize;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cdEnd || buf.readUInt32LE(p) !== SIG.central) throw new ZipProblem('ZIP 目录条目损坏');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    const nameEnd = p + 46 + nameLen;
    const extraEnd = nameEnd + extraLen;
    if (extraEnd + commentLen > cdEnd) throw new ZipProblem('ZIP 目录条目超出目录范围');
    const name = buf.toString('utf8', p + 46, nameEnd);
    for (let q = nameEnd; q + 4 <= extraEnd;) {
      const id = buf.readUInt16LE(q);
      const size = buf.readUInt16LE(q + 2);
      if (id === 0x0001) {
        // ZIP64 extended information: only the fields saturated in the fixed header, in this order.
        let f = q + 4;
        const take = (): number => {
          if (f + 8 > q + 4 + size) throw new ZipProblem(`条目「${name}」的 ZIP64 信息不完整`);
          const v = u64(buf, f);
          f += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localOffset === 0xffffffff) localOffset = take();
      }
      q += 4 + size;
    }
    if (flags & 1) throw new ZipProblem(`条目「${name}」已加密；请在 Excel 中取消密码后另存为 .xlsx`);
    entries.push({ name, flags, method, compressedSize, uncompressedSize, localOffset, dataStart: 0 });
    p = extraEnd + commentLen;
  }

  const sorted = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let expected = 0;
  sorted.forEach((e, i) => {
    const lh = e.localOffset;
    if (lh !== expected) throw new ZipProblem(`条目「${e.name}」的位置与目录不符（条目之间有多余或重叠的数据）`);
    if (lh + 30 > cdOffset || buf.readUInt32LE(lh) !== SIG.local) throw new ZipProblem(`条目「${e.name}」的本地文件头损坏`);
    const nameLen = buf.readUInt16LE(lh + 26);
    const extraLen = buf.readUInt16LE(lh + 28);
    if (buf.toString('utf8', lh + 30, lh + 30 + nameLen) !== e.name) throw new ZipProblem(`条目「${e.name}」的本地文件名与目录不符`);
    const hasDescriptor = (e.flags & 8) !== 0;
    if (!hasDescriptor) {
      const lc = buf.readUInt32LE(lh + 18);
      const lu = buf.readUInt32LE(lh + 22);
      if ((lc !== 0xffffffff && lc !== e.compressedSize) || (lu !== 0xffffffff && lu !== e.uncompressedSize))
        throw new ZipProblem(`条目「${e.name}」的本地文件头大小与目录不符`);
    }
    e.dataStart = lh + 30 + nameLen + extraLen;
    const dataEnd = e.dataStart + e.compressedSize;
    const next = i + 1 < sorted.length ? sorted[i + 1]!.localOffset : cdOffset;
    const gap = next - dataEnd;
    const descriptorOk =
      hasDescriptor &&
      (gap === 12 ||
        gap === 20 ||
        ((gap === 16 || gap === 24) && dataEnd + 4 <= buf.length && buf.readUInt32LE(dataEnd) === SIG.descriptor));
    if (gap !== 0 && !descriptorOk) throw new ZipProblem(`条目「${e.name}」之后有多余或重叠的数据`);
    expected = next;
  });
  if (sorted.length > 0 && expected !== cdOffset) throw new ZipProblem('ZIP 条目与目录之间有多余的数据');
  return entries;
}

/** Inflates one entry only to count its bytes, stopping as soon as it exceeds what it declared. */
function inflatedSize(data: Buffer, limit: number): Promise<{ size: number; consumed: number } | 'exceeded'> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let size = 0;
    let done = false;
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit && !done) {
        done = true;
        inflate.destroy();
        resolve('exceeded');
      }
    });
    inflate.on('end', () => {
      if (!done) resolve({ size, consumed: inflate.bytesWritten });
    });
    inflate.on('error', (e) => {
      if (!done) reject(e);
    });
    inflate.end(data);
  });
}

/** Sheets in the workbook, counted from the container (exceljs reads `xl/worksheets/sheetN.xml`). */
const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;

function guardXlsx(data: Buffer, file: string, limits: ImportLimits, onProgress?: (p: ImportProgress) => void): Promise<ZipEntry[]> {
  return guardZip(data, file, limits, { part: 'xl/workbook.xml', what: 'Excel 工作簿（.xlsx）' }, onProgress);
}

/**
 * Checks a zip container that came from outside (directory, sizes, compression ratio, each
 * entry's real inflated size) before any of it is inflated for keeps; `expect` names the part
 * that makes it the kind of file wanted (a workbook, a Word document). Refusals are ImportErrors.
 */
export async function guardZip(
  data: Buffer,
  file: string,
  limits: ImportLimits,
  expect: { part: string; what: string },
  onProgress?: (p: ImportProgress) => void,
): Promise<ZipEntry[]> {
  const fail = (message: string): never => {
    throw new ImportError([{ file, message }]);
  };
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(data);
  } catch (e) {
    if (e instanceof ZipProblem) return fail(`ZIP 结构异常，已拒绝读取：${e.message}`);
    throw e;
  }
  if (!entries.some((e) => e.name === expect.part)) fail(`是 ZIP 压缩包，但不是${expect.what}`);
  const sheets = entries.filter((e) => SHEET_PART.test(e.name)).length;
  if (sheets > limits.maxSheets) fail(`工作表过多（${sheets}个），上限为${limits.maxSheets}个`);
  const total = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (total > limits.maxUncompressedBytes)
    fail(`解压后共 ${fmtMb(total)}，超过上限 ${fmtMb(limits.maxUncompressedBytes)}（疑似 ZIP 炸弹），已拒绝读取`);
  for (const e of entries) {
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize >= RATIO_MIN_BYTES && ratio > limits.maxCompressionRatio)
      fail(`条目「${e.name}」压缩比 ${Math.round(ratio)}:1，超过上限 ${limits.maxCompressionRatio}:1（疑似 ZIP 炸弹），已拒绝读取`);
    if (e.method !== 0 && e.method !== 8) fail(`条目「${e.name}」使用了不支持的压缩方式（${e.method}）`);
    if (e.method === 0 && e.compressedSize !== e.uncompressedSize) fail(`条目「${e.name}」的大小与目录不符`);
  }
  // The declared sizes are only claims: verify each against the real inflated size, counting and
  // discarding the output, before exceljs inflates anything for keeps.
  let checked = 0;
  const compressedTotal = entries.reduce((s, e) => s + e.compressedSize, 0);
  for (const e of entries) {
    if (e.method === 8) {
      let r: Awaited<ReturnType<typeof inflatedSize>>;
      try {
        r = await inflatedSize(data.subarray(e.dataStart, e.dataStart + e.compressedSize), e.uncompressedSize);
      } catch (err) {
        return fail(`条目「${e.name}」无法解压（${(err as Error).message}），文件可能已损坏`);
      }
      if (r === 'exceeded')
        fail(`条目「${e.name}」实际解压后超过其声明的 ${e.uncompressedSize} 字节（文件被篡改，疑似 ZIP 炸弹），已拒绝读取`);
      else if (r.consumed !== e.compressedSize) fail(`条目「${e.name}」的压缩数据之后有多余的字节，文件可能被篡改`);
    }
    checked += e.compressedSize;
    onProgress?.({ phase: 'check', done: checked, total: compressedTotal });
  }
  return entries;
}

// ───────────────────────────── cells ─────────────────────────────

/**
 * A cell as the readers hand it over: text, a number (with whether Excel shows it as a
 * percentage, i.e. stores 0.075 for 7.5%), a date (a number cell with a date format, as the UTC
 * date Excel shows; check it is valid), or why it holds none of these (an error value, a formula never calculated).
 * CSV cells are always text.
 */
export type SheetCell =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number; percentFormat: boolean }
  | { kind: 'date'; value: Date }
  | { kind: 'problem'; message: string };

export interface SheetRow {
  /** 1-based, as the user sees it: the worksheet's row number, or the CSV file's line. */
  row: number;
  /** By 1-based column number; only non-empty cells. */
  cells: Map<number, SheetCell>;
}

export interface Sheet {
  /** The worksheet's name; undefined for a CSV file. */
  name?: string;
  rows: AsyncIterable<SheetRow>;
}

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** A cell as text: trimmed text, a number in JavaScript notation; '' for a date, a problem or no cell. */
export function cellText(c: SheetCell | undefined): string {
  if (!c) return '';
  if (c.kind === 'text') return c.text.trim();
  if (c.kind === 'number') return String(c.value);
  return '';
}

// ───────────────────────────── readers ─────────────────────────────

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

async function* xlsxSheets(
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

function guessDelimiter(text: string): string {
  const lines = text
    .split(/\r?\n/, 50)
    .filter((l) => l.trim() && !l.startsWith('#'))
    .slice(0, HEADER_SEARCH_ROWS);
  const count = (d: string): number => lines.reduce((n, l) => n + l.split(d).length - 1, 0);
  return ['\t', ';'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

async function* csvRows(text: string, file: string): AsyncGenerator<SheetRow> {
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

// ───────────────────────────── entry points ─────────────────────────────

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
