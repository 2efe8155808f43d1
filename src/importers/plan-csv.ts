/**
 * Plan data in CSV: observed values (long format, one value per row) and yearly-plan targets. The same reader serves the shipped
 * published values, `--values` files and demonstration sets, so every one is checked the same way
 * and a bad cell is reported with its file, line and column.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { ObservationKind, type AnnualTarget, type Indicator, type Observation, type Source } from '../core/model.js';
import { TASK_CATEGORY } from '../core/targets.js';

import { DEMO_BANNER, DEMO_MARK } from '../core/demo.js';

export { DEMO_BANNER, DEMO_MARK };

export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly column: string | undefined,
    reason: string,
  ) {
    super(`${file}${line !== undefined ? `: 第${line}行` : ''}${column ? `, 列「${column}」` : ''}: ${reason}`);
    this.name = 'InputError';
  }
}

export interface ObservationFile {
  observations: Observation[];
  /** True when the file declares itself a demonstration set (示例数据). */
  demo: boolean;
}

type Row = Record<string, string>;

const KIND_ALIASES: Record<string, ObservationKind> = {
  level: 'level',
  水平: 'level',
  growth_pct: 'growth_pct',
  增速: 'growth_pct',
  change: 'change',
  avg_growth_pct: 'avg_growth_pct',
  avg_change: 'avg_change',
  cumulative: 'cumulative',
};

/** Reads the indicator column: its id, or the printed row number where that is unambiguous. */
function resolveIndicator(
  row: Row,
  byId: Map<string, Indicator>,
  byNo: Map<string, Indicator[]>,
  fail: (col: string, why: string) => never,
): Indicator {
  const key = (row.indicator ?? row.indicator_id ?? row.indicator_no ?? '').trim();
  const col = row.indicator !== undefined ? 'indicator' : row.indicator_id !== undefined ? 'indicator_id' : 'indicator_no';
  if (!key) fail(col, '缺少指标编号');
  let ind = byId.get(key);
  if (!ind) {
    const sameNo = byNo.get(key) ?? [];
    const name = row.indicator_name?.trim();
    ind = sameNo.length === 1 ? sameNo[0] : sameNo.find((i) => i.name === name);
  }
  if (!ind) fail(col, `规划中没有指标「${key}」`);
  const name = row.indicator_name?.trim();
  if (name && name !== ind.name && !ind.name.includes(name) && !name.includes(ind.name)) {
    fail('indicator_name', `指标「${key}」在规划中名为「${ind.name}」，与文件中的「${name}」不符`);
  }
  return ind;
}

interface CsvRow {
  row: Row;
  fail: (column: string, why: string) => never;
  indicator: () => Indicator;
}

function readRows(content: string, file: string, indicators: Indicator[]): CsvRow[] {
  let records: { record: Row; info: { lines: number } }[];
  try {
    records = parse(content, { columns: true, comment: '#', skip_empty_lines: true, trim: true, bom: true, info: true }) as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new InputError(file, err.lines, undefined, `不是有效的 CSV：${err.message}`);
  }
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const byNo = new Map<string, Indicator[]>();
  // Row numbers are the plan table's: task targets are named by id only.
  for (const i of indicators) if (i.category !== TASK_CATEGORY) byNo.set(String(i.no), [...(byNo.get(String(i.no)) ?? []), i]);
  return records.map(({ record: row, info }) => {
    const fail = (column: string, why: string): never => {
      throw new InputError(file, info.lines, column, why);
    };
    return { row, fail, indicator: () => resolveIndicator(row, byId, byNo, fail) };
  });
}

const SECONDARY: Record<string, NonNullable<Source['secondary']>> = {
  转载: 'reprint',
  reprint: 'reprint',
  第三方整理: 'thirdParty',
  第三方: 'thirdParty',
  thirdParty: 'thirdParty',
};

function readSource(r: CsvRow): Source | undefined {
  const row = r.row;
  if (!row.source_title) return undefined;
  const kindText = (row.source_kind ?? '').trim();
  const secondary = kindText ? SECONDARY[kindText] : undefined;
  if (kindText && !secondary) r.fail('source_kind', `来源类型「${kindText}」应为「转载」或「第三方整理」（原始来源留空）`);
  return {
    title: row.source_title,
    ...(row.source_url ? { url: row.source_url } : {}),
    ...(row.quote ? { quote: row.quote } : {}),
    ...(secondary ? { secondary } : {}),
    ...(row.source_original ? { original: row.source_original } : {}),
  };
}

