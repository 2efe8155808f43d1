/**
 * `planwatch evaluate PLAN --data DIR` (or DATABASE_URL): a plan added to the store is evaluated
 * from the command line on its approved values, on both dialects; a plan folder with a bad row is
 * refused naming the plan id and the row (issue 14 §4).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { shippedPlansDir } from '../../src/plans/load.js';
import { makeStore, DIALECTS, type TestStore } from '../store/harness.js';
import { saveValue, transition } from '../../src/store/values.js';
import { getPlan } from '../../src/store/plans.js';
import { SYSTEM } from '../../src/store/util.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** A copy of the national table under another id: a plan a user adds, not a shipped one. */
function planFolder(edit: (indicators: string) => string = (s) => s): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'pw-eval-')), 'national-copy');
  cpSync(join(shippedPlansDir(), 'national-14th'), dir, { recursive: true });
  const meta = join(dir, 'plan.yaml');
  writeFileSync(meta, readFileSync(meta, 'utf8').replace('id: national-14th', 'id: national-copy'));
  const ind = join(dir, 'indicators.yaml');
  writeFileSync(ind, edit(readFileSync(ind, 'utf8')));
  return dir;
}

type Row = { no: number; status: string | null; verdict: string | null };

describe.each(DIALECTS)('evaluate a stored plan on %s', (dialect) => {
  let t: TestStore;
  const env = { url: process.env.DATABASE_URL, schema: process.env.PLANWATCH_PG_SCHEMA };
  afterAll(async () => {
    process.env.DATABASE_URL = env.url;
    process.env.PLANWATCH_PG_SCHEMA = env.schema;
    if (env.url === undefined) delete process.env.DATABASE_URL;
    if (env.schema === undefined) delete process.env.PLANWATCH_PG_SCHEMA;
    await t?.cleanup();
  });
  /** The flags that reach this store: --data for SQLite, DATABASE_URL for PostgreSQL. */
  const flags = (): string[] => (dialect === 'sqlite' ? ['--data', t.options.dataDir!] : []);

  it('adds the plan folder and evaluates it with its approved values', async () => {
    t = await makeStore(dialect);
    if (dialect === 'postgres') {
      process.env.DATABASE_URL = t.options.databaseUrl;
      process.env.PLANWATCH_PG_SCHEMA = t.options.pgSchema;
    }
    await t.store.close();
    const added = await cli('plan-add', planFolder(), ...flags());
    expect(added.err).toBe('');
    expect(added.out).toContain('national-copy');
    const r = await cli('evaluate', 'national-copy', '--year', '2022', '--order', 'plan', '--format', 'json', ...flags());
    expect(r.err).toBe('');
    const rows = JSON.parse(r.out) as Row[];
    expect(rows).toHaveLength(20);
    expect(rows.find((x) => x.no === 8)!.status).toBe('基本符合预期');
    expect(rows.find((x) => x.no === 19)!.status).toBe('符合预期');
  });

  it('reads only approved values: a value saved as a draft changes nothing until approved', async () => {
    const { openFromFlags } = await import('../../src/cli/server-commands.js');
    const store = await openFromFlags({ data: t.options.dataDir });
    try {
      const plan = (await getPlan(store.db, 'national-copy'))!;
      const v = await saveValue(store.db, SYSTEM, plan, { indicatorId: '9', year: 2022, kind: 'level', value: 10.93 }, 'submit');
      const before = JSON.parse((await cli('evaluate', 'national-copy', '--year', '2022', '--format', 'json', ...flags())).out) as Row[];
      expect(before.find((x) => x.no === 9)!.status).toBe('数据缺失');
      await transition(store.db, SYSTEM, v.id, 'approve');
    } finally {
      await store.close();
    }
    const after = JSON.parse((await cli('evaluate', 'national-copy', '--year', '2022', '--format', 'json', ...flags())).out) as Row[];
    // (10.93 − 10.8) / (11.3 − 10.8) = 26 % against a 40 % time share.
    expect(after.find((x) => x.no === 9)!.status).toBe('滞后于预期');
  });

  it('names the stored plans when the id is unknown', async () => {
    const r = await cli('evaluate', 'no-such-plan', ...flags());
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/数据库中没有规划「no-such-plan」；已有：.*national-copy/);
  });
});

describe('a plan folder with a bad row', () => {
  it('is refused naming the plan id and the row', async () => {
    const dir = planFolder((s) => s.replace("growthTarget: '<5.5'", "growthTarget: '<五点五'"));
    const r = await cli('plan-add', dir, '--data', mkdtempSync(join(tmpdir(), 'pw-eval-bad-')));
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'national-copy: 指标 8 城镇调查失业率: national-copy/indicators.yaml: indicators[7].growthTarget: 无法解析的目标写法「<五点五」',
    );
  });
});
