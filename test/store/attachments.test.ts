import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAttachment } from '../../src/importers/attachment-file.js';
import { listAttachments, readAttachment, saveAttachment } from '../../src/store/attachments.js';
import { planLedger } from '../../src/store/supervision-ledger.js';
import { issueOrder, orderHistory, replyToOrder, type Order } from '../../src/store/supervision.js';
import type { Actor } from '../../src/store/util.js';
import { DIALECTS, makeStore, type TestStore } from './harness.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'attachments');
const admin: Actor = { id: null, username: 'fgj-admin', role: 'admin', unitId: null };
const env: Actor = { id: null, username: 'env', role: 'reporter', unitId: 'sthj' };
const env2: Actor = { id: null, username: 'env-2', role: 'reporter', unitId: 'sthj' };

describe.each(DIALECTS)('attachments of supervision orders on %s', (dialect) => {
  let t: TestStore;
  let order: Order;
  beforeAll(async () => {
    t = await makeStore(dialect);
    order = await issueOrder(t.store.db, admin, 'xiuzhou-14th', {
      subjectType: 'other',
      subjectName: '扬尘整治',
      unitId: 'sthj',
      requirement: '报送整改方案',
      deadline: '2099-03-20',
      level: 'order',
    });
  });
  afterAll(async () => t.cleanup());

  it('keeps the bytes in the database and reads them back exactly, from another connection too', async () => {
    const pdf = readFileSync(join(FIXTURES, '整改方案.pdf'));
    const png = readFileSync(join(FIXTURES, '现场照片.png'));
    const a = await saveAttachment(t.store.db, admin, order, 'order', { ...checkAttachment(pdf, '整改方案.pdf'), data: pdf });
    const b = await saveAttachment(t.store.db, env, order, 'reply', { ...checkAttachment(png, 'C:\\照片\\现场照片.png'), data: png });
    expect(a).toMatchObject({ fileName: '整改方案.pdf', kind: 'pdf', mime: 'application/pdf', size: pdf.length, purpose: 'order' });
    expect(b).toMatchObject({ fileName: '现场照片.png', kind: 'png', replyId: null, uploadedBy: 'env', unitId: 'sthj' });
    // Every byte value survives the round trip through bytea / blob.
    const all = Buffer.concat([png, Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
    const c = await saveAttachment(t.store.db, env, order, 'reply', { ...checkAttachment(all, '全字节.png'), data: all });
    const { openStore } = await import('../../src/store/index.js');
    const other = await openStore(t.options);
    try {
      expect((await readAttachment(other.db, a.id))!.data.equals(pdf)).toBe(true);
      expect((await readAttachment(other.db, c.id))!.data.equals(all)).toBe(true);
    } finally {
      await other.close();
    }
    // A reply's file not yet sent is listed for its uploader only; the order's own for everyone.
    expect((await listAttachments(t.store.db, [order.id])).map((x) => x.id)).toEqual([a.id]);
    expect((await listAttachments(t.store.db, [order.id], 'env')).map((x) => x.id)).toEqual([a.id, b.id, c.id]);
    const history = await orderHistory(t.store.db, order.id);
    expect(history.filter((h) => h.action === 'supervision.attach').map((h) => (h.after as { fileName: string }).fileName)).toEqual([
      '整改方案.pdf',
      '现场照片.png',
      '全字节.png',
    ]);
  });

  it('a reply takes its author’s files only, once; the ledger lists them with the reply', async () => {
    const db = t.store.db;
    const files = await listAttachments(db, [order.id], 'env');
    const [own, mine] = [files.find((f) => f.purpose === 'order')!, files.find((f) => f.fileName === '现场照片.png')!];
    // Another user of the unit cannot send env's file, nor anyone the order's own file.
    await expect(replyToOrder(db, env2, order.id, { measures: 'm', progress: 'p', attachmentIds: [mine.id] })).rejects.toThrow(
      '有附件不属于本督办单',
    );
    await expect(replyToOrder(db, env, order.id, { measures: 'm', progress: 'p', attachmentIds: [own.id] })).rejects.toThrow(
      '有附件不属于本督办单',
    );
    // Nothing half-written: the refused replies left no reply and took no file.
    expect((await planLedger(db, 'xiuzhou-14th'))!.rows[0]!.replies).toEqual([]);
    await replyToOrder(db, env, order.id, { measures: '方案已报', progress: '见附件', attachmentIds: [mine.id] });
    await expect(replyToOrder(db, env, order.id, { measures: 'm', progress: 'p', attachmentIds: [mine.id] })).rejects.toThrow(
      '已随其他反馈提交',
    );
    const row = (await planLedger(db, 'xiuzhou-14th'))!.rows.find((r) => r.order.id === order.id)!;
    expect(row.files.map((f) => f.fileName)).toEqual(['整改方案.pdf']);
    expect(row.replies).toHaveLength(1);
    expect(row.replies[0]!.attachments.map((f) => f.fileName)).toEqual(['现场照片.png']);
  });
});
