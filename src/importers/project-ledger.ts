/**
 * The monthly ledger of major projects (重大项目月度台账) as the statistics bureau or the DRC office
 * keeps it: one row per project and month, with the investment completed that month, the stage
 * reached, milestones done and problems needing coordination. Reading is all-or-nothing like the
 * values import: every problem in the file is collected with its sheet, row and column, and rows
 * are returned only when there is none.
 *
 * Columns, found in a header row after up to five title rows (names compared after NFKC, without
 * spaces, ignoring a trailing unit in brackets; any other column is ignored):
 *
 * | column                                  | meaning                                                    |
 * | --------------------------------------- | ---------------------------------------------------------- |
 * | 项目编号 / 项目代码 / 编号              | the project's id; either this or the name is required      |
 * | 项目名称 / 项目                         | the project's name, matched after normalisation            |
 * | 月份 / 填报月份 / 报告月份 / 统计月份   | required: 2024-03, 2024年3月, 2024.03, 202403, a date cell |
 * | 本月完成投资 / 当月完成投资 (（亿元）)   | required, ≥ 0, 亿元; a header with 万元 is converted        |
 * | 项目阶段 / 形象进度阶段 / 形象进度      | 谋划 前期 开工 在建 竣工 投产/运营, or the codes            |
 * | 完成节点 / 本月完成节点                 | milestone names or ids, separated by 、,;                  |
 * | 存在问题 / 需协调问题 / 需协调解决的问题 | text → a new coordination issue                            |
 * | 问题责任单位 / 协调责任单位             | the issue's responsible unit                               |
 * | 备注 / 说明                             | a note on the month's report                               |
 */
import { distance } from 'fastest-levenshtein';
import { STAGE, STAGES, type Stage } from '../core/projects.js';
import {
  cellText,
  columnLetter,
  HEADER_SEARCH_ROWS,
  ImportError,
  IssueCollector,
  openSheetFile,
  type DemoMark,
  type SheetCell,
  type SheetReadOptions,
  type SheetRow,
} from './sheet/index.js';

/** What the ledger needs to know of a registered project. */
export interface LedgerProject {
  id: string;
  name: string;
  milestones: { id: string; name: string }[];
}

/** What the ledger reader needs to know of a project. */
export function asLedgerProject(p: { id: string; name: string; milestones: { id: string; name: string }[] }): LedgerProject {
  return { id: p.id, name: p.name, milestones: p.milestones.map((m) => ({ id: m.id, name: m.name })) };
}

export type LedgerField = 'projectId' | 'projectName' | 'period' | 'investment' | 'stage' | 'milestones' | 'issue' | 'issueOwner' | 'note';

export interface LedgerRow {
  projectId: string;
  /** The registered name (not necessarily the file's spelling). */
  projectName: string;
  /** YYYY-MM */
  period: string;
  /** 本月完成投资, 亿元 */
  investment: number;
  stage: Stage | null;
  /** Milestone ids. */
  milestonesDone: string[];
  /** A problem needing coordination, raised with this month's report. */
  issue: { title: string; ownerUnit: string | null } | null;
  note: string | null;
  /** Where the row is: `column` is the cell that identified the project. */
  cell: { sheet?: string; row: number; column: string };
  /** The column of each field the file has, for problems found later (permissions, locked months). */
  columns: Partial<Record<LedgerField, string>>;
  /** Set when the file is a demonstration set (示例数据): where it says so. The store refuses such rows outside a demo workspace. */
  demo?: DemoMark;
}

export type LedgerReadOptions = SheetReadOptions;

// ───────────────────────────── header ─────────────────────────────

const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

const HEADERS: Record<string, LedgerField> = {
  项目编号: 'projectId',
  项目代码: 'projectId',
  项目id: 'projectId',
  编号: 'projectId',
  project_id: 'projectId',
  项目名称: 'projectName',
  项目: 'projectName',
  project: 'projectName',
  project_name: 'projectName',
  月份: 'period',
  填报月份: 'period',
  报告月份: 'period',
  统计月份: 'period',
  period: 'period',
  month: 'period',
  本月完成投资: 'investment',
  当月完成投资: 'investment',
  本月完成投资额: 'investment',
  当月完成投资额: 'investment',
  investment: 'investment',
  项目阶段: 'stage',
  形象进度阶段: 'stage',
  形象进度: 'stage',
  阶段: 'stage',
  stage: 'stage',
  完成节点: 'milestones',
  本月完成节点: 'milestones',
  milestones: 'milestones',
  存在问题: 'issue',
  需协调问题: 'issue',
  需协调解决的问题: 'issue',
  存在问题及需协调事项: 'issue',
  issue: 'issue',
  问题责任单位: 'issueOwner',
  协调责任单位: 'issueOwner',
  issue_owner: 'issueOwner',
  备注: 'note',
  说明: 'note',
  note: 'note',
};