function readYear(r: CsvRow): number {
  const yearText = r.row.year ?? '';
  if (!/^\d{4}$/.test(yearText)) r.fail('year', `年份「${yearText}」应为四位数字`);
  return Number(yearText);
}

export function parseAnnualTargetsCsv(content: string, file: string, indicators: Indicator[]): AnnualTarget[] {
  return readRows(content, file, indicators).map((r) => {
    const ind = r.indicator();
    const year = readYear(r);
    const target = (r.row.target_written ?? r.row.target ?? '').trim();
    if (!target) r.fail('target_written', '年度目标为空');
    const a: AnnualTarget = { indicatorId: ind.id, year, target };
    const source = readSource(r);
    if (source) a.source = source;
    return a;
  });
}

export function parseObservationsCsv(content: string, file: string, indicators: Indicator[]): ObservationFile {
  const demo = content.split(/\r?\n/, 3).some((l) => l.startsWith('#') && l.includes(DEMO_MARK));
  const observations: Observation[] = readRows(content, file, indicators).map((r) => {
    const { row, fail } = r;
    const ind = r.indicator();
    const year = readYear(r);
    const kindText = (row.kind ?? 'level').trim() || 'level';
    const kind = KIND_ALIASES[kindText];
    if (!kind) fail('kind', `类型「${kindText}」应为 ${ObservationKind.options.join(' / ')} 之一`);
    const valueText = (row.value ?? '').replace(/,/g, '');
    const m = valueText.match(/^(-?\d+(?:\.\d+)?)(以上|以下)?$/);
    if (!m) fail('value', `数值「${row.value ?? ''}」不是数字`);
    const value = Number(m![1]);
    if (!Number.isFinite(value)) fail('value', `数值「${row.value}」不是有限数`);
    const unit = row.unit?.trim();
    if (unit && kind === 'level' && ind.unit && unit !== ind.unit && !ind.unitFilled) {
      fail('unit', `单位「${unit}」与指标单位「${ind.unit}」不一致`);
    }
    const o: Observation = { indicatorId: ind.id, year, kind: kind!, value };
    if (m![2]) o.bound = m![2] === '以上' ? 'atLeast' : 'atMost';
    if (row.written) o.written = row.written;
    if (unit) o.unit = unit;
    if (row.scope) o.scope = row.scope;
    const source = readSource(r);
    if (source) o.source = source;
    if (row.note) o.note = row.note;
    const rowDemo = row.demo !== undefined && row.demo !== '' && row.demo !== 'false';
    if (demo || rowDemo) o.demo = true;
    return o;
  });
  if (!demo && observations.some((o) => o.demo)) {
    throw new InputError(file, undefined, 'demo', `文件中混有示例数据行，但文件未声明为示例数据（首行注释应含「${DEMO_MARK}」）`);
  }
  return { observations, demo };
}

const OBSERVATION_COLUMNS = [
  'indicator',
  'indicator_name',
  'year',
  'value',
  'unit',
  'kind',
  'scope',
  'source_title',
  'source_url',
  'quote',
  'source_kind',
  'source_original',
  'note',
  'demo',
] as const;

/** Writes observations in the format parseObservationsCsv reads; a demo set says so on its first line. */
export function formatObservationsCsv(observations: Observation[], indicators: Indicator[], header?: string): string {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const demo = observations.some((o) => o.demo);
  const rows = observations.map((o) => {
    const ind = byId.get(o.indicatorId);
    const value = `${o.value}${o.bound === 'atLeast' ? '以上' : o.bound === 'atMost' ? '以下' : ''}`;
    const unit = o.unit ?? (o.kind === 'growth_pct' || o.kind === 'avg_growth_pct' ? '%' : (ind?.unit ?? ''));
    return [
      o.indicatorId,
      ind?.name ?? '',
      o.year,
      value,
      unit,
      o.kind,
      o.scope ?? '',
      o.source?.title ?? '',
      o.source?.url ?? '',
      o.source?.quote ?? '',
      o.source?.secondary === 'reprint' ? '转载' : o.source?.secondary === 'thirdParty' ? '第三方整理' : '',
      o.source?.original ?? '',
      o.note ?? '',
      o.demo ? DEMO_MARK : '',
    ];
  });
  const lines: string[] = [];
  if (demo) lines.push(`# ${DEMO_BANNER}（synthetic demonstration data, not real statistics）`);
  if (header) lines.push(...header.split('\n').map((l) => `# ${l}`));
  return lines.join('\n') + (lines.length ? '\n' : '') + stringify(rows, { header: true, columns: [...OBSERVATION_COLUMNS] });
}
