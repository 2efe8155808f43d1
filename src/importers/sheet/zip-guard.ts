/**
 * The zip container of a workbook checked before anything is inflated: entries, sizes, compression
 * ratios and structure, so a zip bomb is refused without unpacking it.
 */
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { ImportError, ImportLimits, ImportProgress } from './issues.js';
import { MB, fmtMb } from './format.js';

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  dataStart: number;
  /** The entry's bytes, for the part the caller asked to keep (inflated once, while checked). */
  inflated?: Buffer;
}

/** A structural reason to refuse a zip container. */
export class ZipProblem extends Error {}

// Far more than any workbook has; bounds the work spent on a hostile central directory.
const MAX_ZIP_ENTRIES = 10_000;
// Small parts (XML boilerplate) compress extremely well and cannot hurt; the ratio matters for big ones.
const RATIO_MIN_BYTES = MB;

const SIG = {
  eocd: 0x06054b50,
  z64Locator: 0x07064b50,
  z64Eocd: 0x06064b50,
  central: 0x02014b50,
  local: 0x04034b50,
  descriptor: 0x08074b50,
};

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipProblem('ZIP 目录中的数值超出范围');
  return Number(v);
}

/**
 * Reads the central directory (APPNOTE.TXT §4.3.16 and §4.3.12) without inflating anything, and
 * checks that the local entries tile the file exactly. The tiling matters because exceljs reads
 * the zip as a stream of local headers: bytes hidden between entries, or entries that overlap (the
 * "overlapping files" zip bomb), would be inflated although the directory never mentions them.
 */
export function readZipDirectory(buf: Buffer): ZipEntry[] {
  if (buf.length < 22) throw new ZipProblem('文件过短，不是完整的 ZIP 压缩包');
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === SIG.eocd && i + 22 + buf.readUInt16LE(i + 20) <= buf.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipProblem('找不到 ZIP 目录，文件可能不完整或已损坏');
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0 || buf.readUInt16LE(eocd + 8) !== buf.readUInt16LE(eocd + 10))
    throw new ZipProblem('不支持分卷 ZIP');
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  let cdLimit = eocd;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== SIG.z64Locator) throw new ZipProblem('ZIP64 目录定位记录缺失');
    const z = u64(buf, loc + 8);
    if (z + 56 > loc || buf.readUInt32LE(z) !== SIG.z64Eocd) throw new ZipProblem('ZIP64 目录记录损坏');
    count = u64(buf, z + 32);
    cdSize = u64(buf, z + 40);
    cdOffset = u64(buf, z + 48);
    cdLimit = z;
  }
  if (count > MAX_ZIP_ENTRIES) throw new ZipProblem(`ZIP 条目过多（${count}个）`);
  if (cdOffset + cdSize > cdLimit || count * 46 > cdSize) throw new ZipProblem('ZIP 目录位置或大小不正确');

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  const cdEnd = cdOffset + cdSize;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cdEnd || buf.readUInt32LE(p) !== SIG.central) throw new ZipProblem('ZIP 目录条目损坏');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    const nameEnd = p + 46 + nameLen;
    const extraEnd = nameEnd + extraLen;
    if (extraEnd + commentLen > cdEnd) throw new ZipProblem('ZIP 目录条目超出目录范围');
    const name = buf.toString('utf8', p + 46, nameEnd);
    for (let q = nameEnd; q + 4 <= extraEnd;) {
      const id = buf.readUInt16LE(q);
      const size = buf.readUInt16LE(q + 2);
      if (id === 0x0001) {
        // ZIP64 extended information: only the fields saturated in the fixed header, in this order.
        let f = q + 4;
        const take = (): number => {
          if (f + 8 > q + 4 + size) throw new ZipProblem(`条目「${name}」的 ZIP64 信息不完整`);
          const v = u64(buf, f);
          f += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localOffset === 0xffffffff) localOffset = take();
      }
      q += 4 + size;
    }
    if (flags & 1) throw new ZipProblem(`条目「${name}」已加密；请在 Excel 中取消密码后另存为 .xlsx`);
    entries.push({ name, flags, method, compressedSize, uncompressedSize, localOffset, dataStart: 0 });
    p = extraEnd + commentLen;
  }

  const sorted = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let expected = 0;
  sorted.forEach((e, i) => {
    const lh = e.localOffset;
    if (lh !== expected) throw new ZipProblem(`条目「${e.name}」的位置与目录不符（条目之间有多余或重叠的数据）`);
    if (lh + 30 > cdOffset || buf.readUInt32LE(lh) !== SIG.local) throw new ZipProblem(`条目「${e.name}」的本地文件头损坏`);
    const nameLen = buf.readUInt16LE(lh + 26);
    const extraLen = buf.readUInt16LE(lh + 28);
    if (buf.toString('utf8', lh + 30, lh + 30 + nameLen) !== e.name) throw new ZipProblem(`条目「${e.name}」的本地文件名与目录不符`);
    const hasDescriptor = (e.flags & 8) !== 0;
    if (!hasDescriptor) {
      const lc = buf.readUInt32LE(lh + 18);
      const lu = buf.readUInt32LE(lh + 22);
      if ((lc !== 0xffffffff && lc !== e.compressedSize) || (lu !== 0xffffffff && lu !== e.uncompressedSize))
        throw new ZipProblem(`条目「${e.name}」的本地文件头大小与目录不符`);
    }
    e.dataStart = lh + 30 + nameLen + extraLen;
    const dataEnd = e.dataStart + e.compressedSize;
    const next = i + 1 < sorted.length ? sorted[i + 1]!.localOffset : cdOffset;
    const gap = next - dataEnd;
    const descriptorOk =
      hasDescriptor &&
      (gap === 12 ||
        gap === 20 ||
        ((gap === 16 || gap === 24) && dataEnd + 4 <= buf.length && buf.readUInt32LE(dataEnd) === SIG.descriptor));
    if (gap !== 0 && !descriptorOk) throw new ZipProblem(`条目「${e.name}」之后有多余或重叠的数据`);
    expected = next;
  });
  if (sorted.length > 0 && expected !== cdOffset) throw new ZipProblem('ZIP 条目与目录之间有多余的数据');
  return entries;
}

