import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { checkAttachment, sanitiseFileName } from '../../src/importers/attachment-file.js';

const pdf = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'attachments', '整改方案.pdf'));

describe('attachment files: the type from the bytes, the name made safe', () => {
  it('tells Word, Excel, OFD and plain zip files apart by their parts, and wants the matching extension', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('整改方案')] }] }));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('进展').addRow(['月份', '完成']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const zip = await new JSZip().file('照片/1.jpg', 'x').generateAsync({ type: 'nodebuffer' });
    const ofd = await new JSZip().file('OFD.xml', '<ofd:OFD/>').generateAsync({ type: 'nodebuffer' });
    expect(checkAttachment(docx, '整改方案.docx')).toMatchObject({ kind: 'docx', size: docx.length });
    expect(checkAttachment(xlsx, '进展表.XLSX').kind).toBe('xlsx');
    expect(checkAttachment(zip, '照片.zip').kind).toBe('zip');
    expect(checkAttachment(ofd, '批复.ofd')).toMatchObject({ kind: 'ofd', mime: 'application/ofd' });
    expect(checkAttachment(pdf, '方案.pdf').kind).toBe('pdf');
    expect(() => checkAttachment(docx, '整改方案.zip')).toThrow('「整改方案.zip」的内容是Word 文档，与扩展名 .zip 不符；请以 .docx 上传');
    expect(() => checkAttachment(xlsx, '进展表')).toThrow('「进展表」没有扩展名；其内容是Excel 工作簿，请以 .xlsx 上传');
    expect(() => checkAttachment(Buffer.from('PK\x03\x04broken'), '坏.zip')).toThrow('「坏.zip」的 ZIP 结构异常');
  });

  it('keeps the last path segment, without control or reserved characters, at most 120 characters', () => {
    expect(sanitiseFileName('C:\\Users\\科员\\整改方案.pdf')).toBe('整改方案.pdf');
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('a\u0000b<c>:"d|e?*.pdf')).toBe('a_b_c___d_e__.pdf');
    expect(sanitiseFileName('  ..隐藏.pdf. ')).toBe('隐藏.pdf');
    expect(sanitiseFileName('.pdf', 'pdf')).toBe('附件.pdf');
    const long = sanitiseFileName(`${'长'.repeat(300)}.docx`);
    expect([...long]).toHaveLength(120);
    expect(long.endsWith('长.docx')).toBe(true);
  });
});
