/**
 * A deterministic synthetic set of observations (示例数据) so that a new user sees a filled
 * cockpit. Trajectories are chosen so that every status word occurs: ahead, on track, slightly
 * behind, lagging, seriously lagging, already achieved, plus a gap and an outlier. The values are
 * never real statistics and are always marked as demo.
 */
import type { Indicator, Observation, Plan } from './model.js';
import { inferDirection, parseTarget, rowContext, type Target } from './notation.js';
import { valueRange } from './quality.js';
import { taskTargetPlan } from './targets.js';

/** The word that marks demonstration data (in a file's first line, a row, a source or a note). */
export const DEMO_MARK = '示例数据';
export const DEMO_BANNER = '示例数据，非真实统计';

/** True when any of the texts carries the demonstration mark. */
export function hasDemoMark(...texts: (string | null | undefined)[]): boolean {
  return texts.some((t) => typeof t === 'string' && t.includes(DEMO_MARK));
}

export type DemoProfile = 'ahead' | 'onTrack' | 'slightlyBehind' | 'lagging' | 'seriouslyLagging' | 'achieved';
const PROFILES: DemoProfile[] = ['ahead', 'onTrack', 'slightlyBehind', 'lagging', 'seriouslyLagging', 'achieved'];

/** Completion reached in the last year, relative to that year's time share τ. */
function completionFor(profile: DemoProfile, tau: number): number {
  switch (profile) {
    case 'ahead':
      return Math.min(tau + 0.15, 0.98);
    case 'onTrack':
      return tau + 0.04;
    case 'slightlyBehind':
      return tau - 0.05;
    case 'lagging':
      return tau * 0.45;
    case 'seriouslyLagging':
      return -0.08;
    case 'achieved':
      return 1.08;
  }
}

/** Realised / target growth ratio per profile. */
const GROWTH_RATIO: Record<DemoProfile, number> = {
  ahead: 1.25,
  onTrack: 1.04,
  slightlyBehind: 0.95,
  lagging: 0.5,
  seriouslyLagging: -0.3,
  achieved: 1.04,
};
/** Points above the reference growth per profile (relational targets). */
const REL_OFFSET: Record<DemoProfile, number> = {
  ahead: 1.2,
  onTrack: 0.4,
  slightlyBehind: -0.3,
  lagging: -2,
  seriouslyLagging: -2,
  achieved: 0.4,
};

/** mulberry32: small, fast and the same everywhere for a given seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (v: number): number => Number(v.toPrecision(6));
const COUNTED = /^(个|家|名|人|位|件|张|所|座|条|处|项|台|辆|套|户|次)$/;

export interface DemoOptions {
  seed?: number;
  /** Last year with values; default the year before the target year. */
  until?: number;
}

export interface DemoSet {
  observations: Observation[];
  profiles: Record<string, DemoProfile | 'gap' | 'none'>;
  outlier?: { indicatorId: string; year: number };
}