/** Inflates one entry only to count its bytes, stopping as soon as it exceeds what it declared. */
function inflatedSize(data: Buffer, limit: number): Promise<{ size: number; consumed: number } | 'exceeded'> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let size = 0;
    let done = false;
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit && !done) {
        done = true;
        inflate.destroy();
        resolve('exceeded');
      }
    });
    inflate.on('end', () => {
      if (!done) resolve({ size, consumed: inflate.bytesWritten });
    });
    inflate.on('error', (e) => {
      if (!done) reject(e);
    });
    inflate.end(data);
  });
}

/** Inflates one entry at once, refused as soon as it exceeds what it declared. */
function inflateKept(data: Buffer, limit: number): { bytes: Buffer; consumed: number } | 'exceeded' {
  try {
    const r = inflateRawSync(data, { info: true, maxOutputLength: Math.max(1, limit) }) as unknown as {
      buffer: Buffer;
      engine: { bytesWritten: number };
    };
    return r.buffer.length > limit ? 'exceeded' : { bytes: r.buffer, consumed: r.engine.bytesWritten };
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return 'exceeded';
    throw e;
  }
}

/** Sheets in the workbook, counted from the container (exceljs reads `xl/worksheets/sheetN.xml`). */
export const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;

export function guardXlsx(data: Buffer, file: string, limits: ImportLimits, onProgress?: (p: ImportProgress) => void): Promise<ZipEntry[]> {
  return guardZip(data, file, limits, { part: 'xl/workbook.xml', what: 'Excel 工作簿（.xlsx）' }, onProgress);
}

/**
 * Checks a zip container that came from outside (directory, sizes, compression ratio, each
 * entry's real inflated size) before any of it is inflated for keeps; \`expect\` names the part
 * that makes it the kind of file wanted (a workbook, a Word document), and with `keep` its bytes
 * are handed back (`inflated`), so that the part is not inflated twice. Refusals are ImportErrors.
 */
export async function guardZip(
  data: Buffer,
  file: string,
  limits: ImportLimits,
  expect: { part: string; what: string; keep?: boolean },
  onProgress?: (p: ImportProgress) => void,
): Promise<ZipEntry[]> {
  const fail = (message: string): never => {
    throw new ImportError([{ file, message }]);
  };
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(data);
  } catch (e) {
    if (e instanceof ZipProblem) return fail(`ZIP 结构异常，已拒绝读取：${e.message}`);
    throw e;
  }
  if (!entries.some((e) => e.name === expect.part)) fail(`是 ZIP 压缩包，但不是 ${expect.what}`);
  const sheets = entries.filter((e) => SHEET_PART.test(e.name)).length;
  if (sheets > limits.maxSheets) fail(`工作表过多（${sheets}个），上限为${limits.maxSheets}个`);
  const total = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (total > limits.maxUncompressedBytes)
    fail(`解压后共 ${fmtMb(total)}，超过上限 ${fmtMb(limits.maxUncompressedBytes)}（疑似 ZIP 炸弹），已拒绝读取`);
  for (const e of entries) {
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize >= RATIO_MIN_BYTES && ratio > limits.maxCompressionRatio)
      fail(`条目「${e.name}」压缩比 ${Math.round(ratio)}:1，超过上限 ${limits.maxCompressionRatio}:1（疑似 ZIP 炸弹），已拒绝读取`);
    if (e.method !== 0 && e.method !== 8) fail(`条目「${e.name}」使用了不支持的压缩方式（${e.method}）`);
    if (e.method === 0 && e.compressedSize !== e.uncompressedSize) fail(`条目「${e.name}」的大小与目录不符`);
  }
  // The declared sizes are only claims: verify each against the real inflated size, counting and
  // discarding the output, before exceljs inflates anything for keeps.
  let checked = 0;
  const compressedTotal = entries.reduce((s, e) => s + e.compressedSize, 0);
  for (const e of entries) {
    const raw = data.subarray(e.dataStart, e.dataStart + e.compressedSize);
    const keep = expect.keep === true && e.name === expect.part;
    if (keep && e.method === 0) e.inflated = raw;
    if (e.method === 8) {
      let r: Awaited<ReturnType<typeof inflatedSize>>;
      try {
        // The kept part, and small parts (at most 1 MB is allocated), at once; large ones streamed.
        if (keep || e.uncompressedSize <= RATIO_MIN_BYTES) {
          const kept = inflateKept(raw, e.uncompressedSize);
          if (kept !== 'exceeded' && keep) e.inflated = kept.bytes;
          r = kept === 'exceeded' ? kept : { size: kept.bytes.length, consumed: kept.consumed };
        } else r = await inflatedSize(raw, e.uncompressedSize);
      } catch (err) {
        return fail(`条目「${e.name}」无法解压（${(err as Error).message}），文件可能已损坏`);
      }
      if (r === 'exceeded')
        fail(`条目「${e.name}」实际解压后超过其声明的 ${e.uncompressedSize} 字节（文件被篡改，疑似 ZIP 炸弹），已拒绝读取`);
      else if (r.consumed !== e.compressedSize) fail(`条目「${e.name}」的压缩数据之后有多余的字节，文件可能被篡改`);
    }
    checked += e.compressedSize;
    onProgress?.({ phase: 'check', done: checked, total: compressedTotal });
  }
  return entries;
}
