/**
 * Evaluation: the whole plan for a year (the cockpit's and the reports' source) and one indicator
 * with everything behind its status. Only approved values are evaluated.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnnualTargetSchema, ObservationSchema } from '../../core/model.js';
import { listAudit } from '../../store/audit.js';
import { STEP_INDICATORS, withWords, type IndicatorResult, type IndicatorResultData } from '../../core/evaluate.js';
import { findTarget } from '../../core/targets.js';
import { evaluateStored, type StoredEvaluation } from '../../store/evaluation.js';
import type { Store } from '../../store/index.js';
import { listAnnualTargets } from '../../store/planning.js';
import { runYielding } from '../../core/steps.js';
import { listValues } from '../../store/values.js';
import { authorize, subjectOf } from '../auth.js';
import { notFound } from '../errors.js';
import { memo } from '../memo.js';
import { abilities, can } from '../permissions.js';
import { planOr404, unitsOfIndicator } from '../plan-access.js';
import { AbilitiesOut, errors, PlanParams, SourceBody, ValueOut, YearQuery } from '../schemas.js';

const AssignedOnResult = z.object({
  year: z.number().nullable(),
  target: z.string(),
  base: z.number().nullable(),
  source: SourceBody,
  setBy: z.string().nullable(),
});

export const IndicatorResultOut = z.object({
  indicatorId: z.string(),
  no: z.number(),
  name: z.string(),
  category: z.string(),
  group: z.string().optional(),
  unit: z.string(),
  attribute: z.string().optional(),
  direction: z.string(),
  targetWritten: z.string(),
  growthTargetWritten: z.string().optional(),
  targetKind: z.string(),
  mode: z.enum(['progress', 'final']),
  year: z.number(),
  status: z.string().optional(),
  statusLabel: z.string().optional(),
  verdict: z.string().optional(),
  verdictLabel: z.string().optional(),
  exceeded: z.boolean().optional(),
  officialVerdict: z
    .object({ verdict: z.string(), label: z.string(), reason: z.string().optional(), source: z.string().optional() })
    .optional(),
  shownLabel: z.string(),
  warning: z.boolean(),
  figures: z.record(z.string(), z.unknown()),
  rule: z.object({ id: z.string(), text: z.string() }),
  explanation: z.string(),
  notes: z.array(z.string()).readonly(),
  comparable: z.boolean(),
  annual: z
    .object({
      year: z.number(),
      target: z.string(),
      actual: z.number().optional(),
      actualKind: z.string().optional(),
      verdict: z.string(),
      verdictLabel: z.string(),
      explanation: z.string(),
    })
    .optional(),
  observations: z.array(ObservationSchema),
  /** The higher level's assignments (下达值) a 「完成上级下达目标」 row is judged on, with their sources. */
  assigned: z.array(AssignedOnResult).optional(),
});

/** A result with the assignments behind it, for the period and the evaluated year. */
function withAssigned(
  r: IndicatorResult,
  stored: StoredEvaluation,
): IndicatorResultData & { assigned?: z.infer<typeof AssignedOnResult>[] } {
  const data = withWords(r);
  const assigned = stored.assigned
    .filter((a) => a.indicatorId === r.indicatorId && (a.year === null || a.year === r.year))
    .map((a) => ({ year: a.year, target: a.target, base: a.base, source: a.source, setBy: a.setBy }));
  return assigned.length ? { ...data, assigned } : data;
}

export const EvaluationOut = z.object({
  planId: z.string(),
  year: z.number(),
  mode: z.enum(['progress', 'final']),
  latestYear: z.number(),
  dataVersion: z.number(),
  demo: z.boolean(),
  counts: z.record(z.string(), z.number()),
  warnings: z.number(),
  results: z.array(IndicatorResultOut),
});

/** One indicator with its evaluation, values, annual targets, sections and (for those who may read it) audit trail. */
export const IndicatorDetailOut = z.object({
  result: IndicatorResultOut,
  values: z.array(ValueOut),
  annualTargets: z.array(AnnualTargetSchema),
  sections: z.array(z.object({ id: z.string(), title: z.string(), chapterTitle: z.string() })),
  taskTargets: z.array(z.object({ id: z.string(), name: z.string(), target: z.string(), unit: z.string(), sectionId: z.string() })),
  assignedUnits: z.array(z.string()),
  /** What the user may do on this indicator (its assigned units decide the 'ownUnit' rules). */
  abilities: AbilitiesOut,
  audit: z
    .array(
      z.object({
        seq: z.number(),
        at: z.string(),
        username: z.string().nullable(),
        action: z.string(),
        entityId: z.string(),
        indicatorId: z.string().nullish(),
        before: z.unknown().optional(),
        after: z.unknown().optional(),
        reason: z.string().nullish(),
      }),
    )
    .nullable(),
});

const EvalQuery = z.object({ year: YearQuery.optional(), final: z.enum(['true', 'false']).optional() });

/** Serialised evaluations by plan, year, mode and data version, bounded by their size (32 M characters). */
const bodies = memo<string>({ maxSize: 32 * 1024 * 1024, size: (b) => b.length });

