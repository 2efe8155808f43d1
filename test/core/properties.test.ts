import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateIndicator, timeShare } from '../../src/core/evaluate.js';
import type { StatusCode, VerdictCode } from '../../src/core/labels.js';
import { NotationError, parseTarget } from '../../src/core/notation.js';
import { level, planWith } from './fixtures.js';

const STATUS_RANK: Partial<Record<StatusCode, number>> = {
  seriouslyLagging: 0,
  lagging: 1,
  slightlyBehind: 2,
  onTrack: 3,
  ahead: 4,
  achieved: 5,
};
const VERDICT_RANK: Partial<Record<VerdictCode, number>> = { notCompleted: 0, basicallyCompleted: 1, completed: 2 };

const money = fc.double({ min: 1, max: 10_000, noNaN: true, noDefaultInfinity: true });
const share = fc.double({ min: 0, max: 1, noNaN: true, noDefaultInfinity: true });

/** A level indicator with a base and a different target, a year inside the period and a value. */
const scenario = fc
  .record({
    base: money,
    target: money,
    comparator: fc.constantFrom('', '以上', '以下'),
    year: fc.integer({ min: 2021, max: 2024 }),
    value: money,
    step: share,
  })
  .filter((s) => Math.abs(s.target - s.base) > 1e-3 * s.base)
  // 以上 on a falling target or 以下 on a rising one contradicts itself; plans don't write that.
  .filter((s) => (s.comparator === '以上' ? s.target > s.base : s.comparator === '以下' ? s.target < s.base : true));

function rounded(n: number): string {
  return String(Number(n.toFixed(3)));
}

describe('invariants of the evaluation', () => {
  it('moving a value toward its target never worsens its status', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const target = Number(rounded(s.target));
        const plan = planWith([{ base: s.base, target: `${target}${s.comparator}`, name: target < s.base ? '指标降低' : '指标' }]);
        const ind = plan.indicators[0]!;
        const closer = s.value + (target - s.value) * s.step;
        const before = evaluateIndicator(plan, ind, [level('1', s.year, s.value)], { year: s.year });
        const after = evaluateIndicator(plan, ind, [level('1', s.year, closer)], { year: s.year });
        expect(STATUS_RANK[after.status!]).toBeGreaterThanOrEqual(STATUS_RANK[before.status!]!);
      }),
      { numRuns: 500 },
    );
  });

  it('moving the final value toward its target never worsens its verdict', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const target = Number(rounded(s.target));
        const plan = planWith([{ base: s.base, target: `${target}${s.comparator}`, name: target < s.base ? '指标降低' : '指标' }]);
        const ind = plan.indicators[0]!;
        const closer = s.value + (target - s.value) * s.step;
        const before = evaluateIndicator(plan, ind, [level('1', 2025, s.value)], { year: 2025, final: true });
        const after = evaluateIndicator(plan, ind, [level('1', 2025, closer)], { year: 2025, final: true });
        expect(VERDICT_RANK[after.verdict!]).toBeGreaterThanOrEqual(VERDICT_RANK[before.verdict!]!);
      }),
      { numRuns: 500 },
    );
  });

  it('a later year with the same value never looks better (the schedule moves on)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const plan = planWith([{ base: s.base, target: rounded(s.target) }]);
        const ind = plan.indicators[0]!;
        const early = evaluateIndicator(plan, ind, [level('1', s.year, s.value)], { year: s.year });
        const late = evaluateIndicator(plan, ind, [level('1', s.year + 1, s.value)], { year: s.year + 1 });
        expect(STATUS_RANK[late.status!]).toBeLessThanOrEqual(STATUS_RANK[early.status!]!);
      }),
      { numRuns: 300 },
    );
  });

  it('completion is 0 at the base and 1 at the target, and time share runs 0 → 1', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const plan = planWith([{ base: s.base, target: rounded(s.target) }]);
        const ind = plan.indicators[0]!;
        const t = Number(rounded(s.target));
        expect(evaluateIndicator(plan, ind, [level('1', s.year, s.base)], { year: s.year }).figures.completion).toBeCloseTo(0, 9);
        expect(evaluateIndicator(plan, ind, [level('1', s.year, t)], { year: s.year }).figures.completion).toBeCloseTo(1, 9);
        const tau = timeShare(s.year, 2020, 2025);
        expect(tau).toBeGreaterThan(0);
        expect(tau).toBeLessThan(1);
      }),
    );
  });

  it('every result carries a rule and an explanation; no input makes evaluation throw', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.array(
          fc.record({
            year: fc.integer({ min: 2015, max: 2030 }),
            value: fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
          }),
          { maxLength: 8 },
        ),
        (s, values) => {
          const plan = planWith([{ base: s.base, target: rounded(s.target) }]);
          const r = evaluateIndicator(
            plan,
            plan.indicators[0]!,
            values.map((v) => level('1', v.year, v.value)),
            { year: s.year },
          );
          expect(r.rule.id).toBeTruthy();
          expect(typeof r.explain()).toBe('string');
          expect(r.status).toBeDefined();
        },
      ),
    );
  });

  it('the notation parser either reads a text or throws a NotationError quoting it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        try {
          const t = parseTarget(text);
          expect(t.written).toBe(text);
        } catch (e) {
          expect(e).toBeInstanceOf(NotationError);
          expect((e as Error).message).toContain(`「${text}」`);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
