/** Plan intake through the API, on both dialects: upload → review → publish → a monitored plan. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures } from '../importers/plan-document/expected.js';
import { DIALECTS } from '../store/harness.js';
import { addUser } from '../../src/store/accounts.js';
import { SYSTEM } from '../../src/store/util.js';
import { makeApi, multipart, PASSWORD, type Client, type TestApi } from './harness.js';

type Flag = { part: string; id: string; reason: string };
type DraftBody = { id: string; version: number; openFlags: Flag[]; draft: { indicators: { id: string; unit: string }[] } };

const upload = (client: Client, name: string, data: Buffer, planId = 'xiuzhou-intake') => {
  const { payload, headers } = multipart(name, data);
  return client.request('POST', `/api/v1/plan-drafts?planId=${planId}`, payload, headers);
};

describe.each(DIALECTS)('plan intake API on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await makeApi(dialect);
  });
  afterAll(async () => api.cleanup());
  const docx = readFileSync(join(fixtures, 'xiuzhou-14th.docx'));

  it('is for administrators only', async () => {
    expect((await upload(api.reporter, 'plan.docx', docx)).statusCode).toBe(403);
    expect((await upload(api.leader, 'plan.docx', docx)).statusCode).toBe(403);
    expect((await api.anonymous.request('GET', '/api/v1/plan-drafts')).statusCode).toBe(401);
  });

  it('refuses a hostile document with a clear error and stores nothing', async () => {
    const res = await upload(api.admin, '规划.docx', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'documentRefused' } });
    expect(res.json().error.message).toContain('规划.docx');
    expect((await api.admin.request('GET', '/api/v1/plan-drafts')).json()).toEqual([]);
  });

  it('reads an upload into a draft, reviewed by a second administrator, published when no flag is open', async () => {
    const res = await upload(api.admin, '秀洲区十四五规划纲要.docx', docx);
    expect(res.statusCode).toBe(201);
    let d = res.json() as DraftBody;
    expect(d.draft.indicators).toHaveLength(38);
    expect(d.openFlags.length).toBeGreaterThan(0);
    // Another administrator resumes the draft.
    await addUser(api.t.store.db, SYSTEM, { username: 'admin2', password: PASSWORD, role: 'admin' });
    const other = await api.login('admin2', PASSWORD);
    d = (await other.request('GET', `/api/v1/plan-drafts/${d.id}`)).json() as DraftBody;
    const blocked = await other.request('POST', `/api/v1/plan-drafts/${d.id}/publish`, { version: d.version });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({ error: { code: 'openFlags' } });
    const edited = await other.request('POST', `/api/v1/plan-drafts/${d.id}/review`, {
      version: d.version,
      action: { op: 'edit', part: 'indicators', id: '8', fields: { unit: '件' } },
    });
    expect(edited.statusCode).toBe(200);
    d = edited.json() as DraftBody;
    const stale = await other.request('POST', `/api/v1/plan-drafts/${d.id}/review`, {
      version: d.version - 1,
      action: { op: 'accept', part: 'indicators', id: '8' },
    });
    expect(stale.statusCode).toBe(409);
    for (const f of d.openFlags) {
      const op = f.part === 'taskTargets' && f.reason.includes('重复') ? 'reject' : 'accept';
      const r = await other.request('POST', `/api/v1/plan-drafts/${d.id}/review`, {
        version: d.version,
        action: { op, part: f.part, id: f.id },
      });
      expect(r.statusCode, r.body).toBe(200);
      d = r.json() as DraftBody;
    }
    expect(d.openFlags).toEqual([]);
    const pub = await other.request('POST', `/api/v1/plan-drafts/${d.id}/publish`, { version: d.version });
    expect(pub.statusCode, pub.body).toBe(201);
    expect(pub.json()).toEqual({ planId: 'xiuzhou-intake' });
    // Monitored like the shipped plans: its table and its evaluation.
    const plan = await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-intake');
    expect(plan.statusCode).toBe(200);
    const evaluation = await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-intake/evaluation');
    expect(evaluation.statusCode).toBe(200);
    // The document is kept as the plan's source.
    const source = await api.anonymous.request('GET', `/api/v1/plan-drafts/${d.id}/document`);
    expect(source.statusCode).toBe(200);
    expect(source.rawPayload.equals(docx)).toBe(true);
    expect(source.headers['content-type']).toContain('wordprocessingml');
    // A second upload under the same plan id is refused.
    expect((await upload(api.admin, 'again.docx', docx)).statusCode).toBe(409);
  });
});
