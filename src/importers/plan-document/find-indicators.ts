/**
 * The main-indicator table (「主要指标」, e.g. 表2-1): from a Word or HTML table, a table rebuilt
 * from a PDF's text positions, or text that lost its layout (one cell per line, as the seed) —
 * all read as the same stream of cells, row by row. A row starts at its number (1, 2, …, in
 * sequence); the cell before it, when it is not the previous row's attribute, is a category
 * (merged category cells stand once, at their first row). Within a row: the name, a unit when
 * the cell reads as one, then the base and the target, then the attribute (预期性/约束性).
 */
import { NotationError, parseTarget } from '../../core/notation.js';
import { flag, sourceOf, type DraftIndicator } from './draft.js';
import type { Unit } from './source.js';

const ATTRIBUTE = /^(预期性|约束性)$/;
const NUMBER = /^[-+−]?\d+(?:\.\d+)?$/;
const MARKS = /[★▲☆△*＊#]/g;
const UNIT_CHARS = /^[%‰℃a-zA-Z³²/·万亿千百元美人个件张家名岁年吨米公里平方立方克微标煤瓦时天户套辆台座所项次床位条处亩公顷千伏安]+$/;

export function isUnit(s: string): boolean {
  return s.length <= 8 && !/\d/.test(s.replace(/[³²]/g, '')) && UNIT_CHARS.test(s) && !ATTRIBUTE.test(s);
}

export interface IndicatorTable {
  title?: Unit;
  baseYear?: number;
  targetYear?: number;
  indicators: DraftIndicator[];
  categories: string[];
  notes: string[];
  /** Units of the document the table covers (title, header, cells, notes): not prose. */
  first: number;
  last: number;
}

/** The header: from the title to the first category or row 1; the years it names. */
function findHeader(units: Unit[]): { title: number; start: number; end: number } | undefined {
  for (let i = 0; i < units.length; i++) {
    if (!/^序号$/.test(units[i]!.text)) continue;
    const window = units.slice(i, i + 14).map((u) => u.text);
    if (!window.some((t) => /属性/.test(t))) continue;
    let start = i;
    while (start > 0 && i - start < 4 && !/指标/.test(units[start]!.text.slice(0, 12)) && units[start - 1]!.text.length < 12) start--;
    // The header row runs to the cell before the first category or row 1.
    let end = i + 1;
    while (end < units.length && !(units[end]!.text === '1' || units[end + 1]?.text === '1')) end++;
    let title = start - 1;
    while (title > 0 && start - title < 4 && !/指标|表/.test(units[title]!.text)) title--;
    return { title, start, end };
  }
  return undefined;
}

function splitMarks(name: string): { name: string; marks: string[] } {
  const marks = [...new Set(name.match(MARKS) ?? [])];
  return { name: name.replace(MARKS, '').trim(), marks };
}

/** 「城镇4.2、农村6.8」: one printed cell holding the bases of two sub-rows. */
const PAIRED_BASE = /^([^\d、，,]+?)([-+]?\d+(?:\.\d+)?)[、，,]([^\d、，,]+?)([-+]?\d+(?:\.\d+)?)$/;

function checkTarget(ind: DraftIndicator): void {
  if (ind.target === undefined) {
    flag(ind, '未读到目标值');
    return;
  }
  try {
    parseTarget(ind.target, { name: ind.name, column: 'target' });
  } catch (e) {
    if (!(e instanceof NotationError)) throw e;
    flag(ind, e.message);
  }
}

/** A row's cells after its number, read into an indicator. */
function readRow(no: number, category: string, cells: Unit[], numberCell: Unit): DraftIndicator[] {
  const rest = [...cells];
  const nameCell = rest.shift();
  const ind: DraftIndicator = {
    id: String(no),
    no,
    category,
    name: '',
    unit: '',
    base: null,
    marks: [],
    sectionIds: [],
    source: sourceOf(nameCell ?? numberCell),
  };
  if (!nameCell) {
    flag(ind, '该行没有指标名称');
    return [ind];
  }
  let name = nameCell.text;
  // A name broken over two cells (a line break in the cell, lost with the layout).
  while (
    rest[0] &&
    !NUMBER.test(rest[0].text) &&
    !isUnit(rest[0].text) &&
    !ATTRIBUTE.test(rest[0].text) &&
    !/\d/.test(rest[0].text) &&
    !readsAsTarget(rest[0].text, name)
  ) {
    name += rest.shift()!.text;
    flag(ind, '指标名称分在两格，已合并');
  }
  const marked = splitMarks(name);
  ind.name = marked.name;
  ind.marks = marked.marks;
  const attr = rest.findIndex((c) => ATTRIBUTE.test(c.text));
  if (attr >= 0) {
    ind.attribute = rest[attr]!.text as DraftIndicator['attribute'];
    rest.splice(attr);
  } else flag(ind, '未读到指标属性（预期性/约束性）');
  if (rest[0] && isUnit(rest[0].text)) ind.unit = rest.shift()!.text;
  else {
    const inName = /[(（]([^()（）]+)[)）]$/.exec(ind.name);
    if (inName && isUnit(inName[1]!)) {
      ind.unit = inName[1]!;
      ind.name = ind.name.slice(0, inName.index).trim();
    } else flag(ind, '表中未印单位，请审核补填');
  }
  if (ind.unit.startsWith('/')) flag(ind, `单位「${ind.unit}」不完整，请审核补全`);
  const values = rest.map((c) => c.text);
  if (values.length === 1) ind.target = values[0];
  else if (values.length >= 2) {
    const [base, target] = values;
    if (NUMBER.test(base!)) ind.base = Number(base!.replace('−', '-'));
    else ind.baseWritten = base;
    ind.target = target;
    if (values.length > 2) flag(ind, `该行多出未识别的格：${values.slice(2).join('、')}`);
  }
  checkTarget(ind);
  const paired = ind.baseWritten ? PAIRED_BASE.exec(ind.baseWritten) : null;
  if (!paired) {
    if (ind.baseWritten) flag(ind, `基期值「${ind.baseWritten}」不是数字`);
    return [ind];
  }
  // One printed row with two bases: a sub-row for each (城镇 / 农村), as the reviewers keep them.
  return [
    [paired[1]!, paired[2]!],
    [paired[3]!, paired[4]!],
  ].map(([label, base], k) => {
    const sub: DraftIndicator = {
      ...ind,
      id: `${no}.${k + 1}`,
      group: ind.name,
      name: `${label}${ind.name}`,
      base: Number(base),
      flags: [...(ind.flags ?? []), `表中一行印有两个基期值「${ind.baseWritten}」，已拆为「${label}」子行`],
    };
    return sub;
  });
}

function readsAsTarget(text: string, name: string): boolean {
  try {
    parseTarget(text, { name, column: 'target' });
    return true;
  } catch {
    return false;
  }
}

/** Note lines after the table: 「注:1.标★的为省、市对应指标;标▲的为市对应指标。」. */
function readNotes(units: Unit[], from: number): { notes: string[]; last: number } {
  const notes: string[] = [];
  let i = from;
  if (!/^注\s*[:：]?/.test(units[i]?.text ?? '')) return { notes, last: from - 1 };
  notes.push(units[i]!.text);
  while (
    units[i + 1] &&
    /^\d+[.．、]/.test(units[i + 1]!.text) &&
    /标|指|\[|［|为/.test(units[i + 1]!.text) &&
    units[i + 1]!.text.length < 200
  ) {
    i++;
    notes.push(units[i]!.text);
  }
  return { notes, last: i };
}

export function findIndicatorTable(units: Unit[]): IndicatorTable | undefined {
  const header = findHeader(units);
  if (!header) return undefined;
  const headerText = units
    .slice(header.start, header.end)
    .map((u) => u.text)
    .join(' ');
  const years = [...headerText.matchAll(/(\d{4})\s*年/g)].map((m) => Number(m[1]));
  const out: IndicatorTable = {
    title: header.title >= 0 ? units[header.title] : undefined,
    baseYear: years[0],
    targetYear: years[1],
    indicators: [],
    categories: [],
    notes: [],
    first: Math.max(0, header.title),
    last: header.end,
  };
  let expect = 1;
  let category = '';
  let i = header.end;
  while (i < units.length) {
    const u = units[i]!;
    if (u.text === String(expect)) {
      // The row: every cell up to the next row's number (or its category), or the table's end.
      let j = i + 1;
      const cells: Unit[] = [];
      while (j < units.length) {
        const t = units[j]!.text;
        const hasAttribute = cells.some((c) => ATTRIBUTE.test(c.text));
        // The next row's number (a base or target of the same value is followed by a number, a
        // row number by its name), or the next row's category.
        if (t === String(expect + 1) && (hasAttribute || !NUMBER.test(units[j + 1]?.text ?? ''))) break;
        if (hasAttribute && units[j + 1]?.text === String(expect + 1)) break;
        if (/^注\s*[:：]/.test(t)) break;
        cells.push(units[j]!);
        j++;
        if (ATTRIBUTE.test(t) && units[j]?.text !== String(expect + 1) && units[j + 1]?.text !== String(expect + 1)) break;
      }
      for (const ind of readRow(expect, category, cells, u)) out.indicators.push(ind);
      out.last = j - 1;
      expect++;
      i = j;
      continue;
    }
    if (units[i + 1]?.text === String(expect) && !NUMBER.test(u.text) && u.text.length <= 12) {
      category = splitMarks(u.text).name;
      if (!out.categories.includes(category)) out.categories.push(category);
      i++;
      continue;
    }
    break;
  }
  const notes = readNotes(units, i);
  out.notes = notes.notes;
  out.last = Math.max(out.last, notes.last);
  for (const ind of out.indicators) if (!ind.category) flag(ind, '未读到指标类别');
  return out;
}
