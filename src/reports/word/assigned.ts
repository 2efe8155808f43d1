/**
 * The targets a higher level assigned (下达值), as the reports print them: where a 「完成上级下达目标」
 * row is judged against an assignment, the reader sees the assigned figure, the document it comes
 * from and who recorded it — in the row's paragraph and under the appendix table.
 */
import type { Paragraph } from 'docx';
import type { AssignedTarget } from '../../core/assigned.js';
import type { Plan } from '../../core/model.js';
import { sourceText } from '../../core/sources.js';
import { cnDate, withU } from './format.js';
import { tableNote } from './style.js';

/** The assignments a report of `year` is judged on: the period's, and the year's (every year's at the end of the period). */
export function assignmentsFor(assigned: readonly AssignedTarget[], indicatorId: string, year: number, final: boolean): AssignedTarget[] {
  return assigned
    .filter((a) => a.indicatorId === indicatorId && (a.year === null || (final ? a.year <= year : a.year === year)))
    .sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
}

/** 「依据《…》（网址），由admin于2026年12月3日录入」. */
function provenance(a: AssignedTarget): string {
  const url = a.source.url ? `（${a.source.url}）` : '';
  const who = a.setBy ? `由${a.setBy}` : '';
  const when = Number.isNaN(Date.parse(a.setAt)) ? '' : `于${cnDate(new Date(a.setAt))}`;
  return `依据${sourceText(a.source)}${url}${who || when ? `，${who}${when}录入` : ''}`;
}

function one(a: AssignedTarget, unit: string): string {
  const what = a.year === null ? '规划期下达值' : `${a.year}年下达值`;
  const base = a.base !== null ? `（下达基期值${withU(a.base, unit)}）` : '';
  return `${what}「${a.target}」${base}，${provenance(a)}`;
}

/** The sentence for the row's paragraph, or undefined when nothing is assigned. */
export function assignedSentence(list: readonly AssignedTarget[], unit: string): string | undefined {
  if (!list.length) return undefined;
  return `该指标规划目标为「完成上级下达目标」，按上级下达值评价：${list.map((a) => one(a, unit)).join('；')}`;
}

/** Notes under an appendix table: the printed target column keeps 「完成上级下达目标」, the note gives what it was judged on. */
export function assignedTableNotes(plan: Plan, assigned: readonly AssignedTarget[], year: number, final: boolean): Paragraph[] {
  const lines = plan.indicators.flatMap((ind) => {
    const list = assignmentsFor(assigned, ind.id, year, final);
    return list.length ? [`${ind.name}：${list.map((a) => one(a, ind.unit)).join('；')}`] : [];
  });
  if (!lines.length) return [];
  return [tableNote(`上级下达值：表中「完成上级下达目标」的指标按上级下达值评价。${lines.map((l) => `${l}。`).join('')}`)];
}
