/**
 * Time to build the annual monitoring report (.docx, with its two charts) for the Xiuzhou 14th
 * plan on demonstration values: the median of 5 builds after a first one that loads the chart
 * libraries and fonts (reported apart). Goal: medianMs < 2000.
 *
 *   node --import tsx bench/report.ts
 */
import { demoValues } from '../src/core/demo.js';
import { evaluatePlan } from '../src/core/evaluate.js';
import { loadPlan } from '../src/plans/load.js';
import { buildReport } from '../src/reports/word/index.js';

export async function benchReport(): Promise<Record<string, number>> {
  const plan = loadPlan('xiuzhou-14th');
  const observations = demoValues(plan, { seed: 1 }).observations;
  const year = Math.max(...observations.map((o) => o.year));
  const build = async (): Promise<{ ms: number; bytes: number }> => {
    const t0 = performance.now();
    const evaluation = evaluatePlan(plan, observations, { year, annualTargets: plan.annualTargets });
    const buf = await buildReport({ plan, evaluation, observations, kind: 'annual', generatedAt: new Date(2025, 0, 1) });
    return { ms: performance.now() - t0, bytes: buf.length };
  };
  const first = await build();
  const runs: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    const r = await build();
    runs.push(r.ms);
    bytes = r.bytes;
  }
  runs.sort((a, b) => a - b);
  return {
    medianMs: Math.round(runs[2]!),
    minMs: Math.round(runs[0]!),
    maxMs: Math.round(runs[4]!),
    firstBuildMs: Math.round(first.ms),
    docxKb: Math.round(bytes / 1024),
  };
}
