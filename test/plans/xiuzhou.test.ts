import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../src/core/evaluate.js';
import { PlanFileError, loadPlan, loadPlanDir, shippedPlansDir } from '../../src/plans/load.js';

const seed = readFileSync(new URL('../../src/plans/xiuzhou-14th/source/outline.txt', import.meta.url), 'utf8');
const flat = (s: string): string => s.replace(/\s+/g, '');

describe('xiuzhou-14th as data', () => {
  const plan = loadPlan('xiuzhou-14th');

  it('has all 37 rows of table 2-1 in eight categories, with 2020 base and 2025 target as written', () => {
    const rows = new Set(plan.indicators.map((i) => i.no));
    expect([...rows].sort((a, b) => a - b)).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
    expect(new Set(plan.indicators.map((i) => i.category))).toEqual(
      new Set(['经济发展', '科技创新', '改革开放', '文化发展', '生态环境', '区域治理', '社会民生', '安全保障']),
    );
    const gdp = plan.indicators.find((i) => i.no === 1)!;
    expect(gdp).toMatchObject({ name: '地区生产总值', unit: '亿元', base: 503.2, target: '700', attribute: '预期性' });
    expect(plan.indicators.find((i) => i.no === 19)!.name).toContain('Ⅲ类');
    expect(plan.indicators.filter((i) => i.attribute === '约束性').map((i) => i.no)).toEqual([
      14, 15, 16, 17, 18, 19, 20, 21, 22, 25, 32, 35, 37,
    ]);
  });

  it('marks the units it had to fill', () => {
    const filled = plan.indicators.filter((i) => i.unitFilled).map((i) => i.unit);
    expect(filled).toEqual(expect.arrayContaining(['件', '个', '人', '张', '岁']));
  });

  it('targets are written as in the source table', () => {
    for (const ind of plan.indicators) {
      // Row 27 lost its leading 「与」 in the web text; the file restores it and says so.
      if (ind.target) expect(flat(seed)).toContain(flat(ind.target).replace(/^与/, ''));
    }
  });

  it('has the twelve chapters with their sections and text', () => {
    expect(plan.chapters).toHaveLength(12);
    expect(plan.chapters.map((c) => c.sections.length)).toEqual([2, 5, 4, 4, 3, 3, 4, 4, 3, 3, 3, 3]);
    const para = plan.chapters[3]!.sections[1]!.paragraphs.join('');
    expect(para).toContain('秀水泱泱·智汇秀洲');
  });

  it('has the 13 专栏 columns with their items, each in a section', () => {
    expect(plan.columns.map((c) => c.no)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    const talent = plan.columns.find((c) => c.no === 3)!;
    expect(talent.title).toContain('人才集聚五大行动');
    expect(talent.items).toHaveLength(5);
    expect(
      plan.columns
        .find((c) => c.no === 13)!
        .items.map((i) => i.name)
        .join(),
    ).toContain('馆');
  });

  it('has at least 30 quantitative task targets, each quoted verbatim and linked to its section', () => {
    expect(plan.taskTargets.length).toBeGreaterThanOrEqual(30);
    const sections = new Set(plan.chapters.flatMap((c) => c.sections.map((s) => s.id)));
    for (const t of plan.taskTargets) {
      expect(seed, t.id).toContain(t.quote);
      expect(sections.has(t.sectionId), t.id).toBe(true);
    }
    const quotes = plan.taskTargets.map((t) => t.quote).join('\n');
    for (const must of ['新引进博士500名', '10000名', '50个数字农业基地', '1847', '220千伏', '儿童之家', '2000'])
      expect(quotes).toContain(must);
  });

  it('has the 2035 vision targets, the zones and the towns', () => {
    expect(plan.visionTargets.find((v) => v.indicatorId === '1')?.target).toContain('翻一番');
    const names = plan.orgUnits.map((o) => o.name);
    for (const n of ['秀水新区', '国家高新区', '空港新区', '新城街道', '高照街道', '王江泾镇', '油车港镇', '新塍镇', '洪合镇', '王店镇'])
      expect(names).toContain(n);
    const wangdian = plan.orgUnits.find((o) => o.name === '王店镇')!;
    expect(plan.orgUnits.find((o) => o.id === wangdian.parentId)!.name).toBe('空港新区');
  });

  it('ships the published figures with their sources and scope, and nothing else', () => {
    expect(plan.observations).toHaveLength(8);
    for (const o of plan.observations) expect(o.source?.url).toMatch(/^https?:/);
    expect(plan.observations.find((o) => o.kind === 'level' && o.indicatorId === '1' && o.year === 2022)?.scope).toBe('小口径');
    // Sources that are not the original say so, name the original where known, and carry their caveat.
    const secondary = plan.observations.filter((o) => o.source?.secondary);
    expect(secondary.map((o) => `${o.indicatorId}/${o.year}/${o.kind}/${o.source!.secondary}`).sort()).toEqual([
      '1/2021/level/thirdParty',
      '24/2024/level/reprint',
      '3/2021/level/thirdParty',
      '3/2022/growth_pct/reprint',
      '3/2022/level/reprint',
    ]);
    for (const o of secondary) expect(o.note, `${o.indicatorId}/${o.year}`).toBeTruthy();
    for (const o of secondary.filter((x) => x.source!.secondary === 'reprint')) expect(o.source!.original).toBeTruthy();
    expect(plan.observations.find((o) => o.indicatorId === '3' && o.year === 2022 && o.kind === 'level')!.source!.original).toContain(
      '秀洲区政府工作报告',
    );
    // The 2021 GDP is on 管理口径, not the base's scope: never compared with the base.
    expect(plan.observations.find((o) => o.indicatorId === '1' && o.year === 2021 && o.kind === 'level')).toMatchObject({
      value: 572.95,
      scope: expect.stringContaining('管理口径'),
    });
    expect(plan.annualTargets).toEqual([expect.objectContaining({ indicatorId: '1', year: 2022, target: '增长7.5%左右' })]);
  });
});

describe('xiuzhou-13th: table 1-1 reproduced from its own figures', () => {
  const plan = loadPlan('xiuzhou-13th');
  const ev = evaluatePlan(plan, plan.observations, { year: 2020, final: true });
  const byId = new Map(ev.results.map((r) => [r.indicatorId, r]));

  it('has every row and sub-row of the table', () => {
    expect(new Set(plan.indicators.map((i) => i.no)).size).toBe(28);
    expect(plan.indicators).toHaveLength(35);
  });

  it('computes the printed verdict for every row that has data', () => {
    const judged = ev.results.filter((r) => r.verdict !== 'dataMissing' && r.verdict !== 'assigned');
    expect(judged.length).toBeGreaterThanOrEqual(24);
    for (const r of judged) {
      if (r.indicatorId === '4') continue;
      expect(r.verdictLabel, `${r.indicatorId} ${r.name}`).toBe(r.officialVerdict?.label);
    }
    expect(byId.get('1')!.verdictLabel).toBe('总量完成');
    expect(byId.get('11.1')!.verdictLabel).toBe('基本完成');
    expect(byId.get('13')!.verdictLabel).toBe('完成');
    expect(byId.get('19')!.verdictLabel).toBe('完成');
    expect(byId.get('3.1')!.figures.latest?.method).toBe('fromAverage');
    expect(byId.get('9')!.figures.latest?.method).toBe('fromAverage');
    expect(byId.get('27.1')!.figures.latest?.bound).toBe('atLeast');
  });

  it('shows the computed verdict beside the official one for fixed-asset investment', () => {
    const fai = byId.get('4')!;
    expect(fai.verdictLabel).toBe('未完成');
    expect(fai.officialVerdict).toMatchObject({ label: '完成' });
    expect(fai.officialVerdict?.reason).toContain('2018年投资统计制度改变');
    expect(fai.shownLabel).toBe('完成');
  });

  it('judges no row that has no data', () => {
    for (const id of ['5', '8', '21', '23']) expect(byId.get(id)!.verdict, id).toBe('dataMissing');
    for (const id of ['20', '22', '24', '25.1']) {
      expect(byId.get(id)!.verdict).toBe('assigned');
      expect(byId.get(id)!.officialVerdict).toBeDefined();
    }
  });
});

describe('plan files with mistakes', () => {
  function brokenCopy(edit: (dir: string) => void): string {
    const dir = join(mkdtempSync(join(tmpdir(), 'pw-plan-')), 'xiuzhou-14th');
    cpSync(join(shippedPlansDir(), 'xiuzhou-14th'), dir, { recursive: true });
    edit(dir);
    return dir;
  }

  it('names the file and path of a bad target notation', () => {
    const dir = brokenCopy((d) => {
      const f = join(d, 'indicators.yaml');
      writeFileSync(f, readFileSync(f, 'utf8').replace('target: 93以上', 'target: 大幅提高'));
    });
    expect(() => loadPlanDir(dir)).toThrow(PlanFileError);
    expect(() => loadPlanDir(dir)).toThrow(/xiuzhou-14th\/indicators\.yaml: indicators\[\d+\]\.target: 无法解析的目标写法「大幅提高」/);
  });

  it('names the file and path of a schema violation', () => {
    const dir = brokenCopy((d) => {
      const f = join(d, 'indicators.yaml');
      writeFileSync(f, readFileSync(f, 'utf8').replace('base: 87.2', 'base: 八十七'));
    });
    expect(() => loadPlanDir(dir)).toThrow(/xiuzhou-14th\/indicators\.yaml: indicators\[\d+\]\.base/);
  });

  it('names the file, line and column of a bad observation', () => {
    const dir = brokenCopy((d) => {
      const f = join(d, 'observations.csv');
      writeFileSync(f, readFileSync(f, 'utf8').replace(',622.31,', ',六百,'));
    });
    expect(() => loadPlanDir(dir)).toThrow(/xiuzhou-14th\/observations\.csv: 第\d+行, 列「value」/);
  });

  it('names a dangling section reference', () => {
    const dir = brokenCopy((d) => {
      const f = join(d, 'task-targets.yaml');
      writeFileSync(f, readFileSync(f, 'utf8').replace('sectionId: "4.2"', 'sectionId: "4.9"'));
    });
    expect(() => loadPlanDir(dir)).toThrow(/task-targets\.yaml: taskTargets\[\d+\]\.sectionId: no section "4\.9"/);
  });
});
