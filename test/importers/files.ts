/**
 * Builders for the files the import tests read: workbooks written with exceljs, CSV in GB18030,
 * and zip containers written byte by byte so that a test can make them lie.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { PlanSchema, withSettings, type Plan } from '../../src/core/model.js';

export async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let gbk: Map<string, number[]> | undefined;

/**
 * Node has no GB18030 encoder, only the decoder; decoding every two-byte GBK code once gives the
 * reverse table, which covers every Chinese character a statistics table uses.
 */
export function encodeGb18030(text: string): Buffer {
  if (!gbk) {
    gbk = new Map();
    const dec = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(Uint8Array.from([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbk.has(ch)) gbk.set(ch, [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbk.get(ch);
      if (!bytes) throw new Error(`「${ch}」不在 GBK 中`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

export interface ZipPart {
  name: string;
  content: Buffer;
  /** Uncompressed size written in the headers; defaults to the real one. */
  declaredSize?: number;
  /** Bytes inserted after this entry's data, outside any entry. */
  junkAfter?: Buffer;
}

/** A zip container (APPNOTE.TXT §4.3) with deflated entries, no data descriptors. */
export function zipFile(parts: ZipPart[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const data = deflateRawSync(p.content);
    const size = p.declaredSize ?? p.content.length;
    const crc = crc32(p.content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(8, 10);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(data.length, 20);
    cen.writeUInt32LE(size, 24);
    cen.writeUInt16LE(name.length, 28);
    cen.writeUInt32LE(offset, 42);
    central.push(cen, name);
    chunks.push(local, name, data, ...(p.junkAfter ? [p.junkAfter] : []));
    offset += local.length + name.length + data.length + (p.junkAfter?.length ?? 0);
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, cd, eocd]);
}

/** The parts that make a zip look like a workbook to a reader that checks names only. */
export const WORKBOOK_PARTS: ZipPart[] = [
  { name: '[Content_Types].xml', content: Buffer.from('<?xml version="1.0"?><Types/>') },
  { name: 'xl/workbook.xml', content: Buffer.from('<?xml version="1.0"?><workbook/>') },
];

/** A 2020–2025 plan of `n` indicators named 指标1 … 指标n, ids 1 … n. */
export function largePlan(n: number): Plan {
  return withSettings(
    PlanSchema.parse({
      meta: {
        id: 'large',
        title: '大型测试规划',
        shortTitle: '大型',
        region: '测试区',
        baseYear: 2020,
        targetYear: 2025,
        categories: ['经济发展'],
      },
      indicators: Array.from({ length: n }, (_, k) => ({
        id: String(k + 1),
        no: k + 1,
        category: '经济发展',
        name: `指标${k + 1}`,
        unit: '亿元',
        base: 100,
        target: '200',
      })),
    }),
  );
}
