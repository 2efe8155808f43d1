import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('CLI: plans over time', () => {
  it('adding a successor plan folder proposes each continuing indicator’s base from the predecessor’s final year', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-cli-succ-'));
    try {
      const folder = join(dir, 'xiuzhou-14th-review');
      cpSync(join('src', 'plans', 'xiuzhou-14th'), folder, { recursive: true });
      rmSync(join(folder, 'projects.yaml'));
      const yaml = join(folder, 'plan.yaml');
      writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^id: xiuzhou-14th$/m, 'id: xiuzhou-14th-review'));
      const r = await cli('plan-add', folder, '--data', join(dir, 'data'));
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toContain('承接上一期规划 xiuzhou-13th：13项延续指标的基期建议');
      expect(r.out).toContain('1 地区生产总值：建议基期 503.2（2020）；与本期表中基期值一致');
      expect(r.out).toMatch(/28 每千人口拥有执业\(助理\)医师数\(常住人口\)：无建议；.*口径不同/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('evaluates the 14th plan at the end of the period (evaluate --final)', async () => {
    const r = await cli('evaluate', 'xiuzhou-14th', '--final', '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { id: string; year: number; verdict: string | null; verdictCode: string | null }[];
    expect(rows).toHaveLength(38);
    expect(rows.every((x) => x.year === 2025 && x.verdict !== null)).toBe(true);
    // No 2025 value yet: judged on the latest (2022) as expected not to complete, said so.
    expect(rows.find((x) => x.id === '3')).toMatchObject({ verdict: '预计未完成', verdictCode: 'expectedNotCompleted' });
    expect(rows.find((x) => x.id === '14')).toMatchObject({ verdictCode: 'assigned' });
  });
});
