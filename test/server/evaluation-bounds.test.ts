/**
 * Evaluation under heavy use: only the plan's own years are evaluated, the cache is bounded by the
 * memory its entries hold, and evaluating a large plan leaves other requests their turn.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeSyntheticPlan } from '../../bench/synthetic-plan.js';
import { loadPlanDir } from '../../src/plans/load.js';
import { evaluationCacheUse } from '../../src/store/evaluation.js';
import { addPlan } from '../../src/store/plans.js';
import { DIALECTS } from '../store/harness.js';
import { makeApi, type TestApi } from './harness.js';

// Set before the modules are loaded (vi.hoisted runs first): a cache of 30 MB holds one evaluation
// of a 5,000-indicator plan (about 20 MB by the cache's estimate), never two.
vi.hoisted(() => {
  process.env.PLANWATCH_EVAL_CACHE_MB = '30';
});

describe.each(DIALECTS)('evaluation years on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await makeApi(dialect);
  });
  afterAll(async () => api.cleanup());

  it('evaluates the plan’s own years and refuses others with a clear 400', async () => {
    for (const year of [2020, 2021, 2025])
      expect((await api.anonymous.request('GET', `/api/v1/plans/xiuzhou-14th/evaluation?year=${year}`)).statusCode).toBe(200);
    for (const url of [
      '/api/v1/plans/xiuzhou-14th/evaluation?year=1960',
      '/api/v1/plans/xiuzhou-14th/evaluation?year=2100',
      '/api/v1/plans/xiuzhou-14th/task-targets/evaluation?year=2030',
      '/api/v1/plans/xiuzhou-14th/indicators/1?year=2019',
    ]) {
      const res = await api.anonymous.request('GET', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.message, url).toMatch(/不在规划期内.*2020—2025年/);
    }
  });
});

describe('a large plan under evaluation (sqlite)', () => {
  let api: TestApi;
  let dir: string;
  beforeAll(async () => {
    api = await makeApi('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'pw-big-'));
    await api.t.store.db.transaction().execute((trx) => addPlan(trx, loadPlanDir(writeSyntheticPlan(dir, 5000))));
  }, 120_000);
  afterAll(async () => {
    await api.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the event loop back while it is evaluated and serialised', async () => {
    // Count the turns the event loop takes while one request evaluates the plan: each turn is a
    // moment another request could be served. Computed in one go, there would be next to none.
    let turns = 0;
    let running = true;
    const turn = (): void => {
      turns++;
      if (running) setImmediate(turn);
    };
    setImmediate(turn);
    const res = await api.anonymous.request('GET', '/api/v1/plans/synthetic-county/evaluation?year=2022');
    running = false;
    expect(res.statusCode).toBe(200);
    expect(res.json().results).toHaveLength(5000);
    expect(turns).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('keeps the cache within its memory bound, whatever years are asked for', async () => {
    for (const year of [2020, 2021, 2023, 2024, 2025]) {
      expect((await api.anonymous.request('GET', `/api/v1/plans/synthetic-county/evaluation?year=${year}`)).statusCode).toBe(200);
      const use = evaluationCacheUse();
      expect(use.maxBytes).toBe(30 * 1024 * 1024);
      expect(use.bytes).toBeLessThanOrEqual(use.maxBytes);
      expect(use.entries).toBeGreaterThanOrEqual(1);
    }
  }, 120_000);
});
