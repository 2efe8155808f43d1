/**
 * The 督办 part of the annual report read back from the .docx: its words and figures as the
 * ledger's summary gives them, dates written the Chinese way, its table numbered after the task
 * targets' table, one row per unit with its counts.
 */
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../src/core/evaluate.js';
import { loadPlan } from '../../src/plans/load.js';
import { buildReport } from '../../src/reports/word/index.js';
import type { SupervisionSummary } from '../../src/reports/word/supervision.js';

const plan = loadPlan('xiuzhou-14th');
const SUMMARY: SupervisionSummary = {
  today: '2026-12-03',
  total: 7,
  open: 4,
  closed: 3,
  closedOnTime: 2,
  overdue: 2,
  red: 1,
  byLevel: { notice: 3, order: 2, special: 2 },
  units: [
    { unitName: '嘉兴市生态环境局秀洲分局', orders: 4, open: 2, overdue: 1, closed: 2, closedOnTime: 1 },
    { unitName: '王店镇', orders: 3, open: 2, overdue: 1, closed: 1, closedOnTime: 1 },
  ],
  overdueOrders: [
    { subjectName: '空气质量优良天数比率', unitName: '嘉兴市生态环境局秀洲分局', deadline: '2026-06-15', daysOverdue: 171 },
    { subjectName: '王店镇美丽城镇建设', unitName: '王店镇', deadline: '2026-09-05', daysOverdue: 89 },
  ],
};

const text = (xml: string): string => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

describe('the 督办 part of the annual report, read back from the .docx', () => {
  let paragraphs: string[];
  let rows: string[][];
  beforeAll(async () => {
    const evaluation = evaluatePlan(plan, [], { year: 2024 });
    const buf = await buildReport({
      plan,
      evaluation,
      observations: [],
      kind: 'annual',
      generatedAt: new Date(2026, 11, 3),
      charts: false,
      supervision: SUMMARY,
    });
    const xml = await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string');
    const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '<w:tbl/>');
    const all = [...body.matchAll(/<w:p[\s>][\s\S]*?<\/w:p>/g)].map((m) => text(m[0])).filter(Boolean);
    paragraphs = all.slice(all.indexOf('（三）督查督办'), all.indexOf('五、下一步工作建议'));
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
      [...t[0].matchAll(/<w:tr[\s>][\s\S]*?<\/w:tr>/g)].map((tr) =>
        [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => text(tc[0])),
      ),
    );
    rows = tables.find((t) => t[0]?.[0] === '责任单位' && t[0]?.[1] === '督办事项') ?? [];
  });

  it('states the counts of the ledger, the levels and the overdue orders in words, dates the Chinese way', () => {
    expect(paragraphs[0]).toBe('（三）督查督办');
    expect(paragraphs[1]).toBe(
      '截至2026年12月3日，共下发督办事项7件（提示单3件、督办单2件、专项督办2件），已销号3件，其中按期销号2件；在办4件，其中逾期2件（严重逾期或多次退回1件）。',
    );
    expect(paragraphs[2]).toBe(
      '逾期未销号的事项：空气质量优良天数比率（嘉兴市生态环境局秀洲分局，办理期限2026年6月15日，逾期171天）；王店镇美丽城镇建设（王店镇，办理期限2026年9月5日，逾期89天）。',
    );
    // No raw codes or ISO dates in the part.
    expect(paragraphs.join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}|notice|special|closedOnTime/);
  });

  it('numbers its table after the task targets’ table and lists each unit with its figures', () => {
    expect(paragraphs[3]).toBe('表2\u3000督办事项办理情况（按责任单位）');
    expect(rows).toEqual([
      ['责任单位', '督办事项', '已销号', '按期销号', '在办', '逾期'],
      ['嘉兴市生态环境局秀洲分局', '4', '2', '1', '2', '1'],
      ['王店镇', '3', '1', '1', '2', '1'],
    ]);
    expect(paragraphs.at(-1)).toBe('注：只统计督办事项的办理结果；按期销号指在办理期限（含延期后的期限）当日或之前审核销号。');
  });
});
