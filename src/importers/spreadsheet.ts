/**
 * Observed values from the spreadsheets a statistics bureau keeps: .xlsx workbooks and CSV files
 * (UTF-8 or the GB18030 Chinese Excel writes), in a wide layout (rows = indicators, columns =
 * years) or a long one (one value per row). Import is all-or-nothing: every problem in the file is
 * collected and reported with its sheet, row and column, and values are returned only when there
 * are none, so a half-imported file never reaches an evaluation.
 *
 * Reading the file itself — format detection, the zip-bomb guard, decoding, streaming rows — is
 * `sheet/`; its error type and limits are re-exported here for the modules that import
 * values.
 */
import { slicer } from '../core/steps.js';
import { isWebUrl, WEB_URL_MESSAGE } from '../core/text.js';
import { distance } from 'fastest-levenshtein';
import { readTargets } from '../core/evaluate.js';
import type { Indicator, Observation, ObservationKind, Plan, Source } from '../core/model.js';
import { taskTargetPlan } from '../core/targets.js';
import {
  cellText,
  columnLetter,
  HEADER_SEARCH_ROWS,
  ImportError,
  IssueCollector,
  openSheetFile,
  readSheetInput,
  type DemoMark,
  type ImportLimits,
  type ImportProgress,
  type Sheet,
  type SheetCell,
  type SheetRow,
} from './sheet/index.js';

export {
  columnLetter,
  DEFAULT_LIMITS,
  formatIssue,
  type DemoMark,
  ImportError,
  MAX_ISSUES,
  type ImportIssue,
  type ImportLimits,
  type ImportProgress,
} from './sheet/index.js';

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
  /** Set when the file is a demonstration set (示例数据): where it says so. The store refuses such values outside a demo workspace. */
  demo?: DemoMark;
}

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
  /** Where the file marks itself as demonstration data (示例数据), if it does. */
  demo?: DemoMark;
}

// ───────────────────────────── cells and headers ─────────────────────────────

type CellValue = SheetCell;

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

// ───────────────────────────── values ─────────────────────────────

const NO_VALUE = new Set(['', '—', '——', '–', '-', '－', '--', '/', '／', '\\', '无', '…', '……', '...', 'n/a', 'na']);

type Parsed = { value: number; bound?: 'atLeast' | 'atMost'; percent: boolean } | 'empty' | { problem: string };

function parseValue(c: CellValue): Parsed {
  if (c.kind === 'problem') return { problem: c.message };
  if (c.kind === 'date') return { problem: '单元格是日期，不是数值' };
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

  /** Task targets are found by id or by name (a name the main indicators already use stays theirs), never by row number. */
  constructor(indicators: Indicator[], taskTargets: Indicator[] = []) {
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
    for (const t of taskTargets) {
      this.byId.set(t.id, t);
      const norm = normalizeName(t.name);
      if (this.byNormName.has(norm)) continue;
      add(this.byName, t.name, t);
      add(this.byNormName, norm, t);
      this.names.push({ norm, name: t.name });
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
  // A key and the very name it has in the plan agree, whoever else shares the name (a task target named like a main indicator).
  if (byKey.length === 1 && nameText && normalizeName(byKey[0]!.name) === normalizeName(nameText)) return { ind: byKey[0]! };
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

interface ReadState {
  plan: Plan;
  index: IndicatorIndex;
  issues: IssueCollector;
  values: ImportedValue[];
  /** Each value's first cell and scope, by indicator, year and kind. */
  seen: Map<string, { cell: ImportedValue['cell']; scope: string | undefined }>;
  dataRows: number;
  sheets: string[];
  skipped: string[];
  layout?: 'wide' | 'long';
}

const where = (cell: ImportedValue['cell']): string =>
  `${cell.sheet !== undefined ? `工作表「${cell.sheet}」` : ''}第${cell.row}行列${cell.column}`;

async function readSheet(s: ReadState, sheet: Sheet): Promise<void> {
  let header: Header | undefined;
  let looked = 0;
  const outOfRange = new Map<number, { year: number; count: number }>();
  // A large file is read in slices, so that a server reading it goes on answering other requests.
  const pause = slicer();
  for await (const r of sheet.rows) {
    await pause();
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
  if (sourceUrl && !isWebUrl(sourceUrl)) return issue(col('sourceUrl'), `${WEB_URL_MESSAGE}，收到「${sourceUrl.slice(0, 60)}」`);

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
    // The store keeps one value per indicator, year and kind: two rows that differ only in their
    // statistical scope (口径) would leave one of them unstored, so the file is refused naming both.
    const key = `${ind.id}\u0000${year}\u0000${kind}`;
    const first = s.seen.get(key);
    if (first) {
      issue(
        column,
        first.scope !== (scope || undefined)
          ? `与${where(first.cell)}是同一指标「${ind.name}」、${year}年、类型 ${kind}的数值，口径不同（「${first.scope ?? '未注明'}」与「${scope || '未注明'}」）：每个指标每年只能保存一个口径的数值，请只保留其中一行（口径调整请以修订方式导入）`
          : `与${where(first.cell)}重复：同一指标「${ind.name}」、${year}年、类型 ${kind}${scope ? `、口径「${scope}」` : ''}只能有一个数值`,
      );
      continue;
    }
    s.seen.set(key, { cell, scope: scope || undefined });
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
// ───────────────────────────── entry points ─────────────────────────────

export async function readValuesFile(input: { name: string; data: Buffer }, plan: Plan, opts: ImportOptions = {}): Promise<ImportResult> {
  const f = await openSheetFile(input, opts);
  const fail = (message: string): never => {
    throw new ImportError([{ file: f.file, message }]);
  };
  const s: ReadState = {
    plan,
    index: new IndicatorIndex(plan.indicators, taskTargetPlan(plan).indicators),
    issues: new IssueCollector(f.file),
    values: [],
    seen: new Map(),
    dataRows: 0,
    sheets: [],
    skipped: [],
  };
  for await (const sheet of f.sheets()) await readSheet(s, sheet);
  if (f.format === 'xlsx') {
    if (s.sheets.length === 0)
      fail(
        `没有找到可识别的表头的工作表（已查看：${s.skipped.join('、') || '无'}）；表头应含「指标编号」或「指标名称」，以及年份列或「年份」「数值」列`,
      );
  } else if (!s.layout) fail('没有找到可识别的表头：表头应含「指标编号」或「指标名称」，以及年份列（宽表）或「年份」「数值」列（长表）');
  opts.onProgress?.({ phase: 'read', done: f.rowsRead, total: f.rowsRead });
  if (s.issues.count > 0) throw new ImportError(s.issues.issues, s.issues.omitted);
  const demo = f.demoMark;
  if (demo) for (const v of s.values) v.demo = demo;
  return {
    values: s.values,
    layout: s.layout ?? 'wide',
    sheets: s.sheets,
    skippedSheets: s.skipped,
    rows: s.dataRows,
    ...(demo ? { demo } : {}),
  };
}

export async function readValuesFilePath(path: string, plan: Plan, opts: ImportOptions = {}): Promise<ImportResult> {
  // Refuses an oversized file before reading it into memory.
  return readValuesFile(await readSheetInput(path, opts.limits), plan, opts);
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
    if (v.demo) o.demo = true;
    return o;
  });
}
