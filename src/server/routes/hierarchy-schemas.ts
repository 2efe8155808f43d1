/** Request and response schemas of the plan-hierarchy routes (relations, assigned targets, roll-up, series; OpenAPI). */
import { z } from 'zod';
import { PlanParams, SourceBody, YearQuery } from '../schemas.js';

export const PlanRefOut = z.object({
  id: z.string(),
  title: z.string(),
  level: z.string(),
  baseYear: z.number(),
  targetYear: z.number(),
  demo: z.boolean(),
});
export const LinkOut = z.object({
  planId: z.string(),
  indicatorId: z.string(),
  relation: z.enum(['counterpart', 'predecessor']),
  otherPlanId: z.string(),
  otherIndicatorId: z.string(),
  sameScope: z.boolean(),
  note: z.string().nullable(),
  setBy: z.string().nullable(),
  setAt: z.string(),
});
export const RelationsOut = z.object({
  planId: z.string(),
  parent: PlanRefOut.nullable(),
  children: z.array(PlanRefOut),
  predecessor: PlanRefOut.nullable(),
  successor: PlanRefOut.nullable(),
  specialPlans: z.array(PlanRefOut),
  serves: z.array(PlanRefOut),
  missing: z.array(z.string()),
  /** This plan's indicators' links, and the links of other plans' indicators to this plan's. */
  links: z.array(LinkOut),
  linkedFrom: z.array(LinkOut),
});
export const AssignedOut = z.object({
  planId: z.string(),
  indicatorId: z.string(),
  year: z.number().nullable(),
  target: z.string(),
  base: z.number().nullable(),
  fromPlanId: z.string().nullable(),
  source: SourceBody,
  setBy: z.string().nullable(),
  setAt: z.string(),
});
export const SourceOut = SourceBody.nullable();
export const CellOut = z.object({
  indicatorId: z.string(),
  name: z.string(),
  target: z.string(),
  status: z.string().optional(),
  statusLabel: z.string().optional(),
  warning: z.boolean(),
  value: z.object({ value: z.number(), year: z.number(), kind: z.string(), scope: z.string().nullable(), source: SourceOut }).nullable(),
  latest: z
    .object({ id: z.string(), year: z.number(), status: z.string(), value: z.number(), returnReason: z.string().nullable() })
    .nullable(),
  scopeMatch: z.boolean(),
  scopeNote: z.string().optional(),
  alignment: z.object({ state: z.enum(['aligned', 'weaker', 'notCompared']), note: z.string() }),
});
export const RollupOut = z.object({
  parentId: z.string(),
  parentTitle: z.string(),
  year: z.number(),
  demo: z.boolean(),
  withPending: z.boolean(),
  columns: z.array(
    z.object({
      indicatorId: z.string(),
      no: z.number(),
      name: z.string(),
      unit: z.string(),
      attribute: z.string().optional(),
      target: z.string(),
      additive: z.boolean(),
      lagging: z.number(),
      weaker: z.number(),
      sum: z.object({ value: z.number(), year: z.number(), label: z.string() }).nullable(),
      sumRefused: z.string().nullable(),
    }),
  ),
  rows: z.array(
    z.object({
      planId: z.string(),
      title: z.string(),
      demo: z.boolean(),
      lagging: z.number(),
      laggingBinding: z.number(),
      cells: z.record(z.string(), CellOut.nullable()),
    }),
  ),
});
export const SeriesOut = z.object({
  name: z.string(),
  unit: z.string(),
  periods: z.array(
    z.object({
      planId: z.string(),
      title: z.string(),
      baseYear: z.number(),
      targetYear: z.number(),
      indicatorId: z.string(),
      name: z.string(),
      unit: z.string(),
      target: z.string(),
      sameScopeAsNext: z.boolean().nullable(),
    }),
  ),
  points: z.array(
    z.object({
      year: z.number(),
      value: z.number(),
      planId: z.string(),
      scope: z.string().nullable(),
      origin: z.enum(['value', 'base']),
      source: SourceOut,
    }),
  ),
  breaks: z.array(z.object({ year: z.number(), reason: z.string() })),
});
export const BasesOut = z.object({
  predecessorId: z.string().nullable(),
  bases: z.array(
    z.object({
      indicatorId: z.string(),
      name: z.string(),
      printedBase: z.number().nullable(),
      predecessor: z.object({ planId: z.string(), indicatorId: z.string(), name: z.string() }),
      proposed: z.object({ value: z.number(), year: z.number(), scope: z.string().nullable(), source: SourceOut }).nullable(),
      note: z.string(),
    }),
  ),
});
export const RollupQuery = z.object({ year: YearQuery.optional(), final: z.enum(['true', 'false']).optional() });
export const IndicatorParams = PlanParams.extend({ indicator: z.string().max(50) });