/** The response body, written in parts so that a large plan's serialisation lets other requests run. */
function* evaluationBody(
  head: Record<string, unknown>,
  results: readonly IndicatorResult[],
  stored: StoredEvaluation,
): Generator<void, string> {
  const parts: string[] = [];
  for (let i = 0; i < results.length; i += STEP_INDICATORS) {
    if (i) yield;
    parts.push(
      results
        .slice(i, i + STEP_INDICATORS)
        .map((x) => JSON.stringify(withAssigned(x, stored)))
        .join(','),
    );
  }
  return `${JSON.stringify(head).slice(0, -1)},"results":[${parts.filter(Boolean).join(',')}]}`;
}

export function evaluationRoutes(app: FastifyInstance, store: Store, info: { demo: boolean }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** One serialisation of an evaluation per plan, year, mode, kind and data version: the cockpit's hot path. */
  const serve = async (
    reply: FastifyReply,
    planId: string,
    query: { year?: number; final?: string },
    part: 'evaluation' | 'taskEvaluation',
  ): Promise<FastifyReply> => {
    const final = query.final === 'true';
    const stored = await evaluateStored(store.db, planId, { year: query.year, final });
    if (!stored) throw notFound(`规划「${planId}」`);
    const e = stored[part];
    const key = `${planId}|${part}|${e.year}|${final}|${stored.dataVersion}`;
    const body = await bodies(key, () =>
      runYielding(
        evaluationBody(
          {
            planId: e.planId,
            year: e.year,
            mode: e.mode,
            latestYear: stored.latestYear,
            dataVersion: stored.dataVersion,
            demo: info.demo,
            counts: e.counts,
            warnings: e.warnings,
          },
          e.results,
          stored,
        ),
      ),
    );
    // Already serialised JSON: sent as is (the route's schema still documents and types it).
    return reply.type('application/json; charset=utf-8').send(body as never);
  };

  r.get(
    '/api/v1/plans/:plan/evaluation',
    {
      schema: {
        tags: ['evaluation'],
        summary: '规划实施评估 / evaluation of every indicator',
        description: '年度监测（默认，year 缺省为有数据的最近年份）或期末评估（final=true）。仅使用已审核数据。',
        params: PlanParams,
        querystring: EvalQuery,
        response: { 200: EvaluationOut, ...errors },
      },
    },
    async (req, reply) => {
      authorize(req, 'evaluation.read');
      return serve(reply, req.params.plan, req.query, 'evaluation');
    },
  );

  r.get(
    '/api/v1/plans/:plan/task-targets/evaluation',
    {
      schema: {
        tags: ['evaluation'],
        summary: '任务目标评估 / evaluation of the task targets in the plan text',
        description:
          '规划文本中的量化任务目标（如充电桩、数字农业基地），与主要指标同样报送、审核并按时序进度评价；计数与主要指标分开。规划未列基期值，报送基期年的数值即作为基期。仅使用已审核数据。',
        params: PlanParams,
        querystring: EvalQuery,
        response: { 200: EvaluationOut, ...errors },
      },
    },
    async (req, reply) => {
      authorize(req, 'evaluation.read');
      return serve(reply, req.params.plan, req.query, 'taskEvaluation');
    },
  );

  r.get(
    '/api/v1/plans/:plan/indicators/:indicator',
    {
      schema: {
        tags: ['evaluation'],
        summary: '指标详情 / one indicator with its evaluation, values and history',
        params: PlanParams.extend({ indicator: z.string().max(50) }),
        querystring: z.object({ year: YearQuery.optional() }),
        response: { 200: IndicatorDetailOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'plan.read');
      const plan = await planOr404(store, req.params.plan);
      const ind = findTarget(plan, req.params.indicator);
      if (!ind) throw notFound(`指标或任务目标「${req.params.indicator}」`);
      const stored = (await evaluateStored(store.db, plan.meta.id, { year: req.query.year }))!;
      const result = [...stored.evaluation.results, ...stored.taskEvaluation.results].find((x) => x.indicatorId === ind.id)!;
      const units = await unitsOfIndicator(store, plan.meta.id, ind.id);
      const subject = subjectOf(req);
      const all = can(subject, 'value.readAll', units);
      const values = await listValues(store.db, plan.meta.id, { indicatorId: ind.id, ...(all ? {} : { statuses: ['approved'] }) });
      const sections = plan.chapters.flatMap((c) =>
        c.sections.filter((s) => ind.sectionIds.includes(s.id)).map((s) => ({ id: s.id, title: s.title, chapterTitle: c.title })),
      );
      const taskTargets = plan.taskTargets
        .filter((t) => ind.sectionIds.includes(t.sectionId))
        .map((t) => ({ id: t.id, name: t.name, target: t.target, unit: t.unit, sectionId: t.sectionId }));
      const audit = can(subject, 'audit.read')
        ? await listAudit(store.db, { planId: plan.meta.id, indicatorId: ind.id, limit: 200 })
        : null;
      const annualTargets = (await listAnnualTargets(store.db, plan.meta.id)).filter((a) => a.indicatorId === ind.id);
      return {
        result: withAssigned(result, stored),
        values,
        annualTargets,
        sections,
        taskTargets,
        assignedUnits: units,
        abilities: abilities(subject, units),
        audit,
      };
    },
  );
}
