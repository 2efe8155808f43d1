/**
 * Observed values from the spreadsheets a statistics bureau keeps: .xlsx workbooks and CSV files
 * (UTF-8 or the GB18030 Chinese Excel writes), in a wide layout (rows = indicators, columns =
 * years) or a long one (one value per row). Import is all-or-nothing: every problem in the file is
 * collected and reported with its sheet, row and column, and values are returned only when there
 * are none, so a half-imported file never reaches an evaluation.
 *
 * Files come from outside, so they are treated as hostile: the format is decided from the bytes,
 * and a workbook's zip container is checked (sizes, compression ratio, structure) before any part
 * of it is inflated by the spreadsheet library.
 */
import { stat, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse';
import { distance } from 'fastest-levenshtein';
import { readTargets } from '../core/evaluate.js';
import type { Indicator, Observation, ObservationKind, Plan, Source } from '../core/model.js';

export interface ImportedValue {
  indicatorId: string;
  year: number;
  kind: ObservationKind;
  value: number;
  bound?: 'atLeast' | 'atMost';
  unit?: string;
  scope?: string;
  source?: Source;
  note?: string;
  cell: { sheet?: string; row: number; column: string };
}

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

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void;
  limits?: Partial<ImportLimits>;
}

export interface ImportResult {
  values: ImportedValue[];
  /** Layout of the first sheet read (a workbook may mix layouts between sheets). */
  layout: 'wide' | 'long';
  /** Sheets read (empty for CSV). */
  sheets: string[];
  /** Sheets without a recognisable header, not read. */
  skippedSheets: string[];
  /** Data rows read (below the header rows). */
  rows: number;
}

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

interface ZipEntry {
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
const SHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;

async function guardXlsx(data: Buffer, file: string, limits: ImportLimits, onProgress?: (p: ImportProgress) => void): Promise<void> {
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
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) fail('是 ZIP 压缩包，但不是 Excel 工作簿（.xlsx）');
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
}

// ───────────────────────────── cells and headers ─────────────────────────────

/** A cell as the readers hand it over: text, a number, or why it holds neither. */
type CellValue =
  { kind: 'text'; text: string } | { kind: 'number'; value: number; percentFormat: boolean } | { kind: 'problem'; message: string };

interface SheetRow {
  row: number;
  /** By 1-based column number; only non-empty cells. */
  cells: Map<number, CellValue>;
}

