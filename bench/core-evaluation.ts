/**
 * A synthetic national-scale deployment: 3,000 county plans × 60 indicators × 10 years of values
 * (1.8 million values), evaluated in full, against a bare loop that reads the same values.
 */
import { existsSync } from 'node:fs';
import { seededRandom } from '../src/core/demo.js';
import { PlanSchema, withSettings, type Observation, type Plan } from '../src/core/model.js';

const TARGETS = ['{t}', '{t}以上', '{t}以下', '{t}左右', '[{c}]', '完成上级下达目标'];

export function syntheticDeployment(plans = 3000, indicators = 60, years = 10, seed = 42): { plan: Plan; observations: Observation[] }[] {
  const rnd = seededRandom(seed);
  const out: { plan: Plan; observations: Observation[] }[] = [];
  for (let p = 0; p < plans; p++) {
    const inds = [];
    const observations: Observation[] = [];
    for (let i = 0; i < indicators; i++) {
      const base = 10 + rnd() * 1000;
      const up = rnd() > 0.3;
      const target = up ? base * (1.2 + rnd()) : base * (0.5 + rnd() * 0.4);
      const shape = i % 10 === 9 ? '{g}' : TARGETS[i % TARGETS.length]!;
      const growthRow = shape === '{g}';
      const written = growthRow
        ? `${(3 + rnd() * 5).toFixed(1)}以上`
        : shape.replace('{t}', target.toFixed(2)).replace('{c}', (base * 5).toFixed(1));
      inds.push({
        id: `i${i}`,
        no: i + 1,
        category: '经济发展',
        name: growthRow ? `指标${i}年均增长` : up ? `指标${i}` : `指标${i}降低`,
        unit: growthRow ? '%' : '万元',
        base: growthRow ? null : base,
        target: written
          .replace(/^(\d+\.\d+)以上$/, up || growthRow ? '$1以上' : '$1以下')
          .replace(/^(\d+\.\d+)以下$/, up ? '$1以上' : '$1以下'),
        attribute: i % 3 === 0 ? '约束性' : '预期性',
      });
      let v = base;
      for (let y = 1; y <= years; y++) {
        if (growthRow) observations.push({ indicatorId: `i${i}`, year: 2020 + y, kind: 'growth_pct', value: 2 + rnd() * 8 });
        else {
          v = v * (1 + (up ? 1 : -1) * rnd() * 0.08);
          observations.push({ indicatorId: `i${i}`, year: 2020 + y, kind: 'level', value: shape === '[{c}]' ? base * rnd() : v });
        }
      }
    }
    const plan = withSettings(
      PlanSchema.parse({
        meta: {
          id: `county-${p}`,
          title: `县${p}规划`,
          shortTitle: `县${p}`,
          region: `县${p}`,
          baseYear: 2020,
          targetYear: 2030,
          categories: ['经济发展'],
        },
        indicators: inds,
      }),
    );
    out.push({ plan, observations });
  }
  return out;
}

function time<T>(fn: () => T): { ms: number; result: T } {
  const t0 = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, result };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The compiled engine, as `planwatch serve` runs it: under tsx every closure is wrapped to keep its
 * name, which would measure the development loader rather than the engine.
 */
async function compiledEngine(): Promise<typeof import('../src/core/evaluate.js')> {
  const url = new URL('../dist/core/evaluate.js', import.meta.url);
  if (!existsSync(url)) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
  return (await import(url.href)) as typeof import('../src/core/evaluate.js');
}

export async function benchCoreEvaluation(runs = 9): Promise<Record<string, number>> {
  const { evaluatePlan } = await compiledEngine();
  const deployment = syntheticDeployment();
  const values = deployment.reduce((n, d) => n + d.observations.length, 0);

  // The bare loop touches every value the evaluation reads: grouped per indicator, year and value.
  const bare = (): { sum: number; count: number } => {
    let sum = 0;
    let count = 0;
    for (const { plan, observations } of deployment) {
      const byIndicator = new Map<string, Observation[]>();
      for (const o of observations) {
        const l = byIndicator.get(o.indicatorId);
        if (l) l.push(o);
        else byIndicator.set(o.indicatorId, [o]);
      }
      for (const ind of plan.indicators) {
        for (const o of byIndicator.get(ind.id) ?? []) {
          if (o.year <= 2030) {
            sum += o.value;
            count++;
          }
        }
      }
    }
    return { sum, count };
  };
  const evaluate = (): number => {
    let judged = 0;
    for (const { plan, observations } of deployment) judged += evaluatePlan(plan, observations, { year: 2030 }).results.length;
    return judged;
  };
  // The first evaluation of a fresh process also reads every target's notation and compiles the engine.
  const cold = time(evaluate);
  time(bare);
  const bareMs: number[] = [];
  const evalMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    bareMs.push(time(bare).ms);
    evalMs.push(time(evaluate).ms);
  }
  const evaluationMs = median(evalMs);
  const bareReadMs = median(bareMs);
  return {
    plans: deployment.length,
    indicators: cold.result,
    values,
    coldEvaluationMs: Math.round(cold.ms),
    bareReadMs: Math.round(bareReadMs),
    evaluationMs: Math.round(evaluationMs),
    ratio: Number((evaluationMs / bareReadMs).toFixed(2)),
  };
}
