/**
 * Characters XML 1.0 forbids (U+FFFE, C0 controls, lone surrogates) never reach the store, from the
 * API or from a file, so the reports and spreadsheets that show the text open: read back with
 * jszip and exceljs, and opened by LibreOffice where it is installed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xmlSafe, xmlSafeDeep } from '../../src/core/text.js';
import { DIALECTS } from '../store/harness.js';
import { makeApi, multipart, type TestApi } from './harness.js';

const BAD = '\uFFFE\u0001\u000B\uD800\uFFFF\uDC00';
/** What a text file can carry (UTF-8 has no lone surrogates; control characters make it not a text file). */
const FILE_BAD = '\uFFFE\uFFFF';
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- the characters under test
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

describe('xmlSafe', () => {
  it('removes exactly the characters XML 1.0 forbids', () => {
    expect(xmlSafe(`a${BAD}b\t\n\r中文😀`)).toBe('ab\t\n\r中文😀');
    const query = Object.assign(Object.create(null) as Record<string, unknown>, { reason: `口径调整${BAD}` });
    expect(xmlSafeDeep({ list: [`x${BAD}`], query, n: 1 })).toEqual({ list: ['x'], query: { reason: '口径调整' }, n: 1 });
  });
});

describe.each(DIALECTS)('forbidden characters in input on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await makeApi(dialect);
  });
  afterAll(async () => api.cleanup());

  it('are removed from API bodies and imported files, and the .docx and .xlsx open', async () => {
    const saved = await api.reporter.request('POST', '/api/v1/plans/xiuzhou-14th/values', {
      indicatorId: '17',
      year: 2022,
      value: 93.5,
      note: `快报数${BAD}`,
      source: { title: `秀洲区生态环境状况公报${BAD}`, quote: `PM2.5${BAD}` },
      submit: true,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const { id } = saved.json() as { id: string };
    expect((await api.admin.request('POST', `/api/v1/values/${id}/approve`, {})).statusCode).toBe(200);
    const file = multipart(
      'values.csv',
      Buffer.from(`indicator,year,value,source_title,note\n17,2023,94.1,统计公报${FILE_BAD},初步核算${FILE_BAD}\n`),
    );
    const imported = await api.admin.request('POST', '/api/v1/plans/xiuzhou-14th/imports', file.payload, file.headers);
    expect(imported.statusCode, imported.body).toBe(200);

    const rows = await api.t.store.db.selectFrom('plan_values').select(['note', 'source_title', 'quote']).execute();
    expect(rows.some((r) => r.note === '快报数')).toBe(true);
    expect(rows.some((r) => r.source_title === '统计公报' && r.note === '初步核算')).toBe(true);
    for (const r of rows) for (const v of Object.values(r)) if (v) expect(FORBIDDEN.test(v), v).toBe(false);

    const docx = await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/reports/annual.docx?year=2022');
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(FORBIDDEN.test(xml)).toBe(false);
    expect(xml).toContain('秀洲区生态环境状况公报');

    const xlsx = await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/export.xlsx?year=2022');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => void cells.push(String(c.text))));
    expect(cells.some((c) => c.includes('秀洲区生态环境状况公报'))).toBe(true);

    if (soffice && dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'pw-xml-'));
      try {
        writeFileSync(join(dir, 'report.docx'), docx.rawPayload);
        writeFileSync(join(dir, 'table.xlsx'), xlsx.rawPayload);
        for (const f of ['report.docx', 'table.xlsx'])
          execFileSync(
            soffice,
            ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, f)],
            {
              timeout: 120_000,
              stdio: 'ignore',
            },
          );
        expect(
          readdirSync(dir)
            .filter((f) => f.endsWith('.pdf'))
            .sort(),
        ).toEqual(['report.pdf', 'table.pdf']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }, 240_000);
});
