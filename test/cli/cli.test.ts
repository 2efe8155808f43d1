import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATUS } from '../../src/core/labels.js';
import { run } from '../../src/cli/main.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

type Row = Record<string, unknown> & {
  no: number;
  name: string;
  status: string | null;
  verdict: string | null;
  officialVerdict: string | null;
  figures: Record<string, unknown>;
  warning: boolean;
  attribute: string | null;
};

const tmp = mkdtempSync(join(tmpdir(), 'pw-cli-'));

describe('planwatch CLI', () => {
  it('lists the shipped plans', async () => {
    const r = await cli('plans');
    expect(r.code).toBe(0);
    expect(r.out).toContain('xiuzhou-14th');
    expect(r.out).toContain('xiuzhou-13th');
    // The 14th plan: 37 main indicators, one printed with two sub-rows; its period is 2021—2025.
    expect(r.out).toMatch(/xiuzhou-14th\t.*\t2021—2025\t主要指标37项（38个测算项）\n/);
  });

  it('heads an evaluation with the indicator count and a sentence per status word', async () => {
    const r = await cli('evaluate', 'xiuzhou-14th', '--final');
    expect(r.code).toBe(0);
    const title = r.out.split('\n')[0]!;
    expect(title).toMatch(/^期末评估：主要指标37项（38个测算项），/);
    const counted = [...title.matchAll(/([\u4e00-\u9fa5]+?)(\d+)项/g)].filter((m) => !/主要指标|预警/.test(m[1]!));
    expect(counted.reduce((a, m) => a + Number(m[2]), 0)).toBe(38);
  });

  it('shows the indicator table as json with the fields the brief names', async () => {
    const r = await cli('show', 'xiuzhou-14th', '--format', 'json');
    const rows = JSON.parse(r.out) as Record<string, unknown>[];
    expect(new Set(rows.map((x) => x.no)).size).toBe(37);
    expect(rows[0]).toMatchObject({
      no: 1,
      category: '经济发展',
      name: '地区生产总值',
      unit: '亿元',
      base: 503.2,
      target: '700',
      attribute: '预期性',
    });
    const table = await cli('show', 'xiuzhou-14th');
    expect(table.out).toContain('地表水达到或好于Ⅲ类水体比例');
  });

  it('evaluate xiuzhou-13th --final reproduces table 1-1', async () => {
    const r = await cli('evaluate', 'xiuzhou-13th', '--final', '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as Row[];
    const byName = new Map(rows.map((x) => [x.name, x]));
    expect(byName.get('地区生产总值')).toMatchObject({ verdict: '总量完成', officialVerdict: '总量完成' });
    expect(byName.get('城镇居民人均可支配收入')).toMatchObject({ verdict: '基本完成' });
    expect(byName.get('新增城镇就业人数')).toMatchObject({ verdict: '完成' });
    expect(byName.get('耕地保有量')).toMatchObject({ verdict: '完成' });
    expect(byName.get('固定资产投资')).toMatchObject({ verdict: '未完成', officialVerdict: '完成', shown: '完成' });
    expect(byName.get('宽带家庭普及率')).toMatchObject({ verdict: '数据缺失', officialVerdict: null });
    for (const row of rows) {
      if (row.verdict === '数据缺失' || row.verdict === '以上级考核为准' || row.name === '固定资产投资') continue;
      expect(row.verdict, row.name).toBe(row.officialVerdict);
    }
    expect(byName.get('地区生产总值')!.figures).toMatchObject({ base: 296.4, target: 400, realisedGrowthPct: 6.2 });
  });

  it('evaluate xiuzhou-14th --year 2022: every indicator judged or data missing, GDP scope flagged, yearly target judged', async () => {
    const r = await cli('evaluate', 'xiuzhou-14th', '--year', '2022', '--format', 'json', '--order', 'plan');
    const rows = JSON.parse(r.out) as Row[];
    expect(new Set(rows.map((x) => x.no)).size).toBe(37);
    for (const row of rows) expect(row.status, row.name).toBeTruthy();
    const gdp = rows[0]!;
    expect(gdp.comparable).toBe(false);
    expect((gdp.notes as string[]).join()).toContain('小口径');
    expect(gdp.observations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          value: 622.31,
          scope: '小口径',
          source: expect.objectContaining({ url: expect.stringContaining('xiuzhou.gov.cn') }),
        }),
      ]),
    );
    expect(gdp.annual).toMatchObject({ year: 2022, target: '增长7.5%左右', actual: 4.3, verdict: 'notCompleted' });
    expect(rows.filter((x) => x.status === STATUS.dataMissing.zh).length).toBeGreaterThan(25);
    const table = await cli('evaluate', 'xiuzhou-14th', '--year', '2022');
    expect(table.out).toContain('小口径');
    expect(table.out).toContain('增长7.5%左右');
  });

  it('demo-values writes a marked, deterministic set; evaluating it shows every status word, binding warnings first', async () => {
    const a = join(tmp, 'demo-a.csv');
    const b = join(tmp, 'demo-b.csv');
    expect((await cli('demo-values', 'xiuzhou-14th', '--seed', '7', '-o', a)).code).toBe(0);
    await cli('demo-values', 'xiuzhou-14th', '--seed', '7', '-o', b);
    const text = readFileSync(a, 'utf8');
    expect(text).toBe(readFileSync(b, 'utf8'));
    expect(text.split('\n')[0]).toContain('示例数据，非真实统计');
    const r = await cli('evaluate', 'xiuzhou-14th', '--values', a, '--format', 'json');
    const rows = JSON.parse(r.out) as Row[];
    const words = new Set(rows.map((x) => x.status));
    for (const code of [
      'achieved',
      'ahead',
      'onTrack',
      'slightlyBehind',
      'lagging',
      'seriouslyLagging',
      'dataMissing',
      'assigned',
    ] as const) {
      expect(words, code).toContain(STATUS[code].zh);
    }
    expect(rows.every((x) => x.demo === true)).toBe(true);
    // Demo values are their own workspace: the published 小口径 GDP figure is not among them.
    expect(JSON.stringify(rows[0]!.observations ?? [])).not.toContain('622.31');
    const firstNonWarning = rows.findIndex((x) => !x.warning);
    expect(firstNonWarning).toBeGreaterThan(0);
    expect(rows.slice(0, firstNonWarning).every((x) => x.attribute === '约束性')).toBe(true);
    expect(rows.slice(firstNonWarning).some((x) => x.warning)).toBe(false);
    const table = await cli('evaluate', 'xiuzhou-14th', '--values', a);
    expect(table.out.split('\n')[0]).toContain('示例数据，非真实统计');
  });

  it('a different seed gives a different set', async () => {
    const c = join(tmp, 'demo-c.csv');
    await cli('demo-values', 'xiuzhou-14th', '--seed', '8', '-o', c);
    expect(readFileSync(c, 'utf8')).not.toBe(readFileSync(join(tmp, 'demo-a.csv'), 'utf8'));
  });

  it('writes csv', async () => {
    const r = await cli('evaluate', 'xiuzhou-13th', '--final', '--format', 'csv');
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toContain('official_verdict');
    expect(lines.length).toBe(36);
  });

  it('reports a bad values file by file, line and column, and a bad option clearly', async () => {
    const bad = join(tmp, 'bad.csv');
    writeFileSync(bad, 'indicator,year,value,kind\n1,2023,700,level\n3,2023,三十,level\n');
    const r = await cli('evaluate', 'xiuzhou-14th', '--values', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad.csv: 第3行, 列「value」');
    const unknown = join(tmp, 'unknown.csv');
    writeFileSync(unknown, 'indicator,year,value\n99,2023,1\n');
    expect((await cli('evaluate', 'xiuzhou-14th', '--values', unknown)).err).toContain('规划中没有指标「99」');
    const opt = await cli('evaluate', 'xiuzhou-14th', '--year', 'abc');
    expect(opt.code).toBe(2);
    expect(opt.err).toContain('--year 应为整数');
    expect((await cli('evaluate', 'nowhere')).err).toContain('没有名为「nowhere」的规划');
  });

  it('a real values file adds to the published values', async () => {
    const f = join(tmp, 'real.csv');
    writeFileSync(f, 'indicator,indicator_name,year,value,kind\n17,空气质量优良天数比率,2022,94,level\n');
    const rows = JSON.parse(
      (await cli('evaluate', 'xiuzhou-14th', '--year', '2022', '--values', f, '--format', 'json', '--order', 'plan')).out,
    ) as Row[];
    expect(rows.find((x) => x.no === 17)!.status).toBe('提前实现');
    expect(rows[0]!.comparable).toBe(false);
  });

  it('the installed binary runs (built by npm install / npm test)', () => {
    const out = execFileSync(
      process.execPath,
      [join(import.meta.dirname, '../../bin/planwatch.js'), 'evaluate', 'xiuzhou-13th', '--final'],
      { encoding: 'utf8' },
    );
    expect(out).toContain('总量完成');
    expect(out).toContain('期末评估');
  });
});
