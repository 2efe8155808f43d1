/** Organisation of the reporting: assignments, calendar, yearly plan, official verdicts, users, audit. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnnualTargetSchema } from '../../core/model.js';
import { addUser, generatePassword, listUsers, ROLES, updateUser } from '../../store/accounts.js';
import { listAudit } from '../../store/audit.js';
import type { Store } from '../../store/index.js';
import {
  addCalendarEntry,
  listAnnualTargets,
  listAssignments,
  listCalendar,
  listOfficialVerdicts,
  overdue,
  setAnnualTarget,
  setAnnualTargets,
  setAssignments,
  setOfficialVerdict,
  withdrawOfficialVerdict,
} from '../../store/planning.js';
import { actorOf, authorize, subjectOf } from '../auth.js';
import { scopedToUnit } from '../permissions.js';
import { planOr404 } from '../plan-access.js';
import { errors, OverdueOut, PlanParams, SourceBody, UserOut } from '../schemas.js';

export const AssignmentOut = z.object({
  targetType: z.enum(['indicator', 'task']),
  targetId: z.string(),
  unitId: z.string(),
  role: z.enum(['lead', 'cooperate', 'town']),
});
export const CalendarOut = z.object({
  id: z.string(),
  year: z.number(),
  title: z.string(),
  dueDate: z.string(),
  note: z.string().nullable(),
});
export const UnitOut = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  parentId: z.string().nullable(),
  description: z.string().nullable(),
});

export function adminRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/plans/:plan/assignments',
    {
      schema: {
        tags: ['reporting'],
        summary: '填报分工 / assignments',
        params: PlanParams,
        response: { 200: z.array(AssignmentOut), ...errors },
      },
    },
    async (req) => {
      authorize(req, 'assignment.read');
      return listAssignments(store.db, (await planOr404(store, req.params.plan)).meta.id);
    },
  );

  r.put(
    '/api/v1/plans/:plan/assignments/:targetType/:targetId',
    {
      schema: {
        tags: ['reporting'],
        summary: '设置牵头、配合与镇街单位 / set the units of an indicator or task target',
        params: PlanParams.extend({ targetType: z.enum(['indicator', 'task']), targetId: z.string().max(100) }),
        body: z.object({ units: z.array(z.object({ unitId: z.string(), role: z.enum(['lead', 'cooperate', 'town']) })).max(50) }),
        response: { 200: z.array(AssignmentOut), ...errors },
      },
    },
    async (req) => {
      authorize(req, 'assignment.manage');
      const plan = await planOr404(store, req.params.plan);
      return store.db
        .transaction()
        .execute((trx) => setAssignments(trx, actorOf(req), plan, req.params.targetType, req.params.targetId, req.body.units));
    },
  );

  r.get(
    '/api/v1/plans/:plan/calendar',
    {
      schema: {
        tags: ['reporting'],
        summary: '报送日历 / reporting calendar',
        params: PlanParams,
        response: { 200: z.array(CalendarOut), ...errors },
      },
    },
    async (req) => {
      authorize(req, 'calendar.read');
      return listCalendar(store.db, (await planOr404(store, req.params.plan)).meta.id);
    },
  );

  r.post(
    '/api/v1/plans/:plan/calendar',
    {
      schema: {
        tags: ['reporting'],
        summary: '新增报送期 / add a reporting round',
        params: PlanParams,
        body: z.object({
          year: z.number().int(),
          title: z.string().min(1).max(200),
          dueDate: z.string(),
          note: z.string().max(1000).nullable().optional(),
        }),
        response: { 200: CalendarOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'calendar.manage');
      return addCalendarEntry(store.db, actorOf(req), await planOr404(store, req.params.plan), req.body);
    },
  );

  r.get(
    '/api/v1/plans/:plan/overdue',
    {
      schema: {
        tags: ['reporting'],
        summary: '逾期未报 / overdue list',
        params: PlanParams,
        response: {
          200: z.array(OverdueOut),
          ...errors,
        },
      },
    },
    async (req) => {
      authorize(req, 'overdue.read');
      const subject = subjectOf(req);
      return overdue(
        store.db,
        (await planOr404(store, req.params.plan)).meta.id,
        undefined,
        scopedToUnit(subject, 'overdue.read') ? subject.unitId! : undefined,
      );
    },
  );

  r.get(
    '/api/v1/plans/:plan/annual-targets',
    {
      schema: {
        tags: ['reporting'],
        summary: '年度计划目标 / yearly-plan targets',
        params: PlanParams,
        response: { 200: z.array(AnnualTargetSchema), ...errors },
      },
    },
    async (req) => {
      authorize(req, 'plan.read');
      return listAnnualTargets(store.db, (await planOr404(store, req.params.plan)).meta.id);
    },
  );

  r.put(
    '/api/v1/plans/:plan/annual-targets/:year',
    {
      schema: {
        tags: ['reporting'],
        summary: '批量设置一年的年度目标（全部写入或全部不写）/ set all yearly-plan targets of a year at once, all or nothing',
        params: PlanParams.extend({ year: z.coerce.number().int() }),
        body: z.object({
          targets: z
            .array(
              z.object({ indicatorId: z.string().max(50), target: z.string().min(1).max(100), source: SourceBody.nullable().optional() }),
            )
            .min(1)
            .max(500),
        }),
        response: { 200: z.array(AnnualTargetSchema), ...errors },
      },
    },
    async (req) => {
      authorize(req, 'annualTarget.set');
      const plan = await planOr404(store, req.params.plan);
      return setAnnualTargets(store.db, actorOf(req), plan, req.params.year, req.body.targets);
    },
  );

  r.put(
    '/api/v1/plans/:plan/annual-targets/:indicator/:year',
    {
      schema: {
        tags: ['reporting'],
        summary: '设置年度目标（按规划写法，如「增长6.5%左右」）/ set a yearly-plan target',
        params: PlanParams.extend({ indicator: z.string().max(50), year: z.coerce.number().int() }),
        body: z.object({ target: z.string().min(1).max(100), source: SourceBody.nullable().optional() }),
        response: { 200: AnnualTargetSchema, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'annualTarget.set');
      const plan = await planOr404(store, req.params.plan);
      return setAnnualTarget(store.db, actorOf(req), plan, {
        indicatorId: req.params.indicator,
        year: req.params.year,
        target: req.body.target,
        source: req.body.source,
      });
    },
  );

  r.get(
    '/api/v1/plans/:plan/official-verdicts',
    {
      schema: {
        tags: ['reporting'],
        summary: '正式结论 / recorded official verdicts',
        params: PlanParams,
        response: {
          200: z.record(z.string(), z.object({ verdict: z.string(), reason: z.string().optional(), source: z.string().optional() })),
          ...errors,
        },
      },
    },
    async (req) => {
      authorize(req, 'plan.read');
      return listOfficialVerdicts(store.db, (await planOr404(store, req.params.plan)).meta.id);
    },
  );

  r.put(
    '/api/v1/plans/:plan/official-verdicts/:indicator',
    {
      schema: {
        tags: ['reporting'],
        summary: '录入正式结论（如上级考核结果）/ record an official verdict',
        params: PlanParams.extend({ indicator: z.string().max(50) }),
        body: z.object({
          verdict: z.string().min(1).max(20),
          reason: z.string().max(2000).optional(),
          source: z.string().max(300).optional(),
        }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      authorize(req, 'verdict.set');
      await setOfficialVerdict(store.db, actorOf(req), await planOr404(store, req.params.plan), req.params.indicator, req.body);
      return reply.status(204).send(null);
    },
  );

  r.delete(
    '/api/v1/plans/:plan/official-verdicts/:indicator',
    {
      schema: {
        tags: ['reporting'],
        summary: '撤销正式结论（须说明理由）/ withdraw an official verdict, with the reason',
        params: PlanParams.extend({ indicator: z.string().max(50) }),
        body: z.object({ reason: z.string().trim().min(1).max(2000) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      authorize(req, 'verdict.set');
      const plan = await planOr404(store, req.params.plan);
      await withdrawOfficialVerdict(store.db, actorOf(req), plan, req.params.indicator, req.body.reason);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/units',
    { schema: { tags: ['users'], summary: '单位 / departments, zones and towns', response: { 200: z.array(UnitOut) } } },
    async (req) => {
      authorize(req, 'unit.read');
      const rows = await store.db.selectFrom('units').selectAll().orderBy('kind').orderBy('id').execute();
      return rows.map((u) => ({ id: u.id, name: u.name, kind: u.kind, parentId: u.parent_id, description: u.description }));
    },
  );

  r.get(
    '/api/v1/users',
    { schema: { tags: ['users'], summary: '用户 / users', response: { 200: z.array(UserOut), ...errors } } },
    async (req) => {
      authorize(req, 'user.manage');
      return listUsers(store.db);
    },
  );

  r.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: '新增用户（未给密码时生成并返回一次）/ add a user',
        body: z.object({
          username: z.string(),
          role: z.enum(ROLES),
          unitId: z.string().nullable().optional(),
          displayName: z.string().max(100).optional(),
          password: z.string().min(8).max(200).optional(),
        }),
        response: { 200: z.object({ user: UserOut, generatedPassword: z.string().nullable() }), ...errors },
      },
    },
    async (req) => {
      authorize(req, 'user.manage');
      const password = req.body.password ?? generatePassword();
      const user = await addUser(store.db, actorOf(req), { ...req.body, password });
      return { user, generatedPassword: req.body.password ? null : password };
    },
  );

  r.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: '修改用户 / change role, unit, password or deactivate',
        params: z.object({ id: z.string().max(64) }),
        body: z.object({
          role: z.enum(ROLES).optional(),
          unitId: z.string().nullable().optional(),
          active: z.boolean().optional(),
          password: z.string().min(8).max(200).optional(),
          displayName: z.string().max(100).optional(),
        }),
        response: { 200: UserOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'user.manage');
      return updateUser(store.db, actorOf(req), req.params.id, req.body);
    },
  );

  r.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志 / audit log, per indicator or per user',
        querystring: z.object({
          plan: z.string().optional(),
          indicator: z.string().optional(),
          user: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          before: z.coerce.number().int().optional(),
        }),
        response: {
          200: z.array(
            z.object({
              seq: z.number(),
              at: z.string(),
              userId: z.string().nullable(),
              username: z.string().nullable(),
              action: z.string(),
              entity: z.string(),
              entityId: z.string(),
              planId: z.string().nullish(),
              indicatorId: z.string().nullish(),
              before: z.unknown().optional(),
              after: z.unknown().optional(),
              reason: z.string().nullish(),
            }),
          ),
          ...errors,
        },
      },
    },
    async (req) => {
      authorize(req, 'audit.read');
      const q = req.query;
      return listAudit(store.db, { planId: q.plan, indicatorId: q.indicator, userId: q.user, limit: q.limit, beforeSeq: q.before });
    },
  );
}
