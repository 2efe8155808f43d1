import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/harness.js';
import { countRows, makeApi, multipart, type TestApi } from './harness.js';

const P = '/api/v1/plans/xiuzhou-14th';
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'attachments');
const pdf = readFileSync(join(FIXTURES, '整改方案.pdf'));
const png = readFileSync(join(FIXTURES, '现场照片.png'));

describe.each(DIALECTS)('attachments of supervision orders through the API on %s', (dialect) => {
  let api: TestApi;
  let url = '';
  const files = (): Promise<number> => countRows(api.t, 'supervision_attachments');
  const upload = (who: 'admin' | 'reporter' | 'otherReporter' | 'anonymous', name: string, data: Buffer, purpose = 'reply') => {
    const m = multipart(name, data);
    return api[who].request('POST', `${url}/attachments?purpose=${purpose}`, m.payload, m.headers);
  };

  beforeAll(async () => {
    api = await makeApi(dialect);
    const o = await api.admin.request('POST', `${P}/supervision-orders`, {
      subjectType: 'other',
      subjectName: '扬尘专项整治',
      unitId: 'sthj',
      requirement: '报送整改方案和现场照片',
      deadline: '2099-06-30',
    });
    expect(o.statusCode).toBe(200);
    url = `${P}/supervision-orders/${o.json().id}`;
  });
  afterAll(async () => api.cleanup());

  it('uploads a reply’s file, sends it with the reply, and downloads the same bytes with the UTF-8 name', async () => {
    const up = await upload('reporter', '整改方案.pdf', pdf);
    expect(up.statusCode).toBe(201);
    const file = up.json();
    expect(file).toMatchObject({ fileName: '整改方案.pdf', kind: 'pdf', mime: 'application/pdf', size: pdf.length, purpose: 'reply' });
    // Until the reply is sent the file is its uploader's alone.
    expect((await api.reporter.request('GET', file.url)).statusCode).toBe(200);
    expect((await api.admin.request('GET', file.url)).statusCode).toBe(404);
    const replied = await api.reporter.request('POST', `${url}/replies`, {
      measures: '专项整治',
      progress: '见附件',
      attachmentIds: [file.id],
    });
    expect(replied.statusCode).toBe(200);
    expect(replied.json().replies[0].attachments.map((a: { id: string }) => a.id)).toEqual([file.id]);

    const got = await api.admin.request('GET', file.url);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="attachment-${file.id.slice(0, 8)}.pdf"; filename*=UTF-8''${encodeURIComponent('整改方案.pdf')}`,
    );
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    // Who may see the order may download its files; another unit and the public may not.
    expect((await api.leader.request('GET', file.url)).rawPayload.equals(pdf)).toBe(true);
    expect((await api.otherReporter.request('GET', file.url)).statusCode).toBe(403);
    expect((await api.anonymous.request('GET', file.url)).statusCode).toBe(401);
    // A file is downloaded through its own order only.
    const other = await api.admin.request('POST', `${P}/supervision-orders`, {
      subjectType: 'other',
      subjectName: '另一事项',
      unitId: 'sthj',
      requirement: 'x',
      deadline: '2099-06-30',
    });
    expect((await api.admin.request('GET', file.url.replace(url, `${P}/supervision-orders/${other.json().id}`))).statusCode).toBe(404);
  });

  it('the admin attaches files to the order itself; the upload is in the order’s history with its link', async () => {
    const up = await upload('admin', '../../附件/现场 照片?.png', png, 'order');
    expect(up.statusCode).toBe(201);
    expect(up.json().fileName).toBe('现场 照片_.png');
    expect((await upload('reporter', '现场照片.png', png, 'order')).statusCode).toBe(403);
    expect((await upload('admin', '现场照片.png', png, 'reply')).statusCode).toBe(403);
    expect((await upload('otherReporter', '现场照片.png', png)).statusCode).toBe(403);
    expect((await upload('anonymous', '现场照片.png', png)).statusCode).toBe(401);
    const detail = (await api.reporter.request('GET', url)).json();
    expect(detail.files.map((f: { fileName: string }) => f.fileName)).toEqual(['现场 照片_.png']);
    const steps = detail.history.filter((h: { action: string }) => h.action === 'supervision.attach');
    expect(steps.map((h: { username: string; attachment: { fileName: string } }) => `${h.username}:${h.attachment.fileName}`)).toEqual([
      'env:整改方案.pdf',
      'admin:现场 照片_.png',
    ]);
    expect((await api.reporter.request('GET', steps[1].attachment.url)).rawPayload.equals(png)).toBe(true);
  });

  it('refuses other types, renamed files and oversize files with a clear message, writing nothing', async () => {
    const before = await files();
    const cases: [string, Buffer, number, string][] = [
      ['通知.pdf', Buffer.from('<html><script>alert(1)</script></html>'), 415, '「通知.pdf」不是允许的附件类型；允许 .pdf、.docx'],
      ['照片.pdf', png, 415, '「照片.pdf」的内容是PNG 图片，与扩展名 .pdf 不符；请以 .png 上传'],
      ['setup.exe', Buffer.from('MZ\x90\x00\x03'), 415, '「setup.exe」不是允许的附件类型'],
      ['旧方案.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 415, '请另存为 .docx / .xlsx 后再上传'],
      ['空.pdf', Buffer.alloc(0), 400, '「空.pdf」是空文件'],
      ['大文件.pdf', Buffer.concat([pdf, Buffer.alloc(21 * 1024 * 1024)]), 413, '「大文件.pdf」超过每个附件 20 MB 的上限，未保存'],
    ];
    for (const [name, data, status, message] of cases) {
      const res = await upload('reporter', name, data);
      expect([name, res.statusCode]).toEqual([name, status]);
      expect(res.json().error.message).toContain(message);
    }
    expect(await files()).toBe(before);
  });

  it('refuses files on a closed order', async () => {
    await api.admin.request('POST', `${url}/accept`, {});
    const res = await upload('admin', '现场照片.png', png, 'order');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('已销号的督办单不能再上传附件');
  });
});
