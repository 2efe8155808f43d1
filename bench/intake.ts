/**
 * Plan intake: a plan document read into a draft (zip checked, XML parsed, every finder run),
 * beside the bare work the reading cannot avoid — inflating word/document.xml and parsing its XML
 * with the same parser into callbacks that keep nothing — on the same document in the same run. Two documents: the
 * seed as .docx (test/fixtures/plan-document) and a synthetic plan of about 300 pages (the seed's
 * prose over 20 chapters, a table 2-1, 专栏 with targets). Each runs in its own child process, so
 * the peak memory is the document's own. Medians of warm runs, in CPU time.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { Parser } from 'htmlparser2';
import { DOCUMENT_LIMITS, readPlanDocument } from '../src/importers/plan-document/read.js';
import { guardZip } from '../src/importers/sheet/index.js';

const RUNS = 9;
const fixture = new URL('../test/fixtures/plan-document/xiuzhou-14th.docx', import.meta.url).pathname;
// The seed as published, shipped byte for byte as the plan's source.
const seed = new URL('../src/plans/xiuzhou-14th/source/outline.txt', import.meta.url).pathname;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** About 300 pages: the seed's paragraphs cycled through 20 chapters × 8 sections, with a table and boxes. */
export async function syntheticPlan(path: string): Promise<number> {
  const prose = readFileSync(seed, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 80);
  const cn = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  const num = (n: number): string => (n <= 10 ? cn[n - 1]! : n < 20 ? `十${cn[n - 11]!}` : `二十${n === 20 ? '' : cn[n - 21]!}`);
  const body: (Paragraph | Table)[] = [new Paragraph('某某市某某区国民经济和社会发展第十五个五年规划和二〇三五年远景目标纲要')];
  const cell = (t: string): TableCell => new TableCell({ children: [new Paragraph(t)] });
  let chars = 0;
  let k = 0;
  for (let c = 1; c <= 20; c++) {
    body.push(new Paragraph(`${num(c)}、第${c}章的标题`));
    for (let s = 1; s <= 8; s++) {
      body.push(new Paragraph(`(${num(s)})第${c}章第${s}节`));
      if (c === 2 && s === 3) {
        body.push(new Paragraph('2-1 某某区“十五五”经济社会发展主要指标'));
        const rows = [
          new TableRow({ children: ['一级指标', '序号', '二级指标', '单位', '2025年完成', '2030年目标', '指标属性'].map(cell) }),
        ];
        for (let r = 1; r <= 40; r++)
          rows.push(
            new TableRow({
              children: [r % 5 === 1 ? '经济发展' : '', String(r), `第${r}项指标`, '亿元', `${100 + r}`, `${200 + r}以上`, '预期性'].map(
                cell,
              ),
            }),
          );
        body.push(new Table({ rows }));
      }
      if (s === 4) {
        body.push(new Paragraph(`专栏${c}:第${c}章的重点工程`));
        for (let i = 1; i <= 6; i++)
          body.push(new Paragraph(`${i}.第${i}项工程。新建污水管网${10 * i}公里,新增充电桩${100 * i}个,打造${i}个示范基地。`));
      }
      for (let p = 0; p < 12; p++) {
        const text = prose[k++ % prose.length]!;
        chars += text.length;
        body.push(new Paragraph({ children: [new TextRun(text)] }));
      }
    }
  }
  writeFileSync(path, await Packer.toBuffer(new Document({ sections: [{ children: body }] })));
  return chars;
}

/** The measured part, run inside the child: one document. */
async function child(path: string): Promise<void> {
  const data = readFileSync(path);
  const entries = await guardZip(data, path, DOCUMENT_LIMITS, { part: 'word/document.xml', what: 'Word' });
  const e = entries.find((x) => x.name === 'word/document.xml')!;
  const bare = (): void => {
    const xml = inflateRawSync(data.subarray(e.dataStart, e.dataStart + e.compressedSize)).toString('utf8');
    // The parse delivers every tag with its attributes and every text, to callbacks that keep nothing.
    const parser = new Parser({ onopentag() {}, ontext() {}, onclosetag() {} }, { xmlMode: true, decodeEntities: true });
    parser.write(xml);
    parser.end();
  };
  let indicators = 0;
  const full = async (): Promise<void> => {
    indicators = (await readPlanDocument(data, { id: 'bench', file: 'plan.docx' })).draft.indicators.length;
  };
  bare();
  await full();
  const bareMs: number[] = [];
  const readMs: number[] = [];
  // CPU time of this process, not the wall clock: on a machine shared with other work the
  // scheduler's pauses would otherwise land on whichever side happened to be running.
  const cpuMs = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  for (let i = 0; i < RUNS; i++) {
    let t = cpuMs();
    bare();
    bareMs.push(cpuMs() - t);
    t = cpuMs();
    await full();
    readMs.push(cpuMs() - t);
  }
  const r = median(readMs);
  const b = median(bareMs);
  process.stdout.write(
    JSON.stringify({
      readMs: Math.round(r),
      bareMs: Math.round(b * 10) / 10,
      ratio: Math.round((r / b) * 100) / 100,
      indicators,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

export async function benchIntake(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-intake-'));
  try {
    const big = join(dir, 'synthetic-300-pages.docx');
    const chars = await syntheticPlan(big);
    const measure = (path: string): Record<string, number> =>
      JSON.parse(
        execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, path], {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        }),
      ) as Record<string, number>;
    const s = measure(fixture);
    const p = measure(big);
    return {
      seedReadMs: s.readMs!,
      seedBareMs: s.bareMs!,
      seedRatio: s.ratio!,
      seedIndicators: s.indicators!,
      bigChars: chars,
      bigReadMs: p.readMs!,
      bigBareMs: p.bareMs!,
      bigRatio: p.ratio!,
      bigIndicators: p.indicators!,
      bigPeakRssMb: p.peakRssMb!,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] && process.argv[1] === new URL(import.meta.url).pathname) await child(process.argv[2]);