export function columnLetter(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

function cellText(c: CellValue | undefined): string {
  if (!c) return '';
  if (c.kind === 'text') return c.text.trim();
  if (c.kind === 'number') return String(c.value);
  return '';
}

const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** Own keys only: a cell reading 「constructor」 must not find Object.prototype's. */
const lookup = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

type Role = 'key' | 'rowNo' | 'name' | 'year' | 'value' | 'kind' | 'unit' | 'scope' | 'sourceTitle' | 'sourceUrl' | 'quote' | 'note';

const HEADER_ROLES: Record<string, Role> = {
  // 序号 is often the bureau's own row numbering, so it only backs up the name (see resolveIndicator).
  序号: 'rowNo',
  编号: 'key',
  指标编号: 'key',
  指标代码: 'key',
  code: 'key',
  id: 'key',
  indicator: 'key',
  indicator_id: 'key',
  indicator_no: 'key',
  指标: 'name',
  指标名称: 'name',
  name: 'name',
  indicator_name: 'name',
  year: 'year',
  年份: 'year',
  年度: 'year',
  value: 'value',
  数值: 'value',
  kind: 'kind',
  类型: 'kind',
  unit: 'unit',
  单位: 'unit',
  计量单位: 'unit',
  scope: 'scope',
  口径: 'scope',
  source_title: 'sourceTitle',
  来源: 'sourceTitle',
  数据来源: 'sourceTitle',
  source_url: 'sourceUrl',
  来源链接: 'sourceUrl',
  quote: 'quote',
  原文: 'quote',
  note: 'note',
  备注: 'note',
};

/** 「2021」「2021年」「2021年完成」 are values of that year; 「2021年增速」 its growth rate. */
function yearHeader(c: CellValue | undefined): { year: number; growth: boolean } | undefined {
  if (c?.kind === 'number')
    return Number.isInteger(c.value) && c.value >= 1000 && c.value <= 9999 ? { year: c.value, growth: false } : undefined;
  const t = norm(cellText(c)).replace(/\(%\)$|%$/, '');
  const m = t.match(/^(\d{4})年?(完成|完成值|完成数|实际|实际值|实绩|数值|值|数据)?$/);
  if (m) return { year: Number(m[1]), growth: false };
  const g = t.match(/^(\d{4})年?(增速|增长|增长率|增幅|同比增长|同比增速)$/);
  return g ? { year: Number(g[1]), growth: true } : undefined;
}

interface Header {
  layout: 'wide' | 'long';
  row: number;
  roles: Partial<Record<Role, number>>;
  /** Wide layout: year columns. */
  years: { col: number; year: number; growth: boolean }[];
}

function detectHeader(r: SheetRow): Header | undefined {
  const roles: Partial<Record<Role, number>> = {};
  const years: Header['years'] = [];
  for (const [col, c] of [...r.cells.entries()].sort((a, b) => a[0] - b[0])) {
    const role = lookup(HEADER_ROLES, norm(cellText(c)));
    if (role) roles[role] ??= col;
    else {
      const y = yearHeader(c);
      if (y) years.push({ col, ...y });
    }
  }
  const identifies = roles.key !== undefined || roles.rowNo !== undefined || roles.name !== undefined;
  if (!identifies) return undefined;
  if (roles.year !== undefined && roles.value !== undefined) return { layout: 'long', row: r.row, roles, years: [] };
  if (years.length > 0) return { layout: 'wide', row: r.row, roles, years };
  return undefined;
}

/** Rows looked at for a header: the header itself and up to five title rows above it. */
const HEADER_SEARCH_ROWS = 6;

// ───────────────────────────── values ─────────────────────────────

const NO_VALUE = new Set(['', '—', '——', '–', '-', '－', '--', '/', '／', '\\', '无', '…', '……', '...', 'n/a', 'na']);

type Parsed = { value: number; bound?: 'atLeast' | 'atMost'; percent: boolean } | 'empty' | { problem: string };

function parseValue(c: CellValue): Parsed {
  if (c.kind === 'problem') return { problem: c.message };
  if (c.kind === 'number') {
    if (!Number.isFinite(c.value)) return { problem: '数值不是有限数' };
    // A cell formatted as a percentage stores 0.075 for what it shows as 7.5%.
    return c.percentFormat ? { value: Number((c.value * 100).toPrecision(15)), percent: true } : { value: c.value, percent: false };
  }
  const t = c.text.normalize('NFKC').replace(/\s+/g, '').replace(/[−–]/g, '-');
  if (NO_VALUE.has(t.toLowerCase())) return 'empty';
  const m = t.match(/^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(%)?(以上|以下)?$/);
  if (!m) return { problem: `「${c.text.trim()}」不是数值` };
  const value = Number(`${m[1]}${m[2]!.replace(/,/g, '')}${m[3] ?? ''}`);
  const out: Parsed = { value, percent: m[4] === '%' };
  if (m[5]) out.bound = m[5] === '以上' ? 'atLeast' : 'atMost';
  return out;
}

const KIND_ALIASES: Record<string, ObservationKind> = {
  level: 'level',
  水平: 'level',
  水平值: 'level',
  总量: 'level',
  growth_pct: 'growth_pct',
  增速: 'growth_pct',
  增长率: 'growth_pct',
  change: 'change',
  变动: 'change',
  增减: 'change',
  avg_growth_pct: 'avg_growth_pct',
  年均增速: 'avg_growth_pct',
  年均增长: 'avg_growth_pct',
  avg_change: 'avg_change',
  年均变动: 'avg_change',
  cumulative: 'cumulative',
  累计: 'cumulative',
};

const PCT_KINDS = new Set<ObservationKind>(['growth_pct', 'avg_growth_pct']);

/**
 * What a bare value of an indicator means when the file does not say: the growth rate of the year
 * on rows whose target is a growth rate (「全员劳动生产率年均增长」「高于地区生产总值年均增长」), the
 * level otherwise. The indicator table export writes its year columns the same way.
 */
export function defaultKind(ind: Indicator): ObservationKind {
  const { target, growthTarget } = readTargets(ind);
  const main = target ?? growthTarget;
  return main?.kind === 'growth' || main?.kind === 'relational' ? 'growth_pct' : 'level';
}

// ───────────────────────────── indicators ─────────────────────────────

/** Names as typed vary in width, spacing, brackets and the plan's ★▲ marks. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[【〔［[]/g, '(')
    .replace(/[】〕］\]]/g, ')')
    .replace(/[★▲☆△*※]/g, '');
}

class IndicatorIndex {
  private byId = new Map<string, Indicator>();
  private byNo = new Map<string, Indicator[]>();
  private byName = new Map<string, Indicator[]>();
  private byNormName = new Map<string, Indicator[]>();
  private names: { norm: string; name: string }[] = [];

  constructor(indicators: Indicator[]) {
    const add = (m: Map<string, Indicator[]>, k: string, i: Indicator): void => {
      const list = m.get(k);
      if (list) list.push(i);
      else m.set(k, [i]);
    };
    for (const i of indicators) {
      this.byId.set(i.id, i);
      add(this.byNo, String(i.no), i);
      add(this.byName, i.name, i);
      add(this.byNormName, normalizeName(i.name), i);
      this.names.push({ norm: normalizeName(i.name), name: i.name });
    }
  }

  key(key: string, name?: string): Indicator[] {
    const hit = this.byId.get(key);
    if (hit) return [hit];
    const sameNo = this.byNo.get(key) ?? [];
    if (sameNo.length > 1 && name) {
      const n = normalizeName(name);
      const named = sameNo.filter((i) => normalizeName(i.name) === n);
      if (named.length) return named;
    }
    return sameNo;
  }

  name(name: string): Indicator[] {
    return this.byName.get(name) ?? this.byNormName.get(normalizeName(name)) ?? [];
  }

  suggest(name: string): string[] {
    const n = normalizeName(name);
    return this.names
      .map((x, i) => ({ ...x, d: distance(n, x.norm), i }))
      .sort((a, b) => a.d - b.d || a.i - b.i)
      .filter((x, i, all) => all.findIndex((y) => y.name === x.name) === i)
      .slice(0, 3)
      .map((x) => x.name);
  }
}

type Resolution = { ind: Indicator } | { role: 'key' | 'rowNo' | 'name'; message: string; suggestions?: string[] };

function related(a: string, b: string): boolean {
  const x = normalizeName(a);
  const y = normalizeName(b);
  return x.includes(y) || y.includes(x);
}

/**
 * By id (「1」「27.1」), by printed row number where unambiguous, or by name (exact, then after
 * normalising). An explicit id that disagrees with the name is an error; a 序号 that disagrees is
 * taken as the bureau's own numbering and the name decides.
 */
function resolveIndicator(index: IndicatorIndex, keyText: string, keyRole: 'key' | 'rowNo', nameText: string): Resolution {
  const byKey = keyText ? index.key(keyText, nameText) : [];
  const byName = nameText ? index.name(nameText) : [];
  if (byName.length > 1) {
    const chosen = byKey.length === 1 && byName.includes(byKey[0]!) ? byKey[0]! : undefined;
    if (chosen) return { ind: chosen };
    return { role: 'name', message: `指标名称「${nameText}」对应多个指标（编号${byName.map((i) => i.id).join('、')}），请填写指标编号` };
  }
  const named = byName[0];
  if (named) {
    if (!keyText || byKey.includes(named) || keyRole === 'rowNo') return { ind: named };
    const other = byKey[0];
    return other
      ? { role: keyRole, message: `指标编号「${keyText}」在规划中是「${other.name}」，与名称「${nameText}」不符` }
      : { role: keyRole, message: `规划中没有编号为「${keyText}」的指标（名称「${nameText}」对应编号${named.id}）` };
  }
  if (byKey.length > 1)
    return {
      role: keyRole,
      message: `序号「${keyText}」对应多个指标（${byKey.map((i) => `${i.id} ${i.name}`).join('、')}），请写明指标编号或名称`,
    };
  const keyed = byKey[0];
  if (keyed) {
    if (!nameText || related(keyed.name, nameText)) return { ind: keyed };
    return {
      role: 'name',
      message: `指标「${keyText}」在规划中名为「${keyed.name}」，与文件中的「${nameText}」不符`,
      suggestions: index.suggest(nameText),
    };
  }
  if (nameText) return { role: 'name', message: `规划中没有名为「${nameText}」的指标`, suggestions: index.suggest(nameText) };
  return { role: keyRole, message: `规划中没有编号为「${keyText}」的指标` };
}

// ───────────────────────────── the import ─────────────────────────────

interface SheetSource {
  name?: string;
  rows: AsyncIterable<SheetRow>;
}

class Collector {
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
}

interface ReadState {
  plan: Plan;
  index: IndicatorIndex;
  limits: ImportLimits;
  issues: Collector;
  values: ImportedValue[];
  seen: Map<string, ImportedValue['cell']>;
  rowsRead: number;
  dataRows: number;
  onProgress?: (p: ImportProgress) => void;
  sheets: string[];
  skipped: string[];
  layout?: 'wide' | 'long';
}

const where = (cell: ImportedValue['cell']): string =>
  `${cell.sheet !== undefined ? `工作表「${cell.sheet}」` : ''}第${cell.row}行列${cell.column}`;

async function readSheet(s: ReadState, sheet: SheetSource): Promise<void> {
  let header: Header | undefined;
  let looked = 0;
  const outOfRange = new Map<number, { year: number; count: number }>();
  for await (const r of sheet.rows) {
    s.rowsRead++;
    if (s.rowsRead > s.limits.maxRows) {
      throw new ImportError([{ file: s.issues.file, sheet: sheet.name, message: `行数超过上限${s.limits.maxRows}行，已停止读取` }]);
    }
    if (s.rowsRead % 1000 === 0) s.onProgress?.({ phase: 'read', done: s.rowsRead });
    if (!header) {
      if (r.cells.size === 0 || looked >= HEADER_SEARCH_ROWS) continue;
      looked++;
      header = detectHeader(r);
      if (header) {
        s.layout ??= header.layout;
        if (sheet.name !== undefined) s.sheets.push(sheet.name);
      }
      continue;
    }
    if (r.cells.size === 0) continue;
    s.dataRows++;
    readDataRow(s, sheet.name, header, r, outOfRange);
  }
  if (!header) {
    if (sheet.name !== undefined) s.skipped.push(sheet.name);
    return;
  }
  const { baseYear, targetYear } = s.plan.meta;
  for (const [col, { year, count }] of outOfRange) {
    s.issues.add({
      sheet: sheet.name,
      row: header.row,
      column: columnLetter(col),
      message: `年份${year}超出本规划可接受的范围（${baseYear - 10}—${targetYear + 5}），该列有${count}个数值`,
    });
  }
}

function readDataRow(
  s: ReadState,
  sheet: string | undefined,
  h: Header,
  r: SheetRow,
  outOfRange: Map<number, { year: number; count: number }>,
): void {
  const at = (role: Role): CellValue | undefined => (h.roles[role] !== undefined ? r.cells.get(h.roles[role]!) : undefined);
  const text = (role: Role): string => cellText(at(role));
  const col = (role: Role): string => columnLetter(h.roles[role] ?? 1);
  const issue = (column: string, message: string, suggestions?: string[]): void =>
    s.issues.add({ sheet, row: r.row, column, message, ...(suggestions?.length ? { suggestions } : {}) });

  // The value cells of this row, before anything else is checked: a row with no value at all (a
  // category heading, a note under the table) is not an error.
  const cells: { col: number; year?: number; growth: boolean; parsed: Exclude<Parsed, 'empty'> }[] = [];
  if (h.layout === 'wide') {
    for (const y of h.years) {
      const c = r.cells.get(y.col);
      if (!c) continue;
      const parsed = parseValue(c);
      if (parsed !== 'empty') cells.push({ col: y.col, year: y.year, growth: y.growth, parsed });
    }
  } else {
    const c = at('value');
    const parsed = c ? parseValue(c) : 'empty';
    if (parsed !== 'empty') cells.push({ col: h.roles.value!, growth: false, parsed });
  }
  if (cells.length === 0) return;

  const keyRole = h.roles.key !== undefined ? 'key' : 'rowNo';
  const keyText = text(keyRole);
  const nameText = text('name');
  if (!keyText && !nameText) {
    issue(col(h.roles.name !== undefined ? 'name' : keyRole), '有数值但没有指标编号或名称');
    return;
  }
  const res = resolveIndicator(s.index, keyText, keyRole, nameText);
  if (!('ind' in res)) {
    issue(col(res.role), res.message, res.suggestions);
    return;
  }
  const ind = res.ind;

  let rowKind: ObservationKind | undefined;
  const kindText = text('kind');
  if (kindText) {
    rowKind = lookup(KIND_ALIASES, norm(kindText));
    if (!rowKind) {
      issue(col('kind'), `类型「${kindText}」应为 ${Object.keys(KIND_ALIASES).join(' / ')} 之一`);
      return;
    }
  }

  let longYear: number | undefined;
  if (h.layout === 'long') {
    const yc = at('year');
    const y = yc?.kind === 'number' ? yc.value : Number((norm(cellText(yc)).match(/^(\d{4})年?$/) ?? [])[1] ?? NaN);
    if (!Number.isInteger(y) || y < 1000 || y > 9999) {
      issue(col('year'), `年份「${cellText(yc)}」应为四位数字`);
      return;
    }
    longYear = y;
  }

  const unit = text('unit');
  const scope = text('scope') || undefined;
  const sourceTitle = text('sourceTitle');
  const sourceUrl = text('sourceUrl');
  const quote = text('quote');
  const note = text('note') || undefined;
  const source: Source | undefined =
    sourceTitle || sourceUrl
      ? { title: sourceTitle || sourceUrl, ...(sourceUrl ? { url: sourceUrl } : {}), ...(quote ? { quote } : {}) }
      : undefined;
  const { baseYear, targetYear } = s.plan.meta;
  const unitReported = new Set<ObservationKind>();

  for (const c of cells) {
    const column = columnLetter(c.col);
    if ('problem' in c.parsed) {
      issue(column, `${h.layout === 'wide' ? `${c.year}年：` : ''}${c.parsed.problem}（指标「${ind.name}」）`);
      continue;
    }
    const year = c.year ?? longYear!;
    if (year < baseYear - 10 || year > targetYear + 5) {
      if (h.layout === 'long') issue(col('year'), `年份${year}超出本规划可接受的范围（${baseYear - 10}—${targetYear + 5}）`);
      else {
        const o = outOfRange.get(c.col);
        if (o) o.count++;
        else outOfRange.set(c.col, { year, count: 1 });
      }
      continue;
    }
    const kind: ObservationKind = c.growth ? 'growth_pct' : (rowKind ?? defaultKind(ind));
    if (c.parsed.percent && !PCT_KINDS.has(kind) && norm(ind.unit) !== '%') {
      issue(column, `数值带百分号，但指标「${ind.name}」的单位是「${ind.unit || '无'}」、类型是 ${kind}`);
      continue;
    }
    // In a wide row the unit describes the level; a growth column is in % whatever the row's unit.
    const unitWrong =
      unit !== '' &&
      ((kind === 'level' && ind.unit !== '' && !ind.unitFilled && norm(unit) !== norm(ind.unit)) ||
        (h.layout === 'long' && PCT_KINDS.has(kind) && norm(unit) !== '%'));
    if (unitWrong) {
      if (!unitReported.has(kind)) {
        unitReported.add(kind);
        issue(
          col('unit'),
          kind === 'level'
            ? `单位「${unit}」与指标「${ind.name}」的单位「${ind.unit}」不一致`
            : `类型 ${kind} 的单位应为「%」，而不是「${unit}」`,
        );
      }
      continue;
    }
    const cell: ImportedValue['cell'] = { ...(sheet !== undefined ? { sheet } : {}), row: r.row, column };
    // Values on different statistical scopes (口径) of the same year are both legitimate.
    const key = `${ind.id}\u0000${year}\u0000${kind}\u0000${scope ?? ''}`;
    const first = s.seen.get(key);
    if (first) {
      issue(
        column,
        `与${where(first)}重复：同一指标「${ind.name}」、${year}年、类型 ${kind}${scope ? `、口径「${scope}」` : ''}只能有一个数值`,
      );
      continue;
    }
    s.seen.set(key, cell);
    const v: ImportedValue = { indicatorId: ind.id, year, kind, value: c.parsed.value, cell };
    if (c.parsed.bound) v.bound = c.parsed.bound;
    if (unit && (h.layout === 'long' || !PCT_KINDS.has(kind) || norm(unit) === '%')) v.unit = unit;
    else if (c.parsed.percent || PCT_KINDS.has(kind)) v.unit = '%';
    if (scope) v.scope = scope;
    if (source) v.source = source;
    if (note) v.note = note;
    s.values.push(v);
  }
}

// ───────────────────────────── readers ─────────────────────────────

function excelCell(cell: ExcelJS.Cell): CellValue | undefined {
  const v = cell.value as unknown;
  const percentFormat = typeof cell.numFmt === 'string' && cell.numFmt.includes('%');
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return { kind: 'number', value: v, percentFormat };
  if (typeof v === 'string') return v.trim() === '' ? undefined : { kind: 'text', text: v };
  if (typeof v === 'boolean') return { kind: 'problem', message: `「${v ? 'TRUE' : 'FALSE'}」是逻辑值，不是数值` };
  if (v instanceof Date) return { kind: 'problem', message: '单元格是日期，不是数值' };
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
    const cells = new Map<number, CellValue>();
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
 * through untouched. The overridden methods are internal to exceljs: the 100 000-value test, whose
 * Chinese names cross many chunk boundaries, fails if they change.
 */
interface WorkbookReaderInternals extends AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader> {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}
const WorkbookReaderBase = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: Readable,
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

class Utf8WorkbookReader extends WorkbookReaderBase {
  override _parseRels(entry: Readable): Promise<void> {
    return super._parseRels(entry.setEncoding('utf8'));
  }
  override _parseWorkbook(entry: Readable): Promise<void> {
    return super._parseWorkbook(entry.setEncoding('utf8'));
  }
  override _parseStyles(entry: Readable): Promise<void> {
    return super._parseStyles(entry.setEncoding('utf8'));
  }
  override _parseSharedStrings(entry: Readable): AsyncGenerator<unknown> {
    return super._parseSharedStrings(entry.setEncoding('utf8'));
  }
  override _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown> {
    return super._parseWorksheet(utf8Text(iterator), sheetNo);
  }
}

async function readXlsx(data: Buffer, s: ReadState): Promise<void> {
  const input = new PassThrough();
  input.end(data);
  const reader = new Utf8WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles carry the number formats: percentages and dates are told apart from plain numbers.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name?: string }).name ?? `Sheet${String((ws as unknown as { id?: unknown }).id ?? '')}`;
      await readSheet(s, { name, rows: excelRows(ws) });
    }
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError([{ file: s.issues.file, message: `无法读取工作簿：${(e as Error).message}` }]);
  } finally {
    input.destroy();
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
      const cells = new Map<number, CellValue>();
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

export async function readValuesFile(input: { name: string; data: Buffer }, plan: Plan, opts: ImportOptions = {}): Promise<ImportResult> {
  const { name: file, data } = input;
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const fail = (message: string): never => {
    throw new ImportError([{ file, message }]);
  };
  if (data.length === 0) fail('文件为空');
  if (data.length > limits.maxBytes) fail(`文件大小 ${fmtMb(data.length)}，超过上限 ${fmtMb(limits.maxBytes)}`);

  const s: ReadState = {
    plan,
    index: new IndicatorIndex(plan.indicators),
    limits,
    issues: new Collector(file),
    values: [],
    seen: new Map(),
    rowsRead: 0,
    dataRows: 0,
    onProgress: opts.onProgress,
    sheets: [],
    skipped: [],
  };

  if (startsWith(data, ZIP_MAGIC)) {
    await guardXlsx(data, file, limits, opts.onProgress);
    await readXlsx(data, s);
    if (s.sheets.length === 0)
      fail(
        `没有找到可识别的表头的工作表（已查看：${s.skipped.join('、') || '无'}）；表头应含「指标编号」或「指标名称」，以及年份列或「年份」「数值」列`,
      );
  } else {
    if (startsWith(data, OLE_MAGIC))
      fail(`${NOT_A_TABLE}：这是旧版 Excel（.xls）或加密的工作簿，请在 Excel 中取消密码并「另存为」Excel 工作簿（.xlsx）后再导入`);
    if (startsWith(data, EMPTY_ZIP_MAGIC)) fail(`${NOT_A_TABLE}：这是一个空的 ZIP 压缩包`);
    const foreign = FOREIGN_FORMATS.find((f) => startsWith(data, f.magic));
    if (foreign) fail(`${NOT_A_TABLE}：文件内容是${foreign.what}`);
    const text = decodeText(data);
    if (text === undefined) fail(`${NOT_A_TABLE}：文件内容无法识别（既不是 Excel 工作簿，也不是 UTF-8 或 GB18030 编码的文本）`);
    if (/^\s*<(\?xml|html|!doctype|table)/i.test(text!))
      fail(`${NOT_A_TABLE}：这是网页或 XML 格式的表格（部分系统导出的「.xls」即是如此），请在 Excel 中「另存为」.xlsx 后再导入`);
    await readSheet(s, { rows: csvRows(text!, file) });
    if (!s.layout) fail('没有找到可识别的表头：表头应含「指标编号」或「指标名称」，以及年份列（宽表）或「年份」「数值」列（长表）');
  }
  s.onProgress?.({ phase: 'read', done: s.rowsRead, total: s.rowsRead });
  if (s.issues.count > 0) throw new ImportError(s.issues.issues, s.issues.omitted);
  return { values: s.values, layout: s.layout ?? 'wide', sheets: s.sheets, skippedSheets: s.skipped, rows: s.dataRows };
}

export async function readValuesFilePath(path: string, plan: Plan, opts: ImportOptions = {}): Promise<ImportResult> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const name = basename(path);
  // Refuse an oversized file before reading it into memory.
  const { size } = await stat(path);
  if (size > limits.maxBytes)
    throw new ImportError([{ file: name, message: `文件大小 ${fmtMb(size)}，超过上限 ${fmtMb(limits.maxBytes)}` }]);
  return readValuesFile({ name, data: await readFile(path) }, plan, opts);
}

/** Imported values as observations for the evaluation engine. */
export function toObservations(values: ImportedValue[]): Observation[] {
  return values.map((v) => {
    const o: Observation = { indicatorId: v.indicatorId, year: v.year, kind: v.kind, value: v.value };
    if (v.bound) o.bound = v.bound;
    if (v.unit) o.unit = v.unit;
    if (v.scope) o.scope = v.scope;
    if (v.source) o.source = v.source;
    if (v.note) o.note = v.note;
    return o;
  });
}
