/**
 * Routes the web app needs beyond the core API: the cockpit's summary in one response (counts,
 * categories, headline series, the 三区 with their towns) and an indicator's level series as the
 * evaluation sees it (observed, chained and base points). Approved values only, like every public view.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readTargets, type IndicatorResult } from '../../core/evaluate.js';
import type { Indicator, Observation, Plan } from '../../core/model.js';
import { buildSeries, levelsOf } from '../../core/series.js';
import { indicatorCount, planPeriod } from '../../core/plan-facts.js';
import { sourceText } from '../../core/sources.js';
import { findTarget } from '../../core/targets.js';
import { evaluateStored } from '../../store/evaluation.js';
import type { Store } from '../../store/index.js';
import { defaultPlanId, listPlans } from '../../store/plans.js';
import { dataVersion } from '../../store/util.js';
import { authorize } from '../auth.js';
import { notFound } from '../errors.js';
import { memo } from '../memo.js';
import { planOr404 } from '../plan-access.js';
import { IndicatorResultOut } from './evaluation.js';
import { errors, PlanParams, YearQuery } from '../schemas.js';

export const LevelPointOut = z.object({
  year: z.number(),
  value: z.number(),
  method: z.string(),
  bound: z.string().optional(),
  scope: z.string().optional(),
  explanation: z.string().optional(),
});

export const ObservationOut = z.object({
  year: z.number(),
  kind: z.string(),
  value: z.number(),
  unit: z.string().optional(),
  scope: z.string().optional(),
  source: z
    .object({
      title: z.string(),
      url: z.string().optional(),
      quote: z.string().optional(),
      secondary: z.enum(['reprint', 'thirdParty']).optional(),
      original: z.string().optional(),
      /** The source as a reader sees it: 「…（转载，原文：…）」 (given by the server's routes). */
      text: z.string().optional(),
    })
    .optional(),
  /** The figure's caveat (a point-in-time figure, a scope not stated, a source to confirm). */
  note: z.string().optional(),
  demo: z.boolean().optional(),
});

export const SeriesOut = z.object({
  /** The plan's base and level target (also when there is no data yet), for the schedule path. */
  base: z.number().nullable(),
  target: z.number().nullable(),
  stretch: z.number().nullable(),
  levels: z.array(LevelPointOut),
  growth: z.array(z.object({ year: z.number(), value: z.number() })),
  change: z.array(z.object({ year: z.number(), value: z.number() })),
  incomparable: z.array(ObservationOut),
  notes: z.array(z.string()).readonly(),
});

/** The series route's response: the series up to the evaluated year. */
export const IndicatorSeriesOut = SeriesOut.extend({ year: z.number() });

export const IndicatorSummaryOut = IndicatorResultOut.pick({
  indicatorId: true,
  no: true,
  name: true,
  category: true,
  group: true,
  unit: true,
  attribute: true,
  status: true,
  statusLabel: true,
  verdict: true,
  shownLabel: true,
  warning: true,
  targetWritten: true,
  explanation: true,
}).extend({
  /** The figure progress is measured on: a level on the base's scope, published or estimated (推算). */
  latest: LevelPointOut.nullable(),
  /**
   * The latest level as published, on whatever scope it was published (「622.31亿元（小口径）」): the
   * headline figure. Null when no level is published; equal to `latest` when that is itself published.
   */
  published: ObservationOut.nullable(),
  /** The values behind the latest figure, with their source and statistical scope (口径). */
  latestObservations: z.array(ObservationOut),
});

export const HeadlineOut = IndicatorSummaryOut.extend({
  key: z.enum(['gdp', 'rd', 'air', 'pm25']),
  base: z.number().nullable(),
  target: z.number().nullable(),
  requiredGrowthPct: z.number().nullable(),
  realisedGrowthPct: z.number().nullable(),
  growthTargetWritten: z.string().optional(),
  annual: z.object({ year: z.number(), target: z.string(), verdictLabel: z.string(), explanation: z.string() }).nullable(),
  series: z.array(LevelPointOut),
  notes: z.array(z.string()).readonly(),
});

export const CockpitOut = z.object({
  plan: z.object({
    id: z.string(),
    title: z.string(),
    shortTitle: z.string(),
    region: z.string(),
    baseYear: z.number(),
    targetYear: z.number(),
    /** The plan period as printed: 2021—2025 for a base year of 2020. */
    period: z.string(),
    categories: z.array(z.string()),
  }),
  /** Main indicators (a row with sub-rows once) and measured items (each sub-row): 37 and 38. */
  indicatorCount: z.object({ main: z.number(), measured: z.number() }),
  plans: z.array(z.object({ id: z.string(), shortTitle: z.string(), isDefault: z.boolean() })),
  year: z.number(),
  latestYear: z.number(),
  years: z.array(z.number()),
  mode: z.enum(['progress', 'final']),
  dataVersion: z.number(),
  counts: z.record(z.string(), z.number()),
  warnings: z.number(),
  /** The task targets of the plan text (任务目标), counted apart from the main indicators. */
  taskTargets: z.object({
    total: z.number(),
    /** By status (by verdict at the end of the period), 数据缺失 included. */
    counts: z.record(z.string(), z.number()),
    /** How many have no approved value to judge yet. */
    noData: z.number(),
  }),
  byCategory: z.array(z.object({ category: z.string(), total: z.number(), counts: z.record(z.string(), z.number()) })),
  indicators: z.array(IndicatorSummaryOut),
  headline: z.array(HeadlineOut),
  zones: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string().nullable(),
      units: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
    }),
  ),
});

