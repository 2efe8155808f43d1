/** Reporting: values through the workflow (save, submit, approve, return, unlock, revise). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ObservationKind } from '../../core/model.js';
import { monitoredTargets } from '../../core/targets.js';
import type { Store } from '../../store/index.js';
import { indicatorsOfUnit, listCalendar, overdue } from '../../store/planning.js';
import { getValue, listValues, qualityOf, reviseValue, saveValue, transition } from '../../store/values.js';
import { actorOf, authorize, subjectOf } from '../auth.js';
import { can, scopedToUnit } from '../permissions.js';
import { planOr404, reportingUnitFor, unitsOfIndicator } from '../plan-access.js';
import { errors, OverdueOut, PlanParams, QualityIssueOut, SourceBody, ValueOut, YearQuery } from '../schemas.js';

const ValueBody = z.object({
  indicatorId: z.string().min(1).max(50),
  year: z.number().int().min(1949).max(2100),
  kind: ObservationKind.default('level'),
  value: z.number().finite(),
  bound: z.enum(['atLeast', 'atMost']).nullable().optional(),
  unit: z.string().max(50).nullable().optional(),
  scope: z.string().max(100).nullable().optional(),
  source: SourceBody.nullable().optional(),
  note: z.string().max(2000).nullable().optional(),
  explanation: z.string().max(2000).nullable().optional(),
  /** The org unit the value is for: a town's own figure. Towns report their own; absent for the plan's whole area. */
  forUnitId: z.string().max(50).nullable().optional(),
  submit: z.boolean().default(false),
});

const StatusFilter = z.enum(['draft', 'submitted', 'returned', 'approved']);

/** A reporter's inbox: the unit's indicators, rounds due, overdue items and own unapproved values. */
export const InboxOut = z.object({
  indicators: z.array(z.string()),
  due: z.array(z.object({ id: z.string(), year: z.number(), title: z.string(), dueDate: z.string(), note: z.string().nullable() })),
  overdue: z.array(OverdueOut),
  returned: z.array(ValueOut),
  drafts: z.array(ValueOut),
  submitted: z.array(ValueOut),
});

