import { describe, expect, it } from 'vitest';
import { inferDirection, NotationError, normalizeNotation, parseTarget } from '../../src/core/notation.js';

describe('parseTarget: every form of domain.md §2', () => {
  it('reads a plain level', () => {
    expect(parseTarget('700')).toEqual({ kind: 'level', value: 700, comparator: 'reach', written: '700' });
  });
  it('reads floors, ceilings and bands', () => {
    expect(parseTarget('93以上')).toMatchObject({ kind: 'level', value: 93, comparator: 'atLeast' });
    expect(parseTarget('27以下')).toMatchObject({ kind: 'level', value: 27, comparator: 'atMost' });
    expect(parseTarget('75左右')).toMatchObject({ kind: 'level', value: 75, comparator: 'about' });
  });
  it('reads a cumulative total in brackets, full-width too', () => {
    expect(parseTarget('[2.7]')).toMatchObject({ kind: 'cumulative', total: 2.7, comparator: 'reach' });
    expect(parseTarget('［3314］')).toMatchObject({ kind: 'cumulative', total: 3314 });
  });
  it('reads a cumulative change', () => {
    expect(parseTarget('5(累计)')).toMatchObject({ kind: 'cumulativeChange', total: 5 });
    expect(parseTarget('5（累计）')).toMatchObject({ kind: 'cumulativeChange', total: 5 });
  });
  it('reads 「7以上」 on a 年均增长 row as a growth floor, not a level', () => {
    expect(parseTarget('7以上', { name: '全员劳动生产率年均增长' })).toMatchObject({ kind: 'growth', ratePct: 7, comparator: 'atLeast' });
    expect(parseTarget('7以上', { name: '全员劳动生产率' })).toMatchObject({ kind: 'level', value: 7 });
  });
  it('reads growth columns: % is a rate, a bare number is a yearly increment, 个百分点 are points', () => {
    expect(parseTarget('7%', { column: 'growth' })).toMatchObject({ kind: 'growth', ratePct: 7, comparator: 'reach' });
    expect(parseTarget('-6.50%', { column: 'growth' })).toMatchObject({ kind: 'growth', ratePct: -6.5 });
    expect(parseTarget('0.21', { column: 'growth' })).toMatchObject({ kind: 'yearlyChange', amount: 0.21 });
    expect(parseTarget('0.54个百分点', { column: 'growth' })).toMatchObject({ kind: 'yearlyChange', amount: 0.54 });
    expect(parseTarget('0.54个百分点')).toMatchObject({ kind: 'yearlyChange', amount: 0.54 });
  });
  it('reads yearly-plan growth targets', () => {
    expect(parseTarget('增长7.5%左右', { column: 'annual' })).toMatchObject({ kind: 'growth', ratePct: 7.5, comparator: 'about' });
    expect(parseTarget('下降3%', { column: 'annual' })).toMatchObject({ kind: 'growth', ratePct: -3 });
  });
  it('reads relational targets', () => {
    expect(parseTarget('高于地区生产总值年均增长')).toMatchObject({ kind: 'relational', relation: 'above', ref: '地区生产总值' });
    expect(parseTarget('与地区生产总值年均增长基本同步')).toMatchObject({ kind: 'relational', relation: 'sync', ref: '地区生产总值' });
    // The web text of table 2-1 lost 「与」; the meaning is the same.
    expect(parseTarget('地区生产总值年均增长基本同步')).toMatchObject({ kind: 'relational', relation: 'sync', ref: '地区生产总值' });
  });
  it('reads targets assigned by the higher level', () => {
    expect(parseTarget('完成上级下达目标')).toMatchObject({ kind: 'assigned' });
    expect(parseTarget('完成上级下达指标')).toMatchObject({ kind: 'assigned' });
  });
  it('reads a base target with a stretch target, keeping both', () => {
    expect(parseTarget('700, 力争800')).toMatchObject({ kind: 'level', value: 700, stretch: 800 });
    expect(parseTarget('700，力争800')).toMatchObject({ kind: 'level', value: 700, stretch: 800 });
    expect(parseTarget('13, 力争15')).toMatchObject({ kind: 'level', value: 13, stretch: 15 });
  });
  it('keeps the text exactly as written', () => {
    expect(parseTarget(' 93 以上 ').written).toBe(' 93 以上 ');
    expect(normalizeNotation('９３ 以上')).toBe('93以上');
  });
  it('refuses what it cannot read, quoting the text', () => {
    for (const bad of ['', '大幅提高', '700亿元左右吧', '[abc]', '力争800']) {
      expect(() => parseTarget(bad)).toThrow(NotationError);
    }
    expect(() => parseTarget('大幅提高')).toThrow(/「大幅提高」/);
  });
});

describe('inferDirection', () => {
  it('takes the notation first', () => {
    expect(inferDirection('PM2.5平均浓度', parseTarget('93以上'))).toBe('up');
    expect(inferDirection('优良天数比率', parseTarget('27以下'))).toBe('down');
    expect(inferDirection('城乡收入比', parseTarget('1.5左右'))).toBe('band');
  });
  it('then the name', () => {
    for (const name of [
      '城镇登记失业率',
      '亿元地区生产总值生产安全事故死亡率',
      '儿童青少年总体近视率降低',
      '细颗粒物(PM2.5)平均浓度',
      '单位地区生产总值能源消耗降低',
      '城乡收入比',
    ]) {
      expect(inferDirection(name, parseTarget('3.5'))).toBe('down');
    }
    expect(inferDirection('地区生产总值', parseTarget('700'))).toBe('up');
  });
  it('lets the plan file override', () => {
    expect(inferDirection('耕地保有量', parseTarget('44.47'), 'keep')).toBe('keep');
  });
});

describe('the message for unreadable notation', () => {
  it('quotes the text and offers examples that are themselves valid notation', () => {
    let message = '';
    try {
      parseTarget('九十一');
    } catch (e) {
      expect(e).toBeInstanceOf(NotationError);
      message = (e as Error).message;
    }
    expect(message).toContain('「九十一」');
    const examples = [...message.matchAll(/「([^」]+)」/g)].map((m) => m[1]!).filter((x) => x !== '九十一');
    expect(examples.length).toBeGreaterThanOrEqual(5);
    for (const x of examples) expect(() => parseTarget(x), x).not.toThrow();
  });
});
