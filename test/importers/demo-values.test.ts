/** `planwatch demo-values` writes only what its own importer accepts: figures in range, task targets by their own names. */
import { describe, expect, it } from 'vitest';
import { demoValues } from '../../src/core/demo.js';
import { checkValue } from '../../src/core/quality.js';
import { monitoredTargets } from '../../src/core/targets.js';
import { formatObservationsCsv } from '../../src/importers/plan-csv.js';
import { readValuesFile } from '../../src/importers/spreadsheet.js';
import { loadPlan } from '../../src/plans/load.js';

const plan = loadPlan('xiuzhou-14th');
const targets = monitoredTargets(plan);

describe.each([1, 2, 3, 7])('demo-values --seed %i', (seed) => {
  const set = demoValues(plan, { seed });
  it('reads back through the spreadsheet importer without a problem, every value marked demo', async () => {
    const csv = formatObservationsCsv(set.observations, targets, `planwatch demo-values xiuzhou-14th --seed ${seed}`);
    const read = await readValuesFile({ name: 'demo.csv', data: Buffer.from(csv) }, plan);
    expect(read.values).toHaveLength(set.observations.length);
    expect(read.demo).toMatchObject({ row: 1 });
    expect(read.values.some((v) => v.indicatorId.startsWith('tt-'))).toBe(true);
  });
  it('passes the range checks every reported value passes (a share within 0—100, a count not negative)', () => {
    const byId = new Map(targets.map((i) => [i.id, i]));
    const refused = set.observations.flatMap((o) =>
      checkValue(byId.get(o.indicatorId)!, o, [], plan.settings)
        .filter((c) => c.severity === 'error')
        .map((c) => `${o.indicatorId} ${o.year}: ${c.message}`),
    );
    expect(refused).toEqual([]);
  });
});