export function valueRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/plans/:plan/values',
    {
      schema: {
        tags: ['values'],
        summary: '数值 / values (the public sees approved values only)',
        params: PlanParams,
        querystring: z.object({ indicator: z.string().max(50).optional(), year: YearQuery.optional(), status: StatusFilter.optional() }),
        response: { 200: z.array(ValueOut), ...errors },
      },
    },
    async (req) => {
      authorize(req, 'value.readApproved');
      const plan = await planOr404(store, req.params.plan);
      const subject = subjectOf(req);
      const { indicator, year, status } = req.query;
      if (!can(subject, 'value.readAll'))
        return listValues(store.db, plan.meta.id, { indicatorId: indicator, year, statuses: ['approved'] });
      if (!scopedToUnit(subject, 'value.readAll'))
        return listValues(store.db, plan.meta.id, { indicatorId: indicator, year, statuses: status ? [status] : undefined });
      // A reporter sees every approved value, and the unapproved ones of the unit's own indicators.
      const own = new Set(await indicatorsOfUnit(store.db, plan.meta.id, subject.unitId!));
      const all = await listValues(store.db, plan.meta.id, { indicatorId: indicator, year, statuses: status ? [status] : undefined });
      return all.filter((v) => v.status === 'approved' || own.has(v.indicatorId));
    },
  );

  r.post(
    '/api/v1/plans/:plan/values/check',
    {
      schema: {
        tags: ['values'],
        summary: '校验数值（不保存）/ check a value without saving',
        params: PlanParams,
        body: ValueBody.omit({ submit: true }),
        response: { 200: z.object({ issues: z.array(QualityIssueOut) }), ...errors },
      },
    },
    async (req) => {
      const plan = await planOr404(store, req.params.plan);
      authorize(req, 'value.submit', await unitsOfIndicator(store, plan.meta.id, req.body.indicatorId));
      const forUnitId = await reportingUnitFor(store, plan.meta.id, subjectOf(req), req.body.indicatorId, req.body.forUnitId);
      return { issues: await qualityOf(store.db, plan, { ...req.body, forUnitId }) };
    },
  );

  r.post(
    '/api/v1/plans/:plan/values',
    {
      schema: {
        tags: ['values'],
        summary: '填报数值（保存草稿或提交审核）/ save or submit a value',
        description: '异常值需填写说明（explanation）才能提交；已审核数值锁定，需管理员解锁。',
        params: PlanParams,
        body: ValueBody,
        response: { 200: ValueOut, ...errors },
      },
    },
    async (req) => {
      const plan = await planOr404(store, req.params.plan);
      authorize(req, 'value.submit', await unitsOfIndicator(store, plan.meta.id, req.body.indicatorId));
      const { submit, ...input } = req.body;
      const forUnitId = await reportingUnitFor(store, plan.meta.id, subjectOf(req), input.indicatorId, input.forUnitId);
      return saveValue(store.db, actorOf(req), plan, { ...input, forUnitId }, submit ? 'submit' : 'save');
    },
  );

  r.post(
    '/api/v1/values/:id/:action',
    {
      schema: {
        tags: ['values'],
        summary: '审核流转 / submit, approve, return or unlock a value',
        description: '退回（return）与解锁（unlock）必须填写原因，并记入审计日志。',
        params: z.object({ id: z.string().max(64), action: z.enum(['submit', 'approve', 'return', 'unlock']) }),
        body: z.object({ reason: z.string().max(2000).optional() }).default({}),
        response: { 200: ValueOut, ...errors },
      },
    },
    async (req) => {
      const v = await getValue(store.db, req.params.id);
      const action = req.params.action;
      if (action === 'submit') authorize(req, 'value.submit', await unitsOfIndicator(store, v.planId, v.indicatorId));
      else authorize(req, action === 'unlock' ? 'value.unlock' : 'value.review');
      return transition(store.db, actorOf(req), v.id, action, req.body.reason);
    },
  );

  r.post(
    '/api/v1/values/:id/revise',
    {
      schema: {
        tags: ['values'],
        summary: '口径调整（统计修订）/ statistical revision of an approved value',
        params: z.object({ id: z.string().max(64) }),
        body: z.object({
          value: z.number().finite(),
          scope: z.string().max(100).nullable().optional(),
          note: z.string().max(2000).nullable().optional(),
          reason: z.string().min(1).max(2000),
        }),
        response: { 200: ValueOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'value.revise');
      const { reason, ...change } = req.body;
      return reviseValue(store.db, actorOf(req), req.params.id, change, reason);
    },
  );

  r.get(
    '/api/v1/plans/:plan/review-queue',
    {
      schema: {
        tags: ['values'],
        summary: '待审核 / values waiting for review',
        params: PlanParams,
        response: { 200: z.array(ValueOut), ...errors },
      },
    },
    async (req) => {
      authorize(req, 'value.review');
      const plan = await planOr404(store, req.params.plan);
      return listValues(store.db, plan.meta.id, { statuses: ['submitted'] });
    },
  );

  r.get(
    '/api/v1/plans/:plan/inbox',
    {
      schema: {
        tags: ['values'],
        summary: '我的待办 / a reporter’s inbox: due, overdue, returned and draft values',
        params: PlanParams,
        response: { 200: InboxOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'overdue.read');
      const plan = await planOr404(store, req.params.plan);
      const subject = subjectOf(req);
      const unitId = scopedToUnit(subject, 'overdue.read') ? subject.unitId! : undefined;
      const indicators = unitId ? await indicatorsOfUnit(store.db, plan.meta.id, unitId) : monitoredTargets(plan).map((i) => i.id);
      const mine = await listValues(store.db, plan.meta.id, { indicatorIds: indicators, statuses: ['draft', 'returned', 'submitted'] });
      const today = new Date().toISOString().slice(0, 10);
      return {
        indicators,
        due: (await listCalendar(store.db, plan.meta.id)).filter((c) => c.dueDate >= today),
        overdue: await overdue(store.db, plan.meta.id, today, unitId),
        returned: mine.filter((v) => v.status === 'returned'),
        drafts: mine.filter((v) => v.status === 'draft'),
        submitted: mine.filter((v) => v.status === 'submitted'),
      };
    },
  );
}
