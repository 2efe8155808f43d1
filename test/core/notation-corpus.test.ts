/**
 * The notation corpus (issue 14 §1): real target texts as plans print them — table 2-1 and the
 * task targets of the Xiuzhou 14th plan, table 1-1 of its 13th plan, the national 14th-plan table,
 * the national 15th outline as reported, the yearly government work reports and other published
 * plans — each with its source and the reading it must get, asserted figure by figure. Then the
 * forms of domain.md §2 that no text above happens to use, and the ambiguous texts that must be
 * refused with their readings listed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NotationError, normalizeNotation, parseTarget, rowContext, type PeriodTotal } from '../../src/core/notation.js';

interface Entry {
  text: string;
  source: string;
  row: { name: string; unit: string; column: 'target' | 'growth' | 'annual'; base: number | null; periodTotal?: PeriodTotal };
  reading: Record<string, unknown>;
}

const corpus = JSON.parse(readFileSync(new URL('./notation-corpus.json', import.meta.url), 'utf8')) as { entries: Entry[] };
const read = (e: Pick<Entry, 'text' | 'row'>) => parseTarget(e.text, rowContext(e.row, e.row.column));

describe('the notation corpus', () => {
  it('holds at least 120 distinct written targets, each with its source', () => {
    expect(new Set(corpus.entries.map((e) => e.text)).size).toBeGreaterThanOrEqual(120);
    for (const e of corpus.entries) expect(e.source.length, e.text).toBeGreaterThan(8);
  });

  it('reads every text as its source means it, figure by figure', () => {
    for (const e of corpus.entries) {
      const t = read(e) as unknown as Record<string, unknown>;
      const where = `${e.text}（${e.source}）`;
      expect(t.kind, where).toBe(e.reading.kind);
      for (const [k, v] of Object.entries(e.reading)) {
        if (typeof v === 'number') expect(t[k], `${where}: ${k}`).toBeCloseTo(v, 9);
        else expect(t[k], `${where}: ${k}`).toEqual(v);
      }
      // Nothing the reading does not state: no silent extra figure.
      for (const k of ['value', 'total', 'ratePct', 'amount', 'high', 'stretch'])
        if (!(k in e.reading)) expect(t[k], `${where}: ${k}`).toBeUndefined();
      expect(t.written).toBe(e.text);
    }
  });

  it('covers the forms the issue lists, in real texts', () => {
    const texts = corpus.entries.map((e) => e.text);
    const has = (re: RegExp) => texts.some((t) => re.test(t));
    for (const re of [/^>/, /^</, /以上$/, /以下$/, /以内$/, /不低于/, /达到/, /左右$/, /力争/, /至/, /〔|\[/, /个百分点/, /翻一番/])
      expect(has(re), String(re)).toBe(true);
    const kinds = new Set(corpus.entries.map((e) => e.reading.kind));
    for (const k of ['level', 'cumulative', 'cumulativeChange', 'growth', 'yearlyChange', 'relational', 'assigned', 'qualitative'])
      expect(kinds.has(k), k).toBe(true);
  });

  it('reads 「[x]」 by what the row adds up: yearly flows, an intensity’s reduction, a level’s change', () => {
    const total = (name: string, unit: string) => read({ text: '[1]', row: { name, unit, column: 'target', base: null } });
    expect(total('新增城镇就业', '万人')).toMatchObject({ kind: 'cumulative', total: 1 });
    expect(total('单位GDP能源消耗降低', '%')).toMatchObject({ kind: 'cumulative', compound: true });
    const life = total('人均预期寿命', '岁');
    expect(life).toMatchObject({ kind: 'cumulativeChange', total: 1 });
    // Not stated in the plan file: inferred, and the result says so.
    expect(life.kind === 'cumulativeChange' && life.inferred).toMatch(/未注明 periodTotal/);
    const stated = read({ text: '[1]', row: { name: '人均预期寿命', unit: '岁', column: 'target', base: null, periodTotal: 'flows' } });
    expect(stated).toMatchObject({ kind: 'cumulative', total: 1 });
  });
});

describe('forms of domain.md §2 beyond the corpus', () => {
  const row = (name: string, unit = '%', column: Entry['row']['column'] = 'target', base: number | null = null) => ({
    name,
    unit,
    column,
    base,
  });
  const cases: [string, ReturnType<typeof row>, Record<string, unknown>][] = [
    ['≥6.5', row('粮食综合生产能力', '亿吨'), { kind: 'level', value: 6.5, comparator: 'atLeast' }],
    ['≤5.5', row('城镇调查失业率'), { kind: 'level', value: 5.5, comparator: 'atMost' }],
    ['＞65', row('常住人口城镇化率'), { kind: 'level', value: 65, comparator: 'atLeast' }],
    ['＜5.5', row('城镇调查失业率'), { kind: 'level', value: 5.5, comparator: 'atMost' }],
    ['不高于27', row('细颗粒物平均浓度', '微克/立方米'), { kind: 'level', value: 27, comparator: 'atMost' }],
    ['不超过35', row('细颗粒物平均浓度', '微克/立方米'), { kind: 'level', value: 35, comparator: 'atMost' }],
    ['确保93以上', row('空气质量优良天数比率'), { kind: 'level', value: 93, comparator: 'atLeast' }],
    ['确保700，力争800', row('地区生产总值', '亿元'), { kind: 'level', value: 700, stretch: 800 }],
    ['6-6.5', row('地区生产总值增长'), { kind: 'growth', ratePct: 6, high: 6.5, comparator: 'between' }],
    ['6%—7%', row('地区生产总值', '亿元', 'growth'), { kind: 'growth', ratePct: 6, high: 7, comparator: 'between' }],
    ['60—65', row('常住人口城镇化率'), { kind: 'level', value: 60, high: 65, comparator: 'between' }],
    ['比2020年提高5个百分点', row('常住人口城镇化率'), { kind: 'cumulativeChange', total: 5 }],
    ['比2020年增长20%', row('居民人均可支配收入', '元', 'target', 50000), { kind: 'level', value: 60000, comparator: 'atLeast' }],
    ['高于全省平均增长', row('居民人均可支配收入增长'), { kind: 'relational', relation: 'above', ref: '全省平均' }],
  ];
  it.each(cases)('「%s」', (text, r, reading) => {
    expect(parseTarget(text, rowContext(r, r.column))).toMatchObject(reading);
  });
  it('folds full-width forms and 〔〕 brackets before reading', () => {
    expect(normalizeNotation('＞７')).toBe('>7');
    expect(normalizeNotation('〔13.5〕')).toBe('[13.5]');
  });
});

describe('ambiguous or unreadable texts are refused, quoting them and listing the readings', () => {
  const refusal = (text: string, r: Entry['row']): NotationError => {
    try {
      parseTarget(text, rowContext(r, r.column));
    } catch (e) {
      expect(e).toBeInstanceOf(NotationError);
      return e as NotationError;
    }
    throw new Error(`「${text}」 was read, not refused`);
  };
  it('「[5]」 on a row that says neither unit nor kind', () => {
    const e = refusal('[5]', { name: '研发投入强度', unit: '', column: 'target', base: null });
    expect(e.message).toContain('「[5]」');
    expect(e.readings).toHaveLength(3);
    expect(e.message).toMatch(/逐年数值之和.*强度五年累计降低.*水平值五年累计变化/);
  });
  it('「力争800」 with no main target', () => {
    const e = refusal('力争800', { name: '地区生产总值', unit: '亿元', column: 'target', base: null });
    expect(e.readings.length).toBeGreaterThanOrEqual(2);
    expect(e.message).toContain('「力争800」');
  });
  it('「翻一番」 without a base', () => {
    expect(refusal('翻一番', { name: '人均生产总值', unit: '万元', column: 'target', base: null }).message).toMatch(/基期值缺失/);
  });
  it('a range upside down, and words that are no target', () => {
    expect(refusal('7-6', { name: '增长', unit: '%', column: 'growth', base: null }).message).toMatch(/下限/);
    expect(refusal('大幅提高', { name: '研发投入', unit: '亿元', column: 'target', base: null }).message).toContain('「大幅提高」');
  });
});
