/**
 * The comparisons every kind of target shares: time share, the progress ladders with the plan's δ,
 * whether a value meets a target (the 左右 band, 基本完成's margin) and the two international
 * second opinions. Every threshold is a plan setting (domain.md); none is a literal here.
 */
import type { Direction, Settings } from '../model.js';
import type { StatusCode, UnsdBand } from '../labels.js';
import type { Figures, Rule } from './types.js';
import { growthLadderWords, scheduleLadderWords, type LadderWords } from './words.js';

export const EPS = 1e-9;

export function timeShare(year: number, baseYear: number, targetYear: number): number {
  return (year - baseYear) / (targetYear - baseYear);
}

type Step = keyof LadderWords;
type Ladder = Record<Step, { status: StatusCode; rule: Rule }>;

/** Rules are the same words for every indicator of a plan: written once per δ, not per result. */
function memoByDelta(words: (delta: number) => LadderWords): (delta: number) => Ladder {
  const made = new Map<number, Ladder>();
  return (delta) => {
    let l = made.get(delta);
    if (!l) {
      const w = words(delta);
      l = {
        ahead: { status: 'ahead', rule: w.ahead },
        onTrack: { status: 'onTrack', rule: w.onTrack },
        slightlyBehind: { status: 'slightlyBehind', rule: w.slightlyBehind },
        lagging: { status: 'lagging', rule: w.lagging },
        seriouslyLagging: { status: 'seriouslyLagging', rule: w.seriouslyLagging },
      };
      made.set(delta, l);
    }
    return l;
  };
}

const scheduleLadder = memoByDelta(scheduleLadderWords);
const growthLadder = memoByDelta(growthLadderWords);

/** domain.md §3: p against τ with the plan's δ. */
export function scheduleStatus(p: number, tau: number, delta: number): { status: StatusCode; rule: Rule } {
  const l = scheduleLadder(delta);
  if (p >= tau + delta - EPS) return l.ahead;
  if (p >= tau - EPS) return l.onTrack;
  if (p >= tau - delta - EPS) return l.slightlyBehind;
  if (p > EPS) return l.lagging;
  return l.seriouslyLagging;
}

/** Growth targets are judged on the ratio of the realised to the target rate (q = r / g). */
export function growthStatus(q: number, delta: number): { status: StatusCode; rule: Rule } {
  const l = growthLadder(delta);
  if (q >= 1 + delta - EPS) return l.ahead;
  if (q >= 1 - EPS) return l.onTrack;
  if (q >= 1 - delta - EPS) return l.slightlyBehind;
  if (q > EPS) return l.lagging;
  return l.seriouslyLagging;
}

/** Whether a level meets a level target, following the comparator and the direction. */
export function levelMet(
  value: number,
  t: { value: number; comparator: string; high?: number },
  direction: Direction,
  s: Settings,
  bound?: 'atLeast' | 'atMost',
): boolean {
  const tol = (Math.abs(t.value) * s.bandTolerancePct) / 100;
  let cmp = t.comparator;
  if (cmp === 'reach') cmp = direction === 'down' ? 'atMost' : direction === 'band' ? 'about' : 'atLeast';
  if (cmp === 'about') return bound === undefined && Math.abs(value - t.value) <= tol + EPS;
  if (cmp === 'between') return bound === undefined && value >= t.value - EPS && value <= (t.high ?? t.value) + EPS;
  if (cmp === 'atMost') return bound !== 'atLeast' && value <= t.value + EPS;
  return bound !== 'atMost' && value >= t.value - EPS;
}

/** Whether a realised rate meets a rate target (growth % or yearly change). */
export function rateMet(actual: number, target: number, comparator: string, direction: Direction, s: Settings, high?: number): boolean {
  if (comparator === 'between') return actual >= target - EPS && actual <= (high ?? target) + EPS;
  if (comparator === 'about') return Math.abs(actual - target) <= (Math.abs(target) * s.bandTolerancePct) / 100 + EPS;
  const lower = comparator === 'atMost' || (comparator === 'reach' && direction === 'down');
  return lower ? actual <= target + EPS : actual >= target - EPS;
}

/** 基本完成: within the plan's basicCompletionPct of the target. */
export function withinBasic(actual: number, target: number, s: Settings): boolean {
  if (target === 0) return false;
  return Math.abs(actual - target) / Math.abs(target) <= s.basicCompletionPct / 100 + EPS;
}

/** The Open SDG ratio of observed to required CAGR, with its band, into `f`. */
export function sdg(cagrObs: number, cagrReq: number, direction: Direction, s: Settings, f: Figures): void {
  if (Math.abs(cagrReq) < EPS) return;
  const sign = direction === 'down' ? -1 : 1;
  const ratio = (sign * cagrObs) / Math.abs(cagrReq);
  const a = s.sdgBands[0];
  const b = s.sdgBands[1];
  const c = s.sdgBands[2];
  f.sdgRatio = ratio;
  f.sdgBand = ratio >= a ? 'onTrack' : ratio >= b ? 'accelerate' : ratio >= c ? 'limited' : 'deterioration';
}

/** The UNSD projected-level ratio's band. */
export function unsd(A: number, s: Settings): UnsdBand {
  const a = s.unsdBands[0];
  const b = s.unsdBands[1];
  return A >= a ? 'onTrack' : A >= b ? 'fair' : 'stagnation';
}
