/** What a file is, decided from its bytes (never its name), and the encodings of text tables. */

export const MB = 1024 * 1024;
export const fmtMb = (n: number): string => `${Number((n / MB).toFixed(1))} MB`;

export function startsWith(data: Buffer, bytes: number[]): boolean {
  return data.length >= bytes.length && bytes.every((b, i) => data[i] === b);
}

/** Known non-spreadsheet formats, named so the message tells the user what they picked. */
export const FOREIGN_FORMATS: { magic: number[]; what: string }[] = [
  { magic: [0x25, 0x50, 0x44, 0x46], what: 'PDF 文档' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'PNG 图片' },
  { magic: [0xff, 0xd8, 0xff], what: 'JPEG 图片' },
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'GIF 图片' },
  { magic: [0x52, 0x61, 0x72, 0x21], what: 'RAR 压缩包' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: '7z 压缩包' },
  { magic: [0x1f, 0x8b], what: 'gzip 压缩文件' },
];
export const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
export const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];

export const NOT_A_TABLE = '不是 .xlsx 或 .csv 文件';

export function decodeText(data: Buffer): string | undefined {
  let text: string;
  if (startsWith(data, [0xef, 0xbb, 0xbf])) text = new TextDecoder('utf-8').decode(data.subarray(3));
  else if (startsWith(data, [0xff, 0xfe])) text = new TextDecoder('utf-16le').decode(data.subarray(2));
  else if (startsWith(data, [0xfe, 0xff])) text = new TextDecoder('utf-16be').decode(data.subarray(2));
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      // Chinese Excel saves 「CSV (逗号分隔)」 in the ANSI code page, i.e. GBK, a subset of GB18030.
      try {
        text = new TextDecoder('gb18030', { fatal: true }).decode(data);
      } catch {
        return undefined;
      }
    }
  }
  // Control characters other than tab and line breaks do not occur in a text table.
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) ? undefined : text;
}