interface Header {
  row: number;
  cols: Partial<Record<LedgerField, number>>;
  /** The investment column is in 万元 and is converted to 亿元. */
  tenThousand: boolean;
}

/** 「本月完成投资（万元）」→ { key: 本月完成投资, unit: 万元 }. */
function splitUnit(text: string): { key: string; unit: string } {
  const t = norm(text);
  const m = t.match(/^(.*?)[([]([^()[\]]*)[)\]]$/);
  return m ? { key: m[1]!, unit: m[2]! } : { key: t, unit: '' };
}

type HeaderFound = { header: Header } | { problems: { column?: string; message: string }[]; row: number } | undefined;

function detectHeader(r: SheetRow): HeaderFound {
  const cols: Header['cols'] = {};
  let tenThousand = false;
  const problems: { column?: string; message: string }[] = [];
  for (const [col, c] of [...r.cells.entries()].sort((a, b) => a[0] - b[0])) {
    const { key, unit } = splitUnit(cellText(c));
    const field = Object.hasOwn(HEADERS, key) ? HEADERS[key] : undefined;
    if (!field || cols[field] !== undefined) continue;
    cols[field] = col;
    if (field === 'investment') {
      if (unit.includes('万元')) tenThousand = true;
      else if (unit !== '' && !unit.includes('亿元'))
        problems.push({ column: columnLetter(col), message: `「${cellText(c)}」的单位应为亿元或万元` });
    }
  }
  const identifies = cols.projectId !== undefined || cols.projectName !== undefined;
  // A row is the header once it names the project and one more ledger column.
  if (!identifies || Object.keys(cols).length < 2) return undefined;
  if (cols.period === undefined) problems.push({ message: '表头缺少「月份」（或「填报月份」）列' });
  if (cols.investment === undefined) problems.push({ message: '表头缺少「本月完成投资」列' });
  return problems.length ? { problems, row: r.row } : { header: { row: r.row, cols, tenThousand } };
}

// ───────────────────────────── cells ─────────────────────────────

/** Cells meaning 「nothing」 in a text column. */
const NOTHING = new Set(['', '—', '——', '–', '-', '－', '--', '/', '／', '\\', '无', '暂无', '没有', '…', '……', '...', 'n/a', 'na']);
/** A row whose project cell says this is a total, not a project. */
const TOTALS = /^(合计|总计|小计|全部项目|总共)$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');

function monthOf(y: number, m: number): string | undefined {
  return Number.isInteger(y) && Number.isInteger(m) && y >= 2000 && y <= 2099 && m >= 1 && m <= 12 ? `${y}-${pad2(m)}` : undefined;
}

/**
 * 「2024-03」「2024-3」「2024/03」「2024.03」「2024年3月」「202403」「2024-03-31」, or a date cell. A
 * number cell reading 2024.1 is refused: Excel keeps 2024.10 as 2024.1, so it may be October.
 */
export function parseMonth(c: SheetCell | undefined): { period: string } | { problem: string } {
  const bad = (shown: string): { problem: string } => ({ problem: `月份「${shown}」应写作 YYYY-MM（如 2024-03、2024年3月）` });
  if (!c) return { problem: '未填写月份' };
  if (c.kind === 'date') {
    const p = Number.isNaN(c.value.getTime()) ? undefined : monthOf(c.value.getUTCFullYear(), c.value.getUTCMonth() + 1);
    return p ? { period: p } : { problem: '月份单元格不是有效的日期' };
  }
  if (c.kind === 'problem') return { problem: `月份：${c.message}` };
  if (c.kind === 'number') {
    const v = c.value;
    if (Number.isInteger(v)) {
      const p = v >= 200001 && v <= 209912 ? monthOf(Math.floor(v / 100), v % 100) : undefined;
      return p ? { period: p } : bad(String(v));
    }
    const [y, frac] = String(v).split('.') as [string, string | undefined];
    if (frac === '1') return { problem: `月份「${v}」有歧义（Excel 把 ${y}.10 存为 ${y}.1），请写作 ${y}-01 或 ${y}-10` };
    const p = frac && frac.length <= 2 ? monthOf(Number(y), Number(frac)) : undefined;
    return p ? { period: p } : bad(String(v));
  }
  const t = norm(c.text);
  if (!t) return { problem: '未填写月份' };
  const m =
    t.match(/^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?$/) ??
    t.match(/^(\d{4})年(\d{1,2})月(?:份|\d{1,2}日)?$/) ??
    t.match(/^(\d{4})(\d{2})$/);
  const p = m ? monthOf(Number(m[1]), Number(m[2])) : undefined;
  return p ? { period: p } : bad(c.text.trim());
}

