/**
 * Town figures in the store: each town's approved values, the district figures computed from them
 * where an indicator adds up (core/towns.ts), and the towns × indicators view.
 */
import type { Observation, Plan } from '../core/model.js';
import { monitoredTargets } from '../core/targets.js';
import { districtSums, addsUp, type TownValue } from '../core/towns.js';
import { listAssignments } from './planning.js';
import { toObservation, type Db } from './util.js';

/** Org unit kinds that report their own figures, never the plan area's. */
export const TOWN_KINDS = ['town', 'street'];

/** The plan's towns and streets, in the plan's order. */
export function townsOf(plan: Plan): { id: string; name: string }[] {
  return plan.orgUnits.filter((u) => TOWN_KINDS.includes(u.kind)).map((u) => ({ id: u.id, name: u.name }));
}

/** Every value reported for a town or street, with its workflow state. */
async function townRows(db: Db, planId: string) {
  return db.selectFrom('plan_values').selectAll().where('plan_id', '=', planId).where('for_unit_id', '!=', '').execute();
}

/** The towns each indicator is assigned to (role 'town'). */
async function assignedTowns(db: Db, plan: Plan): Promise<Map<string, string[]>> {
  const towns = new Set(townsOf(plan).map((t) => t.id));
  const out = new Map<string, string[]>();
  for (const a of await listAssignments(db, plan.meta.id))
    if (a.role === 'town' || towns.has(a.unitId)) out.set(a.targetId, [...(out.get(a.targetId) ?? []), a.unitId]);
  return out;
}

/** District figures summed from every assigned town's approved figure, where the indicator adds up and the district has none. */
export async function townSums(db: Db, plan: Plan, district: readonly Observation[]): Promise<Observation[]> {
  const names = new Map(plan.orgUnits.map((u) => [u.id, u.name]));
  const towns: TownValue[] = (await townRows(db, plan.meta.id))
    .filter((r) => r.status === 'approved')
    .map((r) => ({ unitId: r.for_unit_id, unitName: names.get(r.for_unit_id) ?? r.for_unit_id, observation: toObservation(r) }));
  if (towns.length === 0) return [];
  return districtSums(monitoredTargets(plan), district, towns, await assignedTowns(db, plan));
}

export interface TownCell {
  indicatorId: string;
  unitId: string;
  year: number;
  kind: string;
  value: number;
  status: string;
}

/** The towns × indicators view: each town's figures of the year (or its latest up to the year) and their workflow state. */
export async function townMatrix(db: Db, plan: Plan, year: number) {
  const assigned = await assignedTowns(db, plan);
  const rows = (await townRows(db, plan.meta.id)).filter((r) => r.year <= year);
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const k = `${r.indicator_id}|${r.for_unit_id}|${r.kind}`;
    const seen = latest.get(k);
    if (!seen || seen.year < r.year) latest.set(k, r);
  }
  const shown = new Set([...assigned.keys(), ...rows.map((r) => r.indicator_id)]);
  return {
    year,
    towns: townsOf(plan),
    indicators: monitoredTargets(plan)
      .filter((i) => shown.has(i.id))
      .map((i) => ({
        indicatorId: i.id,
        name: i.name,
        unit: i.unit,
        addsUp: addsUp(i),
        assignedTowns: [...(assigned.get(i.id) ?? [])].sort(),
      })),
    cells: [...latest.values()].map((r): TownCell => ({
      indicatorId: r.indicator_id,
      unitId: r.for_unit_id,
      year: r.year,
      kind: r.kind,
      value: r.value,
      status: r.status,
    })),
  };
}
