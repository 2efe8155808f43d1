/** Plan drafts in the store, on SQLite and PostgreSQL: kept across restarts, reviewed, published. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPlanDocument } from '../../src/importers/plan-document/read.js';
import { listAudit } from '../../src/store/audit.js';
import { openStore } from '../../src/store/index.js';
import {
  createDraft,
  discardDraft,
  draftDocument,
  getDraft,
  listDrafts,
  publishDraft,
  reviewDraft,
  DraftError,
} from '../../src/store/plan-drafts.js';
import { getPlan } from '../../src/store/plans.js';
import type { Actor } from '../../src/store/util.js';
import { seedPath } from '../importers/plan-document/expected.js';
import { DIALECTS, makeStore, type TestStore } from './harness.js';

const wang: Actor = { id: null, username: 'wang', role: 'admin', unitId: null };
const li: Actor = { id: null, username: 'li', role: 'admin', unitId: null };

describe.each(DIALECTS)('plan drafts on %s', (dialect) => {
  let t: TestStore;
  let id: string;
  const document = readFileSync(seedPath);
  beforeAll(async () => {
    t = await makeStore(dialect);
  });
  afterAll(async () => {
    // The store reopened below is closed here; the harness closes the one it opened.
    await t.store.close().catch(() => undefined);
    await t.cleanup();
  });

  it('keeps an uploaded document and its draft, also after a restart', async () => {
    const { format, draft } = await readPlanDocument(document, { id: 'xiuzhou-intake', file: 'outline.txt' });
    const stored = await createDraft(t.store.db, wang, { fileName: 'outline.txt', format, document, draft });
    id = stored.id;
    expect(stored).toMatchObject({ planId: 'xiuzhou-intake', status: 'open', version: 1, createdBy: 'wang' });
    expect(stored.openFlags.length).toBeGreaterThan(10);
    await t.store.close();
    // Another process opens the same store: the draft is there, whole.
    t.store = await openStore(t.options);
    const again = (await getDraft(t.store.db, id))!;
    expect(again.draft.indicators).toHaveLength(38);
    expect(again.openFlags).toEqual(stored.openFlags);
    expect((await draftDocument(t.store.db, id))!.data.equals(document)).toBe(true);
    expect((await listDrafts(t.store.db)).map((d) => d.id)).toEqual([id]);
  });

  it('is reviewed by another administrator, a stale version refused', async () => {
    let d = (await getDraft(t.store.db, id))!;
    d = await reviewDraft(t.store.db, li, id, d.version, { op: 'edit', part: 'indicators', id: '35', fields: { unit: '人/亿元' } });
    expect(d.draft.indicators.find((i) => i.id === '35')!.unit).toBe('人/亿元');
    expect(d.updatedBy).toBe('li');
    await expect(reviewDraft(t.store.db, wang, id, d.version - 1, { op: 'accept', part: 'indicators', id: '35' })).rejects.toMatchObject({
      code: 'conflict',
    });
    // An edit the plan format refuses (a target not in the plan's notation) is refused, nothing saved.
    await expect(
      reviewDraft(t.store.db, wang, id, d.version, { op: 'edit', part: 'indicators', id: '1', fields: { target: '大幅增长' } }),
    ).rejects.toThrow(/无法解析的目标写法/);
    // A task target the reader missed, added by hand.
    d = await reviewDraft(t.store.db, wang, id, d.version, {
      op: 'add',
      part: 'taskTargets',
      item: {
        id: 'tt-business-time-cut',
        sectionId: '6.1',
        name: '企业平均办事时间缩短比例',
        unit: '%',
        target: '50',
        quote: '实现企业平均办事时间缩短一半',
      },
    });
    expect(d.draft.taskTargets.at(-1)).toMatchObject({ id: 'tt-business-time-cut', review: { state: 'accepted', by: 'wang' } });
  });

  it('is not published while a flag is open; once every flag is answered it becomes a plan, audited, its document the source', async () => {
    let d = (await getDraft(t.store.db, id))!;
    await expect(publishDraft(t.store.db, wang, id, d.version)).rejects.toMatchObject({ code: 'openFlags' });
    expect(await getPlan(t.store.db, 'xiuzhou-intake')).toBeUndefined();
    for (const f of d.openFlags) {
      // A task target that repeats a main indicator is rejected; everything else accepted.
      const op = f.part === 'taskTargets' && f.reason.includes('重复') ? 'reject' : 'accept';
      d = await reviewDraft(t.store.db, li, id, d.version, { op, part: f.part as never, id: f.id });
    }
    expect(d.openFlags).toEqual([]);
    const r = await publishDraft(t.store.db, li, id, d.version);
    expect(r.planId).toBe('xiuzhou-intake');
    const plan = (await getPlan(t.store.db, 'xiuzhou-intake'))!;
    expect(plan.indicators).toHaveLength(38);
    expect(plan.indicators.find((i) => i.id === '35')!.unit).toBe('人/亿元');
    expect(plan.taskTargets.some((x) => x.id === 'tt-business-time-cut')).toBe(true);
    expect(plan.taskTargets.some((x) => x.quote.startsWith('地区生产总值达到700亿元'))).toBe(false);
    expect(plan.meta.source).toEqual({ title: 'outline.txt', url: `/api/v1/plan-drafts/${id}/document` });
    expect((await getDraft(t.store.db, id))!.status).toBe('published');
    const audit = await listAudit(t.store.db, { planId: 'xiuzhou-intake' });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['planDraft.create', 'planDraft.edit', 'planDraft.add', 'planDraft.accept', 'planDraft.publish', 'plan.add']),
    );
    await expect(
      reviewDraft(t.store.db, wang, id, d.version + 1, { op: 'accept', part: 'meta', id: 'xiuzhou-intake' }),
    ).rejects.toBeInstanceOf(DraftError);
  });

  it('discards a draft: audited with the reason, then neither reviewed nor published', async () => {
    const { format, draft } = await readPlanDocument(document, { id: 'xiuzhou-wrong', file: 'outline.txt' });
    let d = await createDraft(t.store.db, wang, { fileName: 'outline.txt', format, document, draft });
    d = await reviewDraft(t.store.db, li, d.id, d.version, { op: 'accept', part: 'meta', id: 'xiuzhou-wrong' });
    // The version seen guards the discard too.
    await expect(discardDraft(t.store.db, wang, d.id, d.version - 1)).rejects.toMatchObject({ code: 'conflict' });
    const gone = await discardDraft(t.store.db, wang, d.id, d.version, '上传错了文件');
    expect(gone).toMatchObject({ status: 'discarded', version: d.version + 1, updatedBy: 'wang' });
    await expect(
      reviewDraft(t.store.db, li, d.id, gone.version, { op: 'accept', part: 'meta', id: 'xiuzhou-wrong' }),
    ).rejects.toMatchObject({
      code: 'closed',
      message: '该草稿已放弃',
    });
    await expect(publishDraft(t.store.db, li, d.id, gone.version)).rejects.toMatchObject({ code: 'closed' });
    await expect(discardDraft(t.store.db, li, d.id, gone.version)).rejects.toMatchObject({ code: 'closed' });
    expect(await getPlan(t.store.db, 'xiuzhou-wrong')).toBeUndefined();
    const audit = (await listAudit(t.store.db, { planId: 'xiuzhou-wrong' })).find((a) => a.action === 'planDraft.discard')!;
    expect(audit).toMatchObject({ username: 'wang', entityId: d.id, reason: '上传错了文件' });
    expect(audit.after).toMatchObject({ status: 'discarded', fileName: 'outline.txt' });
    // The draft and its document stay for the record.
    expect((await draftDocument(t.store.db, d.id))!.data.equals(document)).toBe(true);
    expect((await listDrafts(t.store.db)).find((x) => x.id === d.id)!.status).toBe('discarded');
  });
});
