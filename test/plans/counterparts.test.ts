/**
 * counterparts.yaml (issue 17 §6): the links of a plan's rows to a higher plan, read into the
 * indicators' `counterpart`; a bad entry is refused naming the file and the entry.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlan, loadPlanDir, shippedPlansDir } from '../../src/plans/load.js';

function copy(edit: (counterparts: string) => string, editIndicators: (s: string) => string = (s) => s): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'pw-cp-')), 'xiuzhou-14th');
  cpSync(join(shippedPlansDir(), 'xiuzhou-14th'), dir, { recursive: true });
  const cp = join(dir, 'counterparts.yaml');
  writeFileSync(cp, edit(readFileSync(cp, 'utf8')));
  const ind = join(dir, 'indicators.yaml');
  writeFileSync(ind, editIndicators(readFileSync(ind, 'utf8')));
  return dir;
}

describe('counterparts.yaml', () => {
  it('links Xiuzhou’s rows to the national rows it names, each of which exists there', () => {
    const xz = loadPlan('xiuzhou-14th');
    const nat = loadPlan('national-14th');
    expect(xz.meta.parent).toBe('national-14th');
    const linked = xz.indicators.filter((i) => i.counterpart);
    expect(linked.map((i) => i.id)).toEqual(['2', '4', '8', '9', '14', '15', '17', '19', '20', '24', '25', '28', '34', '37']);
    for (const i of linked) {
      const other = nat.indicators.find((n) => n.id === i.counterpart!.indicator);
      expect(other, `${i.name} → ${i.counterpart!.indicator}`).toBeDefined();
    }
    // Another indicator under a similar name is not linked: R&D share vs R&D growth, registered vs surveyed unemployment.
    expect(xz.indicators.find((i) => i.id === '6')!.counterpart).toBeUndefined();
    expect(xz.indicators.find((i) => i.id === '26')!.counterpart).toBeUndefined();
  });

  it('refuses an entry for a row the table does not have, naming the file and the entry', () => {
    const dir = copy((s) => s.replace("  - indicator: '2'\n", "  - indicator: '99'\n"));
    expect(() => loadPlanDir(dir)).toThrow('xiuzhou-14th/counterparts.yaml: counterparts[0].indicator: 指标表中没有指标「99」');
  });

  it('refuses a counterpart stated in both files', () => {
    const dir = copy(
      (s) => s,
      (s) =>
        s.replace(
          '    name: 全员劳动生产率年均增长\n',
          "    name: 全员劳动生产率年均增长\n    counterpart: { plan: national-14th, indicator: '2' }\n",
        ),
    );
    expect(() => loadPlanDir(dir)).toThrow('已在 indicators.yaml 中写明对应指标，只写一处');
  });
});