/** 本月完成投资 in 亿元 (÷ 10 000 from a 万元 column). */
export function parseInvestment(c: SheetCell | undefined, tenThousand: boolean): { value: number } | { problem: string } {
  const unit = tenThousand ? '万元' : '亿元';
  if (!c) return { problem: '未填写本月完成投资（本月没有投资请填 0）' };
  if (c.kind === 'problem') return { problem: `本月完成投资：${c.message}` };
  if (c.kind === 'date') return { problem: '本月完成投资是日期，不是数值' };
  let v: number;
  if (c.kind === 'number') v = c.value;
  else {
    const t = c.text.normalize('NFKC').replace(/\s+/g, '').replace(/[−–]/g, '-');
    const m = t.match(/^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/);
    if (!m) return { problem: `本月完成投资「${c.text.trim()}」不是数值（应填写以${unit}为单位的数字）` };
    v = Number(`${m[1]}${m[2]!.replace(/,/g, '')}${m[3] ?? ''}`);
  }
  if (!Number.isFinite(v)) return { problem: '本月完成投资不是有限数' };
  if (v < 0) return { problem: `本月完成投资「${v}」不能为负数` };
  return { value: tenThousand ? Number((v / 10_000).toPrecision(12)) : v };
}

const STAGE_WORDS: Record<string, Stage> = {
  ...Object.fromEntries(STAGES.map((s) => [s.toLowerCase(), s])),
  ...Object.fromEntries(STAGES.map((s) => [norm(STAGE[s].zh), s])),
  投产运营: 'operation',
  投产: 'operation',
  运营: 'operation',
  已投产: 'operation',
  已竣工: 'completed',
  已开工: 'started',
  新开工: 'started',
  前期工作: 'preparation',
};

export function parseStage(text: string): Stage | undefined {
  const k = norm(text);
  return Object.hasOwn(STAGE_WORDS, k) ? STAGE_WORDS[k] : undefined;
}

// ───────────────────────────── projects ─────────────────────────────

