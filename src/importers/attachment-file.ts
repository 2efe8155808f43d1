/**
 * Files attached to supervision orders and replies (整改方案, photos of the site, minutes): what a
 * file is decided from its bytes, and the extension must agree with them, so a renamed program or a
 * web page is refused whatever it is called. Office files and OFD are zip containers told apart by
 * the part that makes them what they are; the container is only read, never inflated here.
 */
import { MB, fmtMb, startsWith, EMPTY_ZIP_MAGIC, OLE_MAGIC, ZIP_MAGIC } from './sheet/format.js';
import { readZipDirectory, ZipProblem } from './sheet/zip-guard.js';

/** Per file: a scan of a signed document or a few photos fit, a video does not. */
export const ATTACHMENT_MAX_BYTES = 20 * MB;

export const ATTACHMENT_KIND = {
  pdf: { what: 'PDF 文档', mime: 'application/pdf', ext: ['pdf'] },
  docx: { what: 'Word 文档', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: ['docx'] },
  xlsx: { what: 'Excel 工作簿', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: ['xlsx'] },
  pptx: { what: 'PowerPoint 演示文稿', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: ['pptx'] },
  // 版式文档 (GB/T 33190), what government offices sign and send.
  ofd: { what: 'OFD 版式文档', mime: 'application/ofd', ext: ['ofd'] },
  jpg: { what: 'JPEG 图片', mime: 'image/jpeg', ext: ['jpg', 'jpeg'] },
  png: { what: 'PNG 图片', mime: 'image/png', ext: ['png'] },
  zip: { what: 'ZIP 压缩包', mime: 'application/zip', ext: ['zip'] },
} as const;
export type AttachmentKind = keyof typeof ATTACHMENT_KIND;

export const ALLOWED_EXTENSIONS = Object.values(ATTACHMENT_KIND).flatMap((k) => [...k.ext]);
const ALLOWED_TEXT = ALLOWED_EXTENSIONS.map((e) => `.${e}`).join('、');

export class AttachmentError extends Error {
  constructor(
    readonly code: 'attachmentType' | 'attachmentTooLarge' | 'attachmentEmpty',
    message: string,
  ) {
    super(message);
    this.name = 'AttachmentError';
  }
}

/** Parts that make a zip container an Office document or an OFD file. */
const ZIP_PARTS: [string, AttachmentKind][] = [
  ['word/document.xml', 'docx'],
  ['xl/workbook.xml', 'xlsx'],
  ['ppt/presentation.xml', 'pptx'],
  ['OFD.xml', 'ofd'],
];

function sniff(data: Buffer, name: string): AttachmentKind {
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(data, ZIP_MAGIC) || startsWith(data, EMPTY_ZIP_MAGIC)) {
    let names: Set<string>;
    try {
      names = new Set(readZipDirectory(data).map((e) => e.name));
    } catch (e) {
      if (e instanceof ZipProblem) throw new AttachmentError('attachmentType', `「${name}」的 ZIP 结构异常（${e.message}），未保存`);
      throw e;
    }
    return ZIP_PARTS.find(([part]) => names.has(part))?.[1] ?? 'zip';
  }
  if (startsWith(data, OLE_MAGIC))
    throw new AttachmentError('attachmentType', `「${name}」是旧版 Office 文件（.doc / .xls），请另存为 .docx / .xlsx 后再上传`);
  throw new AttachmentError('attachmentType', `「${name}」不是允许的附件类型；允许 ${ALLOWED_TEXT}，按文件内容判断`);
}

const extOf = (name: string): string => /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? '';

/**
 * The name a file is kept and offered under: the last path segment only (browsers on Windows send
 * `C:\…\name`), without control characters or the characters Windows refuses in names, at most 120
 * characters with the extension kept. Chinese is kept as typed (NFC).
 */
export function sanitiseFileName(raw: string, kind?: AttachmentKind): string {
  const last = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  let name = last
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim();
  // A name that is only an extension (「.pdf」) keeps it behind a word; leading dots would hide the file.
  const bare = /^\.+([A-Za-z0-9]{1,8})$/.exec(name)?.[1];
  name = bare ? `附件.${bare}` : name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  const ext = extOf(name);
  if (!name) name = `附件${kind ? `.${ATTACHMENT_KIND[kind].ext[0]}` : ''}`;
  if ([...name].length > 120) {
    const suffix = ext ? `.${ext}` : '';
    name = [...name.slice(0, name.length - suffix.length)].slice(0, 120 - suffix.length).join('') + suffix;
  }
  return name;
}

export interface CheckedAttachment {
  fileName: string;
  kind: AttachmentKind;
  mime: string;
  size: number;
}

/** Checks an uploaded file: not empty, within the size limit, of an allowed type by its bytes, named for what it is. */
export function checkAttachment(data: Buffer, rawName: string): CheckedAttachment {
  const fileName = sanitiseFileName(rawName);
  if (data.length === 0) throw new AttachmentError('attachmentEmpty', `「${fileName}」是空文件，未保存`);
  if (data.length > ATTACHMENT_MAX_BYTES)
    throw new AttachmentError(
      'attachmentTooLarge',
      `「${fileName}」有 ${fmtMb(data.length)}，超过每个附件 ${fmtMb(ATTACHMENT_MAX_BYTES)} 的上限，未保存`,
    );
  const kind = sniff(data, fileName);
  const k = ATTACHMENT_KIND[kind];
  const ext = extOf(fileName);
  if (!(k.ext as readonly string[]).includes(ext))
    throw new AttachmentError(
      'attachmentType',
      ext
        ? `「${fileName}」的内容是${k.what}，与扩展名 .${ext} 不符；请以 .${k.ext[0]} 上传`
        : `「${fileName}」没有扩展名；其内容是${k.what}，请以 .${k.ext[0]} 上传`,
    );
  return { fileName: sanitiseFileName(fileName, kind), kind, mime: k.mime, size: data.length };
}