export function demoValues(plan: Plan, opts: DemoOptions = {}): DemoSet {
  const seed = opts.seed ?? 1;
  const rnd = seededRandom(seed);
  const b = plan.meta.baseYear;
  const T = plan.meta.targetYear;
  const Y = Math.min(opts.until ?? T - 1, T);
  const years = Array.from({ length: Y - b }, (_, i) => b + 1 + i);
  const tauY = (Y - b) / (T - b);
  const obs: Observation[] = [];
  const profiles: DemoSet['profiles'] = {};
  const offset = Math.floor(rnd() * PROFILES.length);
  // Binding indicators take the lagging profiles first, so that warnings show up in the demo.
  const order = [...plan.indicators].sort((x, y) => Number(y.attribute === '约束性') - Number(x.attribute === '约束性'));
  let k = 0;
  const next = (ind: Indicator): DemoProfile => {
    const p =
      ind.attribute === '约束性' && k < 2 ? (['lagging', 'seriouslyLagging'] as const)[k]! : PROFILES[(k + offset) % PROFILES.length]!;
    k++;
    return p;
  };
  const jitter = (): number => (rnd() - 0.5) * 0.02;
  const push = (ind: Indicator, year: number, kind: Observation['kind'], raw: number): void => {
    // Within what the importer accepts for the unit (a share ≤ 100, a count ≥ 0): the demo's own file must import.
    const { min = -Infinity, max = Infinity } = valueRange(ind, kind);
    const value = Math.min(max, Math.max(min, raw));
    obs.push({
      indicatorId: ind.id,
      year,
      kind,
      // Things counted one by one (piles, firms, people, a rank) come in whole numbers even in a demo.
      value: kind === 'level' && COUNTED.test(ind.unit) ? Math.round(value) : round(value),
      demo: true,
      source: { title: '示例数据（planwatch demo-values 生成）' },
    });
  };

  const levelPaths = new Map<string, number[]>();
  const gdpLike = plan.indicators.find((i) => i.name === '地区生产总值');
  const gdpGrowth: number[] = [];
  let gapDone = false;
  let outlier: DemoSet['outlier'];

  const fill = (ind: Indicator): void => {
    let t: Target | undefined;
    try {
      t = parseTarget(ind.target ?? ind.growthTarget ?? '', rowContext(ind, ind.target ? 'target' : 'growth'));
    } catch {
      t = undefined;
    }
    if (!t || t.kind === 'assigned' || t.kind === 'relational') return;
    // One indicator is left without any value, to show a data gap.
    if (!gapDone && ind.attribute !== '约束性' && t.kind === 'level' && ind.base !== null && ind !== gdpLike) {
      gapDone = true;
      profiles[ind.id] = 'gap';
      return;
    }
    const profile = next(ind);
    profiles[ind.id] = profile;
    const direction = inferDirection(ind.name, t, ind.direction);
    if (t.kind === 'level') {
      const base = ind.base ?? (direction === 'down' ? t.value * 1.15 : t.value * 0.85);
      if (ind.base === null) push(ind, b, 'level', base);
      let pY = completionFor(profile, tauY);
      if (direction === 'keep') pY = profile === 'seriouslyLagging' || profile === 'lagging' ? -0.5 : 1;
      if (t.comparator === 'about' && profile === 'achieved') pY = 1;
      const span = Math.abs(t.value - base) < 1e-9 ? Math.max(Math.abs(base) * 0.05, 0.5) : t.value - base;
      const path = years.map((y) => {
        const share = (y - b) / (Y - b);
        return base + (pY * share + (y === Y ? 0 : jitter())) * span;
      });
      levelPaths.set(ind.id, path);
      years.forEach((y, i) => push(ind, y, 'level', path[i]!));
      if (ind === gdpLike || ind.realGrowth) {
        path.forEach((v, i) => {
          const prev = i === 0 ? base : path[i - 1]!;
          const g = (v / prev - 1) * 100;
          push(ind, years[i]!, 'growth_pct', g);
          if (ind === gdpLike) gdpGrowth.push(g);
        });
      }
    } else if (t.kind === 'growth') {
      const g = t.ratePct * GROWTH_RATIO[profile];
      years.forEach((y) => push(ind, y, 'growth_pct', g + jitter()));
    } else if (t.kind === 'cumulative') {
      // Nothing done is the worst an amount over the period can show.
      const total = t.total * Math.max(0, completionFor(profile, tauY));
      years.forEach((y) => push(ind, y, 'level', total / years.length));
    } else if (t.kind === 'cumulativeChange') {
      const sign = direction === 'down' ? -1 : 1;
      const achieved = t.total * completionFor(profile, tauY);
      years.forEach((y) => push(ind, y, 'change', (sign * achieved) / years.length));
    }
  };
  order.forEach(fill);

  // Relational targets follow the reference's demo growth.
  for (const ind of order) {
    const t = ind.target ? parseTarget(ind.target, rowContext(ind, 'target')) : undefined;
    if (t?.kind !== 'relational' || gdpGrowth.length === 0) continue;
    const profile = next(ind);
    profiles[ind.id] = profile;
    gdpGrowth.forEach((g, i) => push(ind, years[i]!, 'growth_pct', g + REL_OFFSET[profile]));
  }

  // Task targets last, so that the indicators' profiles do not depend on them.
  const tasks = taskTargetPlan(plan).indicators;
  tasks.forEach(fill);

  // One outlier: a single year far off its neighbours on an indicator that keeps its profile.
  // Not a share: 1.6 times a share may pass 100, which the importer refuses.
  const candidate = order.find(
    (i) => profiles[i.id] === 'ahead' && levelPaths.has(i.id) && i !== gdpLike && valueRange(i, 'level').max === undefined,
  );
  if (candidate && years.length >= 3) {
    const y = years[Math.floor(years.length / 2) - 1]!;
    const o = obs.find((x) => x.indicatorId === candidate.id && x.year === y && x.kind === 'level');
    if (o) {
      o.value = round(o.value * 1.6);
      o.note = '示例异常值：用于演示异常值提示';
      outlier = { indicatorId: candidate.id, year: y };
    }
  }
  for (const i of [...plan.indicators, ...tasks]) profiles[i.id] ??= 'none';
  obs.sort(
    (x, y) => x.indicatorId.localeCompare(y.indicatorId, 'en', { numeric: true }) || x.year - y.year || x.kind.localeCompare(y.kind),
  );
  return { observations: obs, profiles, outlier };
}