const HEADLINE: { key: 'gdp' | 'rd' | 'air' | 'pm25'; match: (name: string) => boolean }[] = [
  { key: 'gdp', match: (n) => n === '地区生产总值' },
  { key: 'rd', match: (n) => n.includes('研发经费') },
  { key: 'air', match: (n) => n.includes('空气质量优良') },
  { key: 'pm25', match: (n) => n.includes('PM2.5') },
];

const round = (n: number): number => Number(n.toFixed(6));

function point(p: { year: number; value: number; method: string; bound?: string; scope?: string; explanation?: string }) {
  return {
    year: p.year,
    value: round(p.value),
    method: p.method,
    ...(p.bound ? { bound: p.bound } : {}),
    ...(p.scope ? { scope: p.scope } : {}),
    ...(p.explanation ? { explanation: p.explanation } : {}),
  };
}

function observationOut(o: Observation) {
  return {
    year: o.year,
    kind: o.kind,
    value: o.value,
    ...(o.unit ? { unit: o.unit } : {}),
    ...(o.scope ? { scope: o.scope } : {}),
    ...(o.source ? { source: { ...o.source, text: sourceText(o.source) } } : {}),
    ...(o.note ? { note: o.note } : {}),
    ...(o.demo ? { demo: true } : {}),
  };
}

/** The latest level published for the indicator up to the evaluated year, whatever its scope. */
function publishedLevel(r: IndicatorResult) {
  const levels = r.observations.filter((o) => o.kind === 'level' && o.year <= r.year);
  const last = levels.sort((a, b) => b.year - a.year)[0];
  return last ? observationOut(last) : null;
}

function summary(r: IndicatorResult) {
  const latest = r.figures.latest;
  const dataYear = latest?.year ?? Math.max(0, ...r.observations.map((o) => o.year));
  return {
    indicatorId: r.indicatorId,
    no: r.no,
    name: r.name,
    category: r.category,
    ...(r.group ? { group: r.group } : {}),
    unit: r.unit,
    ...(r.attribute ? { attribute: r.attribute } : {}),
    ...(r.status ? { status: r.status, statusLabel: r.statusLabel } : {}),
    ...(r.verdict ? { verdict: r.verdict } : {}),
    shownLabel: r.shownLabel,
    warning: r.warning,
    targetWritten: r.targetWritten,
    latest: latest ? point(latest) : null,
    published: publishedLevel(r),
    explanation: r.explain(),
    latestObservations: r.observations.filter((o) => o.year === dataYear).map(observationOut),
  };
}

function levelTarget(ind: Indicator): { target: number | null; stretch: number | null } {
  const t = readTargets(ind).target;
  return t?.kind === 'level' ? { target: t.value, stretch: t.stretch ?? null } : { target: null, stretch: null };
}

function seriesOf(ind: Indicator, observations: Observation[], plan: Plan, year: number) {
  const s = buildSeries(ind, observations, plan.meta.baseYear, year);
  return {
    base: ind.base,
    ...levelTarget(ind),
    levels: levelsOf(s).map(point),
    growth: [...s.growth.entries()].sort((a, b) => a[0] - b[0]).map(([y, v]) => ({ year: y, value: v })),
    change: [...s.change.entries()].sort((a, b) => a[0] - b[0]).map(([y, v]) => ({ year: y, value: v })),
    incomparable: s.incomparable.map(observationOut),
    notes: s.notes,
  };
}