/** Names as typed vary in width, spacing, brackets and quotation marks. */
export function normalizeProjectName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[【〔［[（]/g, '(')
    .replace(/[】〕］\]）]/g, ')')
    .replace(/["'“”‘’「」『』《》]/g, '')
    .toLowerCase();
}

function closest(name: string, names: { norm: string; name: string }[], n = 3): string[] {
  const k = normalizeProjectName(name);
  return names
    .map((x, i) => ({ ...x, d: distance(k, x.norm), i }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .filter((x, i, all) => all.findIndex((y) => y.name === x.name) === i)
    .slice(0, n)
    .map((x) => x.name);
}

class ProjectIndex {
  private byId = new Map<string, LedgerProject>();
  private byName = new Map<string, LedgerProject[]>();
  readonly names: { norm: string; name: string }[] = [];

  constructor(projects: LedgerProject[]) {
    for (const p of projects) {
      this.byId.set(p.id, p);
      const k = normalizeProjectName(p.name);
      this.byName.set(k, [...(this.byName.get(k) ?? []), p]);
      this.names.push({ norm: k, name: p.name });
    }
  }

  id(id: string): LedgerProject | undefined {
    return this.byId.get(id);
  }

  name(name: string): LedgerProject[] {
    return this.byName.get(normalizeProjectName(name)) ?? [];
  }
}

type Resolution = { project: LedgerProject } | { field: 'projectId' | 'projectName'; message: string; suggestions?: string[] };

/** By id, else by name; an id and a name that name different projects is an error. */
function resolveProject(index: ProjectIndex, idText: string, nameText: string): Resolution {
  const byName = nameText ? index.name(nameText) : [];
  if (idText) {
    const p = index.id(idText);
    if (!p) {
      const named = byName.length === 1 ? `（名称「${nameText}」对应编号${byName[0]!.id}）` : '';
      return {
        field: 'projectId',
        message: `没有编号为「${idText}」的项目${named}`,
        ...(nameText && !named ? { suggestions: closest(nameText, index.names) } : {}),
      };
    }
    if (nameText) {
      const a = normalizeProjectName(p.name);
      const b = normalizeProjectName(nameText);
      if (!a.includes(b) && !b.includes(a))
        return { field: 'projectName', message: `项目编号「${idText}」登记的名称是「${p.name}」，与「${nameText}」不符` };
    }
    return { project: p };
  }
  if (byName.length > 1)
    return {
      field: 'projectName',
      message: `项目名称「${nameText}」对应多个项目（编号${byName.map((p) => p.id).join('、')}），请填写项目编号`,
    };
  if (byName[0]) return { project: byName[0] };
  return { field: 'projectName', message: `没有名为「${nameText}」的项目`, suggestions: closest(nameText, index.names) };
}

function resolveMilestones(p: LedgerProject, text: string): { ids: string[]; unknown: string[] } {
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const raw of text.split(/[、,，;；\n]/)) {
    const t = raw.trim();
    if (NOTHING.has(norm(t))) continue;
    const m = p.milestones.find((x) => x.id === t) ?? p.milestones.find((x) => normalizeProjectName(x.name) === normalizeProjectName(t));
    if (!m) unknown.push(t);
    else if (!ids.includes(m.id)) ids.push(m.id);
  }
  return { ids, unknown };
}

// ───────────────────────────── the read ─────────────────────────────

const MAX_ISSUE_TITLE = 500;
const MAX_NOTE = 2000;

/**
 * Reads a ledger (xlsx or csv) against the registered projects. Throws one ImportError listing
 * every problem — unknown project (with the closest names), bad month, missing, negative or
 * non-numeric investment, unknown stage or milestone, the same project and month twice — or
 * returns every row.
 */
export async function readProjectLedger(
  input: { name: string; data: Buffer },
  projects: LedgerProject[],
  opts: LedgerReadOptions = {},
): Promise<LedgerRow[]> {
  const f = await openSheetFile(input, opts);
  const issues = new IssueCollector(f.file);
  const index = new ProjectIndex(projects);
  const rows: LedgerRow[] = [];
  const seen = new Map<string, LedgerRow>();
  const skipped: string[] = [];
  let withHeader = 0;

  for await (const sheet of f.sheets()) {
    let header: Header | undefined;
    let refused = false;
    let looked = 0;
    for await (const r of sheet.rows) {
      if (refused) continue;
      if (!header) {
        if (r.cells.size === 0 || looked >= HEADER_SEARCH_ROWS) continue;
        looked++;
        const found = detectHeader(r);
        if (!found) continue;
        withHeader++;
        if ('problems' in found) {
          for (const p of found.problems)
            issues.add({ sheet: sheet.name, row: found.row, ...(p.column ? { column: p.column } : {}), message: p.message });
          refused = true;
        } else header = found.header;
        continue;
      }
      if (r.cells.size === 0) continue;
      const row = readRow(r, sheet.name, header, index, issues);
      if (!row) continue;
      const key = `${row.projectId}\u0000${row.period}`;
      const first = seen.get(key);
      if (first) {
        issues.add({
          sheet: sheet.name,
          row: r.row,
          column: row.columns.period!,
          message: `与${first.cell.sheet !== undefined && first.cell.sheet !== sheet.name ? `工作表「${first.cell.sheet}」` : ''}第${first.cell.row}行重复：项目「${row.projectName}」${row.period}只能有一行`,
        });
        continue;
      }
      seen.set(key, row);
      rows.push(row);
    }
    if (!header && !refused && sheet.name !== undefined) skipped.push(sheet.name);
  }
  opts.onProgress?.({ phase: 'read', done: f.rowsRead, total: f.rowsRead });
  if (withHeader === 0)
    throw new ImportError([
      {
        file: f.file,
        message: `没有找到项目台账的表头${skipped.length ? `（已查看工作表：${skipped.join('、')}）` : ''}：表头应含「项目编号」或「项目名称」，以及「月份」「本月完成投资」列`,
      },
    ]);
  issues.throwIfAny();
  if (rows.length === 0) throw new ImportError([{ file: f.file, message: '台账中没有数据行' }]);
  const demo = f.demoMark;
  if (demo) for (const r of rows) r.demo = demo;
  return rows;
}

function readRow(r: SheetRow, sheet: string | undefined, h: Header, index: ProjectIndex, issues: IssueCollector): LedgerRow | undefined {
  const at = (f: LedgerField): SheetCell | undefined => (h.cols[f] !== undefined ? r.cells.get(h.cols[f]!) : undefined);
  const text = (f: LedgerField): string => cellText(at(f));
  const col = (f: LedgerField): string => columnLetter(h.cols[f] ?? 1);
  let ok = true;
  const issue = (f: LedgerField, message: string, suggestions?: string[]): void => {
    ok = false;
    issues.add({ sheet, row: r.row, column: col(f), message, ...(suggestions?.length ? { suggestions } : {}) });
  };

  const idText = text('projectId');
  const nameText = text('projectName');
  if (TOTALS.test(norm(idText)) || TOTALS.test(norm(nameText))) return undefined;
  if (!idText && !nameText) {
    // A note under the table, or a total written in another column: not a project row.
    const hasData = at('period') !== undefined || at('investment') !== undefined;
    const isTotal = [...r.cells.values()].some((c) => TOTALS.test(norm(cellText(c))));
    if (hasData && !isTotal) issue(h.cols.projectName !== undefined ? 'projectName' : 'projectId', '有数据但没有项目编号或名称');
    return undefined;
  }
  const res = resolveProject(index, idText, nameText);
  const project = 'project' in res ? res.project : undefined;
  if (!('project' in res)) issue(res.field, res.message, res.suggestions);

  const month = parseMonth(at('period'));
  if ('problem' in month) issue('period', month.problem);
  const inv = parseInvestment(at('investment'), h.tenThousand);
  if ('problem' in inv) issue('investment', inv.problem);

  let stage: Stage | null = null;
  const stageText = text('stage');
  if (stageText && !NOTHING.has(norm(stageText))) {
    const s = parseStage(stageText);
    if (s) stage = s;
    else issue('stage', `项目阶段「${stageText}」应为 ${STAGES.map((x) => STAGE[x].zh).join('、')} 之一`);
  }

  let milestonesDone: string[] = [];
  const msText = text('milestones');
  if (msText && project) {
    const { ids, unknown } = resolveMilestones(project, msText);
    milestonesDone = ids;
    if (unknown.length) {
      const known = project.milestones.map((m) => m.name);
      issue(
        'milestones',
        known.length
          ? `项目「${project.name}」没有节点「${unknown.join('、')}」`
          : `项目「${project.name}」尚未登记节点，不能填写完成节点「${unknown.join('、')}」`,
        unknown.length === 1 && known.length
          ? closest(
              unknown[0]!,
              known.map((n) => ({ norm: normalizeProjectName(n), name: n })),
            )
          : undefined,
      );
    }
  }

  let issueOut: LedgerRow['issue'] = null;
  const issueText = text('issue');
  if (issueText && !NOTHING.has(norm(issueText))) {
    if (issueText.length > MAX_ISSUE_TITLE) issue('issue', `存在问题超过${MAX_ISSUE_TITLE}字`);
    const owner = text('issueOwner');
    issueOut = { title: issueText, ownerUnit: owner && !NOTHING.has(norm(owner)) ? owner.slice(0, 200) : null };
  }
  const noteText = text('note');
  if (noteText.length > MAX_NOTE) issue('note', `备注超过${MAX_NOTE}字`);

  if (!ok || !project || 'problem' in month || 'problem' in inv) return undefined;
  const columns: LedgerRow['columns'] = {};
  for (const [f, c] of Object.entries(h.cols) as [LedgerField, number][]) columns[f] = columnLetter(c);
  return {
    projectId: project.id,
    projectName: project.name,
    period: month.period,
    investment: inv.value,
    stage,
    milestonesDone,
    issue: issueOut,
    note: noteText && !NOTHING.has(norm(noteText)) ? noteText : null,
    cell: { ...(sheet !== undefined ? { sheet } : {}), row: r.row, column: col(idText ? 'projectId' : 'projectName') },
    columns,
  };
}
