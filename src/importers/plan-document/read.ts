/**
 * Reads a plan document from outside: the format is told from the bytes, never the name (.docx,
 * .pdf, .html as saved from a government site, plain text); a file over the size limit is refused
 * before it is read, a zip container is checked by the zip guard before anything is inflated, and
 * anything else (an old .doc, an image, binary data) is refused with the file named.
 */
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DEFAULT_LIMITS, ImportError, type ImportLimits } from '../sheet-reader.js';
import { buildDraft } from './build-draft.js';
import type { PlanDraft } from './draft.js';
import { docxBlocks, docxXml } from './read-docx.js';
import { htmlBlocks } from './read-html.js';
import { pdfBlocks } from './read-pdf.js';
import { readTextBlocks } from './read-text.js';
import { DocumentError, joinContinuedTables, type Block } from './source.js';

export type DocumentFormat = 'docx' | 'pdf' | 'html' | 'txt';

/** Plan documents are larger than spreadsheets (a 300-page outline with pictures). */
export const DOCUMENT_LIMITS: ImportLimits = { ...DEFAULT_LIMITS, maxBytes: 100 * 1024 * 1024, maxUncompressedBytes: 400 * 1024 * 1024 };

const MB = 1024 * 1024;

function startsWith(data: Buffer, bytes: number[]): boolean {
  return data.length >= bytes.length && bytes.every((b, i) => data[i] === b);
}

/** Text in UTF-8 or GB18030; `prefix` when the bytes may end inside a character. */
function decode(data: Buffer, prefix = false): string | undefined {
  for (const enc of ['utf-8', 'gb18030']) {
    try {
      const text = new TextDecoder(enc, { fatal: true }).decode(data, { stream: prefix });
      // eslint-disable-next-line no-control-regex
      return /[\u0000-\u0008\u000b\u000e-\u001f]/.test(text) ? undefined : text;
    } catch {
      // try the next encoding
    }
  }
  return undefined;
}

export function detectFormat(data: Buffer, file: string): DocumentFormat {
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04]) || startsWith(data, [0x50, 0x4b, 0x05, 0x06])) return 'docx';
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0]))
    throw new DocumentError(file, '是旧版 Word 文档（.doc），请在 Word 或 WPS 中另存为 .docx 后再导入');
  const text = decode(data.subarray(0, 64 * 1024), true);
  if (text === undefined && data.length > 0) throw new DocumentError(file, '不是规划文档（.docx、.pdf、网页或文本文件）');
  if (/^\s*(<!doctype html|<html|<\?xml[^>]*>\s*<html)/i.test(text ?? '') || /<body[\s>]/i.test(text ?? '')) return 'html';
  return 'txt';
}

export async function documentBlocks(
  data: Buffer,
  file: string,
  limits: ImportLimits = DOCUMENT_LIMITS,
): Promise<{ format: DocumentFormat; blocks: Block[] }> {
  if (data.length > limits.maxBytes)
    throw new DocumentError(file, `文件过大（${(data.length / MB).toFixed(1)} MB），上限为 ${limits.maxBytes / MB} MB`);
  const format = detectFormat(data, file);
  let blocks: Block[];
  try {
    if (format === 'docx') blocks = docxBlocks(await docxXml(data, file, limits), file);
    else if (format === 'pdf') blocks = await pdfBlocks(data, file);
    else {
      const text = decode(data);
      if (text === undefined) throw new DocumentError(file, '文本无法按 UTF-8 或 GB18030 解码');
      blocks = format === 'html' ? htmlBlocks(text) : readTextBlocks(text);
    }
  } catch (e) {
    if (e instanceof ImportError) throw new DocumentError(file, e.issues.map((i) => i.message).join('；'));
    throw e;
  }
  if (!blocks.length) throw new DocumentError(file, '文档中没有可读的文字');
  return { format, blocks: joinContinuedTables(blocks) };
}

/** A plan document on disk, refused by its size before a byte of it is read. */
export async function readDocumentFile(path: string, limits: ImportLimits = DOCUMENT_LIMITS): Promise<Buffer> {
  const file = basename(path);
  const info = await stat(path).catch(() => {
    throw new DocumentError(file, '文件不存在或无法读取');
  });
  if (!info.isFile()) throw new DocumentError(file, '不是文件');
  if (info.size > limits.maxBytes)
    throw new DocumentError(file, `文件过大（${(info.size / MB).toFixed(1)} MB），上限为 ${limits.maxBytes / MB} MB，未读取`);
  const fh = await open(path, 'r');
  try {
    return await fh.readFile();
  } finally {
    await fh.close();
  }
}

export async function readPlanDocument(
  data: Buffer,
  opts: { id: string; file: string; limits?: ImportLimits },
): Promise<{ format: DocumentFormat; draft: PlanDraft }> {
  const { format, blocks } = await documentBlocks(data, opts.file, opts.limits);
  return { format, draft: buildDraft(blocks, opts) };
}

/** A draft with nothing to monitor is not a plan: refused with what the reader could not find. */
export function assertPlanFound(draft: PlanDraft, file: string): void {
  if (draft.indicators.length) return;
  throw new DocumentError(file, `不像是一份规划文档：${(draft.meta.flags ?? ['未找到主要指标表']).join('；')}`);
}
