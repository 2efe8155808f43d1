/** `planwatch plan-import` on the seed: a plan folder with the flags as comments, loadable by plan-add. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { loadPlanDir } from '../../src/plans/load.js';
import { seedPath } from '../importers/plan-document/expected.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const work = mkdtempSync(join(tmpdir(), 'pw-plan-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('planwatch plan-import', () => {
  const dir = join(work, 'xiuzhou-import');

  it('writes a plan folder in the format of src/plans, every item with its source and the flags as comments', async () => {
    const r = await cli('plan-import', seedPath, '--id', 'xiuzhou-import', '--out', dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/章 12、节 41、专栏 13、主要指标 38/);
    for (const f of ['plan.yaml', 'indicators.yaml', 'text.yaml', 'columns.yaml', 'task-targets.yaml', 'projects.yaml', 'org-units.yaml'])
      expect(existsSync(join(dir, f)), f).toBe(true);
    expect(readFileSync(join(dir, 'source', basename(seedPath)), 'utf8')).toBe(readFileSync(seedPath, 'utf8'));
    const indicators = readFileSync(join(dir, 'indicators.yaml'), 'utf8');
    expect(indicators).toContain('# 来源：第729行「地区生产总值」');
    expect(indicators).toMatch(/# 待核：单位「\/亿元」不完整，请审核补全\n\s+- id: "35"/);
    expect(readFileSync(join(dir, 'task-targets.yaml'), 'utf8')).toContain('实现企业平均办事时间缩短一半');
    const plan = loadPlanDir(dir);
    expect(plan.meta).toMatchObject({ id: 'xiuzhou-import', region: '嘉兴市秀洲区', baseYear: 2020, targetYear: 2025 });
    expect(plan.indicators).toHaveLength(38);
    expect(plan.chapters).toHaveLength(12);
    expect(plan.columns).toHaveLength(13);
    expect(plan.taskTargets.length).toBeGreaterThanOrEqual(50);
  });

  it('is loadable by planwatch plan-add, and then evaluated like any plan', async () => {
    const data = join(work, 'data');
    const r = await cli('plan-add', dir, '--data', data);
    expect(r.err).toBe('');
    expect(r.out).toContain('已加入规划 xiuzhou-import');
    const e = await cli('evaluate', dir, '--format', 'json');
    expect(e.code).toBe(0);
  });

  it('prints the draft with its flags as JSON', async () => {
    const r = await cli('plan-import', seedPath, '--id', 'xiuzhou-import', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      format: string;
      flags: { part: string; id: string; reason: string }[];
      draft: { indicators: { id: string }[] };
    };
    expect(j.format).toBe('txt');
    expect(j.draft.indicators).toHaveLength(38);
    expect(j.flags).toContainEqual(expect.objectContaining({ part: 'indicators', id: '35', reason: '单位「/亿元」不完整，请审核补全' }));
  });

  it('refuses to write into a folder that is not empty', async () => {
    const r = await cli('plan-import', seedPath, '--id', 'again', '--out', dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('已存在且不为空');
  });
});
