/**
 * The same plan in the forms it is published in: a Word document with table 2-1 as a real table
 * (merged category cells, row 27 broken over a page), the PDF LibreOffice prints from it, a web
 * page, and the text renumbered 第一篇/第1章. Each reads into the same plan as the seed text.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDraft } from '../../../src/importers/plan-document/draft.js';
import { documentBlocks, readPlanDocument } from '../../../src/importers/plan-document/read.js';
import { expectChapters, expectColumns, expectTable21, fixtures, matchTaskTargets, planShape, root, seedPath } from './expected.js';

const read = async (path: string): Promise<{ format: string; draft: PlanDraft }> =>
  readPlanDocument(readFileSync(path), { id: 'xiuzhou-import', file: path.split('/').at(-1)! });

let seed: PlanDraft;
beforeAll(async () => {
  seed = (await read(seedPath)).draft;
});

function expectSamePlan(d: PlanDraft): void {
  expectTable21(d);
  expectChapters(d);
  expectColumns(d);
  expect(matchTaskTargets(d).matched.length).toBeGreaterThanOrEqual(50);
  expect(planShape(d)).toEqual(planShape(seed));
}

describe('variants of the plan document', () => {
  it('reads the Word document, table 2-1 from its merged cells and the row continued on the next page', async () => {
    const { format, draft } = await read(join(fixtures, 'xiuzhou-14th.docx'));
    expect(format).toBe('docx');
    expectSamePlan(draft);
    // Rows keep their table cell: table 1, row and column.
    const row27 = draft.indicators.find((i) => i.id === '27.1')!;
    expect(row27.source.where).toMatch(/^表格1 第\d+行 第3列$/);
    expect(draft.indicators.find((i) => i.id === '2')!.category).toBe('经济发展');
  });

  it('reads the web page as saved from the government site, without its navigation and footer', async () => {
    const { format, draft } = await read(join(fixtures, 'xiuzhou-14th.html'));
    expect(format).toBe('html');
    expectSamePlan(draft);
    expect(JSON.stringify(draft.chapters)).not.toContain('主办单位');
  });

  it('reads the text renumbered 第一篇 … 第1章 … 第1节', async () => {
    const { draft } = await read(join(fixtures, 'xiuzhou-14th-parts.txt'));
    expect(draft.chapters.map((c) => c.part)).toEqual([
      ...Array(2).fill('总体要求'),
      ...Array(4).fill('动力活力'),
      ...Array(2).fill('城乡生态'),
      ...Array(4).fill('民生安全'),
    ]);
    const { chapters: _c, ...rest } = planShape(draft) as Record<string, unknown>;
    const { chapters: _s, ...seedRest } = planShape(seed) as Record<string, unknown>;
    expect(rest).toEqual(seedRest);
    expectTable21(draft);
    expectChapters(draft);
    expect(draft.chapters.map((c) => c.sections.map((s) => s.paragraphs))).toEqual(
      seed.chapters.map((c) => c.sections.map((s) => s.paragraphs)),
    );
  });

  const have = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
  const canPrint = have('soffice') && have('pdftoppm') && have('pdfinfo');
  const work = mkdtempSync(join(tmpdir(), 'planwatch-intake-pdf-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // Skipped only outside CI: .ci/run installs LibreOffice, so there a missing printer fails.
  it.skipIf(!canPrint && !process.env.CI)(
    'reads the PDF printed from the Word document, table 2-1 rebuilt from the text positions',
    { timeout: 180_000 },
    async () => {
      execFileSync('bash', [join(root, 'scripts/render-report.sh'), join(fixtures, 'xiuzhou-14th.docx'), work, 'plan', '12'], {
        timeout: 150_000,
      });
      const pdf = readFileSync(join(work, 'plan.pdf'));
      const { blocks } = await documentBlocks(pdf, 'plan.pdf');
      const table = blocks.find((b) => b.kind === 'table')!;
      expect(table.kind).toBe('table');
      // Row 27 is printed over two pages (its name's first half on one, the rest under the header
      // repeated on the next) and read back as one row.
      const pages = execFileSync('pdftotext', ['-layout', join(work, 'plan.pdf'), '-'], { encoding: 'utf8' }).split('\f');
      const pageOf = (line: RegExp): number => pages.findIndex((p) => line.test(p));
      const first = pageOf(/^\s*27\s+居民人均可支配\s/m);
      expect(first).toBeGreaterThan(0);
      expect(pageOf(/^\s*收入年均增长\s+农村\s*6\.8/m)).toBe(first + 1);
      // The header's long headings are printed over two lines, its one-line headings between them,
      // and each category in the middle of its rows (经济发展 between rows 3 and 4, not on row 1's line).
      const page1 = pages[first]!;
      expect(page1).toMatch(/^\s*一级\s+2020\s*年\s+2025\s*年\s+指标\s*$/m);
      expect(page1).toMatch(/^\s*序号\s+二级指标\s+单位\s*$/m);
      expect(page1).toMatch(/^\s*3\s+一般公共预算收入.*\n\s*经济发展\s*\n\s*4\s+常住人口城镇化率/m);
      expect(page1).toMatch(/^\s*1\s+地区生产总值/m);
      const rows = table.kind === 'table' ? table.rows : [];
      expect(rows[0]!.map((c) => c.text)).toEqual(['一级指标', '序号', '二级指标', '单位', '2020年完成', '2025年目标', '指标属性']);
      // Rebuilt from the positions: each category at the first row it spans, over the rows it spans.
      const categories = rows.slice(1).flatMap((r) => (r[0]!.src.col === 1 ? [[r[0]!.text, r[1]!.text, r[0]!.rowSpan ?? 1]] : []));
      expect(categories).toEqual([
        ['经济发展', '1', 5],
        ['科技创新', '6', 4],
        ['改革开放', '10', 2],
        ['文化发展', '12', 2],
        ['生态环境', '14', 7],
        ['区域治理', '21', 2],
        ['社会民生', '23', 12],
        ['安全保障', '35', 3],
      ]);
      const row27 = table.kind === 'table' ? table.rows.find((r) => r.some((c) => c.text === '27'))! : [];
      expect(row27.map((c) => c.text)).toContain('居民人均可支配收入年均增长');
      expect(row27.map((c) => c.text)).toContain('城镇4.2、农村6.8');
      const { format, draft } = await readPlanDocument(pdf, { id: 'xiuzhou-import', file: 'plan.pdf' });
      expect(format).toBe('pdf');
      expectSamePlan(draft);
      expect(draft.indicators[0]!.source.where).toMatch(/^第\d+页 表格1 第\d+行 第3列$/);
    },
  );
});
