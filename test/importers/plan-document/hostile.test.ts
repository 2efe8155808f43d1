/** Documents that are not plans, or are built to hurt: refused with the file named, nothing written. */
import { existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/main.js';
import { readDocumentFile, readPlanDocument } from '../../../src/importers/plan-document/read.js';

const work = mkdtempSync(join(tmpdir(), 'planwatch-intake-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function planImport(file: string): Promise<{ code: number; err: string; out: string }> {
  const out = join(work, `out-${Math.random().toString(36).slice(2)}`);
  let err = '';
  const code = await run(['plan-import', file, '--id', 'hostile', '--out', out], { out: () => {}, err: (s) => (err += s) });
  // Nothing is written for a refused document.
  expect(existsSync(out)).toBe(false);
  return { code, err, out };
}

/** A one-page PDF that draws a rectangle and holds no text, as a scan without OCR does. */
function pdfWithoutText(): Buffer {
  const content = '0 0 1 rg 100 100 200 200 re f';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

describe('hostile and broken plan documents', () => {
  it('refuses a file that is not a document, an old .doc and a zip that is not a Word document', async () => {
    const png = join(work, '规划.docx');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe, 0x00, 0x01]));
    const r = await planImport(png);
    expect(r.code).toBe(1);
    expect(r.err).toContain('规划.docx');
    expect(r.err).toContain('不是规划文档');

    const doc = join(work, 'old.doc');
    writeFileSync(doc, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    expect((await planImport(doc)).err).toContain('另存为 .docx');

    const zip = new JSZip();
    zip.file('notes.txt', '不是 Word 文档');
    const notDocx = join(work, 'notes.docx');
    writeFileSync(notDocx, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect((await planImport(notDocx)).err).toMatch(/notes\.docx: .*不是 Word 文档/);
  });

  it('refuses a zip bomb before inflating it', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', ' '.repeat(64 * 1024 * 1024));
    const bomb = join(work, 'bomb.docx');
    writeFileSync(bomb, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } }));
    const r = await planImport(bomb);
    expect(r.code).toBe(1);
    expect(r.err).toContain('bomb.docx');
    expect(r.err).toContain('ZIP 炸弹');
  });

  it('refuses a 2 GB file by its size, before reading a byte of it', async () => {
    const huge = join(work, 'huge.pdf');
    writeFileSync(huge, '');
    truncateSync(huge, 2 * 1024 ** 3); // sparse: takes no disk space
    await expect(readDocumentFile(huge)).rejects.toThrow(/huge\.pdf: 文件过大（2048\.0 MB），上限为 100 MB，未读取/);
    const r = await planImport(huge);
    expect(r.code).toBe(1);
    expect(r.err).toContain('文件过大');
  });

  it('refuses a PDF without a text layer', async () => {
    const scan = join(work, 'scan.pdf');
    writeFileSync(scan, pdfWithoutText());
    await expect(readPlanDocument(pdfWithoutText(), { id: 'x', file: 'scan.pdf' })).rejects.toThrow(/scan\.pdf: PDF 中没有文字层/);
    expect((await planImport(scan)).err).toContain('没有文字层');
  });

  it('refuses a document in which no plan can be found, naming what is missing', async () => {
    const { draft } = await readPlanDocument(Buffer.from('会议通知\n\n请各单位准时参加。\n'), { id: 'x', file: 'notice.txt' });
    expect(draft.meta.flags).toEqual(
      expect.arrayContaining([expect.stringContaining('未找到主要指标表'), expect.stringContaining('未找到章节标题')]),
    );
    const notice = join(work, 'notice.txt');
    writeFileSync(notice, '会议通知\n\n请各单位准时参加。\n');
    const r = await planImport(notice);
    expect(r.code).toBe(1);
    expect(r.err).toContain('未找到主要指标表');
  });
});
