/** `npm run bench`: every benchmark of the project, printed with its goal. */
import { benchCoreEvaluation } from './core-evaluation.js';

interface Result {
  name: string;
  figures: Record<string, number>;
  goal: string;
  met: boolean;
}

const results: Result[] = [];

{
  const f = benchCoreEvaluation();
  results.push({
    name: 'core evaluation (3,000 plans × 60 indicators × 10 years)',
    figures: f,
    goal: 'evaluationMs < 2000 and ratio ≤ 3',
    met: f.evaluationMs! < 2000 && f.ratio! <= 3,
  });
}

for (const r of results) {
  console.log(`\n${r.name}`);
  for (const [k, v] of Object.entries(r.figures)) console.log(`  ${k.padEnd(16)} ${v}`);
  console.log(`  goal: ${r.goal} — ${r.met ? 'met' : 'NOT met'}`);
}