export function webSupportRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/cockpit',
    {
      schema: {
        tags: ['evaluation'],
        summary: '驾驶舱 / cockpit summary of a plan for a year',
        description:
          '一次返回驾驶舱所需的全部内容：各状态数量、按类别统计、预警指标、核心指标趋势、任务目标进展（各状态数量）、三区及镇街。plan 缺省为默认规划，year 缺省为有数据的最近年份。仅使用已审核数据。',
        querystring: z.object({
          plan: z.string().min(1).max(100).optional(),
          year: YearQuery.optional(),
          final: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: CockpitOut, ...errors },
      },
    },
    async (req, reply) => {
      authorize(req, 'evaluation.read');
      const planId = req.query.plan ?? (await defaultPlanId(store.db));
      if (!planId) throw notFound('规划');
      const final = req.query.final === 'true';
      // The same for every reader: one serialisation per plan, year, mode and data version, since
      // the cockpit is what every visitor opens first (issue 13: load with writes).
      const version = await dataVersion(store.db);
      const key = `${planId}|${req.query.year ?? ''}|${final}|${version}`;
      const body = await cockpitBodies(key, async () =>
        JSON.stringify(CockpitOut.parse(await cockpit(store, planId, req.query.year, final))),
      );
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  );

  r.get(
    '/api/v1/plans/:plan/indicators/:indicator/series',
    {
      schema: {
        tags: ['evaluation'],
        summary: '指标水平序列 / the level series of an indicator as the evaluation reads it',
        description: '基期、实际值与按增速推算的水平（标明推算方法），各年增速与变动，口径不同而未比较的数值。仅使用已审核数据。',
        params: PlanParams.extend({ indicator: z.string().max(50) }),
        querystring: z.object({ year: YearQuery.optional() }),
        response: { 200: IndicatorSeriesOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'evaluation.read');
      const plan = await planOr404(store, req.params.plan);
      const ind = findTarget(plan, req.params.indicator);
      if (!ind) throw notFound(`指标或任务目标「${req.params.indicator}」`);
      const stored = (await evaluateStored(store.db, plan.meta.id, { year: req.query.year }))!;
      const year = stored.evaluation.year;
      const own = stored.observations.filter((o) => o.indicatorId === ind.id);
      return { year, ...seriesOf(ind, own, plan, year) };
    },
  );
}

/** Serialised cockpit responses, bounded by their size (8 M characters). */
const cockpitBodies = memo<string>({ maxSize: 8 * 1024 * 1024, size: (b) => b.length });

/** The cockpit's summary of a plan for a year: counts, categories, headline series, the 三区 and towns. */
async function cockpit(store: Store, planId: string, year: number | undefined, final: boolean) {
  const plan = await planOr404(store, planId);
  const stored = (await evaluateStored(store.db, plan.meta.id, { year, final }))!;
  const { evaluation: e, taskEvaluation: te, observations } = stored;
  const { baseYear, targetYear } = plan.meta;

  const byCategory = plan.meta.categories.map((category) => {
    const rows = e.results.filter((x) => x.category === category);
    const counts: Record<string, number> = {};
    for (const x of rows) {
      const k = (final ? x.verdict : x.status) ?? 'dataMissing';
      counts[k] = (counts[k] ?? 0) + 1;
    }
    return { category, total: rows.length, counts };
  });

  const headline = [];
  for (const h of HEADLINE) {
    const ind = plan.indicators.find((i) => h.match(i.name));
    const res = ind && e.results.find((x) => x.indicatorId === ind.id);
    if (!ind || !res) continue;
    const own = observations.filter((o) => o.indicatorId === ind.id && o.year <= e.year);
    const f = res.figures;
    headline.push({
      ...summary(res),
      key: h.key,
      base: f.base ?? ind.base,
      target: f.target ?? levelTarget(ind).target,
      requiredGrowthPct: f.requiredGrowthPct ?? null,
      realisedGrowthPct: f.realisedGrowthPct ?? null,
      ...(res.growthTargetWritten ? { growthTargetWritten: res.growthTargetWritten } : {}),
      annual: res.annual
        ? {
            year: res.annual.year,
            target: res.annual.target,
            verdictLabel: res.annual.verdictLabel,
            explanation: res.annual.explanation,
          }
        : null,
      series: seriesOf(ind, own, plan, e.year).levels,
      notes: res.notes,
    });
  }

  const units = plan.orgUnits;
  const zones = units
    .filter((u) => u.kind === 'zone')
    .map((z) => ({
      id: z.id,
      name: z.name,
      description: z.description ?? null,
      units: units
        .filter((u) => u.parentId === z.id && (u.kind === 'town' || u.kind === 'street' || u.kind === 'platform'))
        .map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
    }));

  const years: number[] = [];
  for (let y = baseYear + 1; y <= targetYear; y++) years.push(y);

  return {
    plan: {
      id: plan.meta.id,
      title: plan.meta.title,
      shortTitle: plan.meta.shortTitle,
      region: plan.meta.region,
      baseYear,
      targetYear,
      period: planPeriod(plan.meta),
      categories: plan.meta.categories,
    },
    indicatorCount: indicatorCount(e.results),
    plans: await Promise.all(
      (await listPlans(store.db)).map(async (p) => ({
        id: p.id,
        shortTitle: (await planOr404(store, p.id)).meta.shortTitle,
        isDefault: p.isDefault,
      })),
    ),
    year: e.year,
    latestYear: stored.latestYear,
    years,
    mode: e.mode,
    dataVersion: stored.dataVersion,
    counts: e.counts,
    warnings: e.warnings,
    taskTargets: { total: te.results.length, counts: te.counts, noData: te.counts.dataMissing ?? 0 },
    byCategory,
    indicators: e.results.map(summary),
    headline,
    zones,
  };
}
