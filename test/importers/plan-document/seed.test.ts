/** The seed text (one paragraph or table cell per line) read into a draft equal to the reviewed plan. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanDraft } from '../../../src/importers/plan-document/draft.js';
import { readPlanDocument } from '../../../src/importers/plan-document/read.js';
import { expectChapters, expectColumns, expectTable21, matchTaskTargets, reviewed, seedPath } from './expected.js';

let draft: PlanDraft;
beforeAll(async () => {
  draft = (await readPlanDocument(readFileSync(seedPath), { id: 'xiuzhou-import', file: 'xiuzhou-14th-fyp-outline.txt' })).draft;
});

describe('plan document reader on the seed text', () => {
  it('reads the title, region, level, years and publication date', () => {
    const { source, flags, ...meta } = draft.meta;
    expect(flags).toBeUndefined();
    expect(source.where).toMatch(/^第\d+行$/);
    expect(meta).toMatchObject({
      title: '嘉兴市秀洲区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要',
      shortTitle: '秀洲区“十四五”规划纲要',
      region: '嘉兴市秀洲区',
      level: 'county',
      baseYear: 2020,
      targetYear: 2025,
      visionYear: 2035,
      published: '2021-05-21',
      categories: ['经济发展', '科技创新', '改革开放', '文化发展', '生态环境', '区域治理', '社会民生', '安全保障'],
    });
    expect(meta.notes.join()).toContain('标★的为省、市对应指标');
  });

  it('reads all 37 rows of table 2-1 and the sub-rows of row 27 as the reviewers did, flagging what is not printed', () => {
    expectTable21(draft);
    expect(draft.indicators).toHaveLength(38);
    // Every row keeps the line it was read from.
    const row1 = draft.indicators[0]!;
    expect(row1.source.text).toBe('地区生产总值');
    expect(readFileSync(seedPath, 'utf8').split('\n')[row1.source.ref.line! - 1]!.trim()).toBe('地区生产总值');
    // Rows the reviewers completed are flagged, the others not.
    const flagged = draft.indicators.filter((i) => i.flags?.length).map((i) => i.id);
    expect(flagged).toEqual(expect.arrayContaining(reviewed.indicators.filter((i) => i.unitFilled).map((i) => i.id)));
    expect(draft.indicators.find((i) => i.id === '1')!.flags).toBeUndefined();
  });

  it('reads the 12 chapters with their sections, and the prose under each', () => {
    expectChapters(draft);
    // The prose as printed: where the reviewers put back a character the web text lost (「在」
    // 「加」), the printed paragraph is theirs with that character missing.
    const asPrinted = (printed: string, theirs: string): boolean => {
      let k = 0;
      for (const ch of theirs) if (ch === printed[k]) k++;
      return k === printed.length && theirs.length - printed.length <= 2;
    };
    for (const r of reviewed.chapters) {
      const chapter = draft.chapters.find((c) => c.id === r.id)!;
      expect(chapter.paragraphs.length, r.id).toBe(r.paragraphs.length);
      chapter.paragraphs.forEach((p, k) => expect(asPrinted(p, r.paragraphs[k]!), `${r.id} ¶${k + 1}`).toBe(true));
      for (const s of r.sections) {
        const got = chapter.sections.find((x) => x.id === s.id)!.paragraphs;
        expect(got.length, s.id).toBe(s.paragraphs.length);
        got.forEach((p, k) => expect(asPrinted(p, s.paragraphs[k]!), `${s.id} ¶${k + 1}`).toBe(true));
      }
    }
  });

  it('reads the 13 专栏 with their items and the section each stands in', () => {
    expectColumns(draft);
    // 专栏2's items read like paragraphs: its title counts them (「两核」), so it ends after two and
    // the two paragraphs after it are the section's prose again, as the reviewers kept them.
    const box2 = draft.columns.find((c) => c.no === 2)!;
    expect(box2.items.map(({ name, text }) => ({ name, text }))).toEqual(
      reviewed.columns.find((c) => c.no === 2)!.items.map(({ name, text }) => ({ name, text })),
    );
    expect(box2.flags!.join()).toContain('专栏到何处结束需审核');
    expect(box2.flags!.join()).toContain('标题称「两核」：取前2条');
    const s41 = draft.chapters.find((c) => c.id === '4')!.sections.find((s) => s.id === '4.1')!.paragraphs;
    expect(s41.map((p) => p.split('。')[0])).toEqual(['高标准打造创新创业主体平台', '集成力量建设协同创新平台', '择优做精科技孵化载体']);
  });

  it('finds at least 50 of the 58 reviewed task targets, and lists the rest for the reviewer', () => {
    const m = matchTaskTargets(draft);
    expect(reviewed.taskTargets).toHaveLength(58);
    expect(m.matched.length).toBeGreaterThanOrEqual(50);
    expect(m.lost).toEqual([]);
    const phd = draft.taskTargets.find((t) => t.quote === '新引进博士500名以上')!;
    expect(phd).toMatchObject({ sectionId: '4.2', columnId: 'col-3', target: '[500]', unit: '名' });
    expect(draft.unread.map((u) => u.quote)).toContain('实现企业平均办事时间缩短一半');
    // Nothing from the review of the 13th period (「由2015年的…增长至…」) is taken for a target.
    expect(draft.taskTargets.filter((t) => t.sectionId.startsWith('1.'))).toEqual([]);
  });

  it('reads the projects named in the 专栏 and the zones, towns and streets of the spatial layout', () => {
    const names = draft.projects.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['闻川运河古城', '嘉兴市有机废弃物综合处理项目', '污染地块修复工程', '“五馆一剧院”工程']));
    expect(draft.projects.find((p) => p.name === '闻川运河古城')).toMatchObject({
      category: 'culture',
      columnId: 'col-7',
      sectionIds: ['5.3'],
    });
    const units = Object.fromEntries(draft.orgUnits.map((o) => [o.name, o]));
    expect(Object.keys(units)).toEqual(
      expect.arrayContaining([
        '嘉兴市秀洲区',
        '秀水新区',
        '国家高新区',
        '空港新区',
        '油车港镇',
        '王江泾镇',
        '新城街道',
        '高照街道',
        '新塍镇',
        '洪合镇',
        '王店镇',
        '秀洲国家高新区',
      ]),
    );
    expect(units['新城街道']).toMatchObject({ kind: 'street', parentId: units['国家高新区']!.id });
    expect(units['王店镇']).toMatchObject({ kind: 'town', parentId: units['空港新区']!.id });
    expect(draft.projects.find((p) => p.name === '闻川运河古城')!.townId).toBe(units['王江泾镇']!.id);
  });
});
