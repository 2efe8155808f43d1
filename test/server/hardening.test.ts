/** The low findings of the attack probe: job ids, job rows, source links, magnitudes, headers, four-eyes review. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticPlan } from '../../bench/synthetic-plan.js';
import { loadPlanDir } from '../../src/plans/load.js';
import { addUser } from '../../src/store/accounts.js';
import { addPlan } from '../../src/store/plans.js';
import { SYSTEM } from '../../src/store/util.js';
import { DIALECTS } from '../store/harness.js';
import { makeApi, multipart, PASSWORD, type TestApi } from './harness.js';

const jobCount = async (api: TestApi): Promise<number> =>
  Number(
    (
      await api.t.store.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(DIALECTS)('hardening on %s', (dialect) => {
  let api: TestApi;
  let dir: string;
  beforeAll(async () => {
    api = await makeApi(dialect);
    dir = mkdtempSync(join(tmpdir(), 'pw-hard-'));
    // A plan that asks for four-eyes review.
    const planDir = writeSyntheticPlan(dir, 3, 'four-eyes-county');
    const meta = parse(readFileSync(join(planDir, 'plan.yaml'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(planDir, 'plan.yaml'), stringify({ ...meta, settings: { fourEyes: true } }));
    await api.t.store.db.transaction().execute((trx) => addPlan(trx, loadPlanDir(planDir)));
    await addUser(api.t.store.db, SYSTEM, { username: 'admin2', password: PASSWORD, role: 'admin' });
  });
  afterAll(async () => {
    await api.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a reused job id with 409, and keeps no job rows for the public', async () => {
    const job = '0b7c8d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';
    const url = `/api/v1/plans/xiuzhou-14th/reports/annual.docx?year=2022&job=${job}`;
    expect((await api.admin.request('GET', url)).statusCode).toBe(200);
    const again = await api.admin.request('GET', url);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已被使用');
    const before = await jobCount(api);
    const anon = await api.anonymous.request(
      'GET',
      '/api/v1/plans/xiuzhou-14th/reports/annual.docx?year=2022&job=1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a',
    );
    expect(anon.statusCode).toBe(200);
    expect(await jobCount(api)).toBe(before);
  });

  it('accepts only http and https source links, from the API and from files', async () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd']) {
      const res = await api.reporter.request('POST', '/api/v1/plans/xiuzhou-14th/values', {
        indicatorId: '17',
        year: 2024,
        value: 95,
        source: { title: '公报', url },
      });
      expect(res.statusCode, url).toBe(400);
      expect(res.body).toContain('http:// 或 https://');
    }
    const ok = await api.reporter.request('POST', '/api/v1/plans/xiuzhou-14th/values', {
      indicatorId: '17',
      year: 2024,
      value: 95,
      source: { title: '公报', url: 'https://www.xiuzhou.gov.cn/art/2024/1/1/x.html' },
    });
    expect(ok.statusCode).toBe(200);
    const file = multipart('links.csv', Buffer.from('indicator,year,value,source_title,source_url\n18,2024,30,公报,javascript:alert(1)\n'));
    const res = await api.admin.request('POST', '/api/v1/plans/xiuzhou-14th/imports', file.payload, file.headers);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('http:// 或 https://');
  });

  it('refuses magnitudes no figure has in its unit (1e308 亿元)', async () => {
    for (const value of [1e308, -1e308, 5e7]) {
      const res = await api.admin.request('POST', '/api/v1/plans/xiuzhou-14th/values', {
        indicatorId: '1',
        year: 2025,
        value,
        submit: true,
      });
      expect(res.statusCode, String(value)).toBe(422);
      expect(res.json().error.message).toContain('超出合理范围');
    }
    expect(
      (await api.admin.request('POST', '/api/v1/plans/xiuzhou-14th/values', { indicatorId: '1', year: 2025, value: 700.5 })).statusCode,
    ).toBe(200);
  });

  it('sends security headers with a content security policy', async () => {
    const res = await api.anonymous.request('GET', '/api/v1/health');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('keeps an administrator from approving their own value where the plan asks for four-eyes review', async () => {
    const own = await api.admin.request('POST', '/api/v1/plans/four-eyes-county/values', {
      indicatorId: 's1',
      year: 2021,
      value: 105,
      submit: true,
    });
    expect(own.statusCode, own.body).toBe(200);
    const { id } = own.json() as { id: string };
    const self = await api.admin.request('POST', `/api/v1/values/${id}/approve`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toContain('双人复核');
    const other = await api.login('admin2', PASSWORD);
    expect((await other.request('POST', `/api/v1/values/${id}/approve`, {})).statusCode).toBe(200);
    // Plans without the setting keep the former rule: an administrator may approve their own value.
    const plain = (
      await api.admin.request('POST', '/api/v1/plans/xiuzhou-14th/values', { indicatorId: '1', year: 2025, value: 701, submit: true })
    ).json() as { id: string };
    expect((await api.admin.request('POST', `/api/v1/values/${plain.id}/approve`, {})).statusCode).toBe(200);
  });
});
