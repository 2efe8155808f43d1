/**
 * The plan as data. Every file under src/plans/ is validated against these schemas, so a
 * reviewer's typo is reported with its file and path instead of surfacing later as a wrong verdict.
 */
import { z } from 'zod';
import { DEFAULT_SETTINGS } from './settings.js';
import { ProjectSchema } from './projects.js';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'ids use letters, digits, ".", "_" and "-"');
const text = z.string().min(1);

export const Attribute = z.enum(['预期性', '约束性']);
export type Attribute = z.infer<typeof Attribute>;

/** Which way is better for the underlying level; `keep` is a floor to hold (耕地保有量). */
export const Direction = z.enum(['up', 'down', 'band', 'keep']);
export type Direction = z.infer<typeof Direction>;

/** What a 「[x]」 adds up: yearly flows (sum), an intensity's yearly reductions (compounded), or the level's change. */
export const PeriodTotal = z.enum(['flows', 'reduction', 'levelChange']);

export const SettingsSchema = z
  .object({
    /** δ in domain.md §3: width of the 符合预期 band around the time share. */
    scheduleDelta: z.number().min(0).max(1),
    /** ±% of the target that counts as 「左右」. */
    bandTolerancePct: z.number().min(0),
    /** ±percentage points that count as 「基本同步」 between two growth rates. */
    syncTolerancePoints: z.number().min(0),
    /** A missed target within this % of it is 基本完成. */
    basicCompletionPct: z.number().min(0),
    /** Achieved change ≥ required change × (1 + this %) is flagged 超额. */
    exceedPct: z.number().min(0),
    /** Modified z-score above which a reported value is flagged as an outlier. */
    outlierZ: z.number().positive(),
    /** Open SDG ratio bands (on track / acceleration needed / limited; below 0: deterioration). */
    sdgBands: z.tuple([z.number(), z.number(), z.number()]),
    /** UNSD projected-level ratio bands. */
    unsdBands: z.tuple([z.number(), z.number()]),
  })
  .strict();
export type Settings = z.infer<typeof SettingsSchema>;

export const SectionSchema = z
  .object({
    id,
    title: text,
    paragraphs: z.array(text).default([]),
  })
  .strict();
export type Section = z.infer<typeof SectionSchema>;

export const ChapterSchema = z
  .object({
    id,
    no: z.number().int().positive(),
    title: text,
    /** Text between the chapter heading and its first section. */
    paragraphs: z.array(text).default([]),
    sections: z.array(SectionSchema).default([]),
  })
  .strict();
export type Chapter = z.infer<typeof ChapterSchema>;

export const ColumnItemSchema = z
  .object({
    id,
    name: text,
    /** Group heading inside the column (e.g. 「铁路」 in 专栏1), when the column has groups. */
    group: z.string().optional(),
    text: z.string().default(''),
  })
  .strict();

/** A 专栏 box: a titled list of programmes, projects or actions attached to a section. */
export const ColumnSchema = z
  .object({
    id,
    no: z.number().int().positive(),
    title: text,
    sectionId: id,
    items: z.array(ColumnItemSchema).min(1),
  })
  .strict();
export type Column = z.infer<typeof ColumnSchema>;

export const OrgUnitSchema = z
  .object({
    id,
    name: text,
    kind: z.enum(['district', 'zone', 'town', 'street', 'department', 'platform']),
    parentId: id.optional(),
    description: z.string().optional(),
  })
  .strict();
export type OrgUnit = z.infer<typeof OrgUnitSchema>;

export const OfficialVerdictSchema = z
  .object({
    verdict: text,
    reason: z.string().optional(),
    source: z.string().optional(),
  })
  .strict();
export type OfficialVerdict = z.infer<typeof OfficialVerdictSchema>;

/**
 * The same indicator in another plan: its counterpart in the parent plan (the ★ ▲ rows of a county
 * table) or its predecessor in the previous period's plan, possibly renamed or on another 口径.
 */
export const IndicatorLinkSchema = z
  .object({
    /** The other plan; when absent, the plan's parent (counterpart) or predecessor (predecessor). */
    plan: id.optional(),
    indicator: id,
    /**
     * False when the other indicator counts on another 口径 (scope): its values are then never
     * carried over or added up with this one's.
     */
    sameScope: z.boolean().default(true),
    note: z.string().optional(),
  })
  .strict();
export type IndicatorLink = z.infer<typeof IndicatorLinkSchema>;

export const IndicatorSchema = z
  .object({
    id,
    /** The row number as printed in the plan's table. */
    no: z.number().int().positive(),
    category: text,
    /** Merged heading shared by sub-rows (e.g. 「空气质量」). */
    group: z.string().optional(),
    name: text,
    unit: z.string().default(''),
    /** True when the unit is not printed in the source and was supplied by the reviewer. */
    unitFilled: z.boolean().default(false),
    /** Base-year value; null when the plan leaves it blank. */
    base: z.number().nullable(),
    /** Base as printed when it is not a plain number (「城镇4.2、农村6.8」). */
    baseWritten: z.string().optional(),
    /** Statistical scope (口径) of the base value, when stated. */
    baseScope: z.string().optional(),
    /**
     * The year the base value is of, when the table's note says it is not the base year's (「*」 =
     * 2019 data): a provisional base, replaced by the base year's own value once one is reported.
     */
    baseDataYear: z.number().int().optional(),
    /** Target exactly as written in the plan (notation of domain.md §2); absent on growth-only rows. */
    target: text.optional(),
    /** Paired growth target as written in a 「年均增长」 column (「7%」「0.54个百分点」). */
    growthTarget: z.string().optional(),
    attribute: Attribute.optional(),
    direction: Direction.optional(),
    /** Money series whose growth rates are real (可比价) while levels are nominal. */
    realGrowth: z.boolean().optional(),
    /** What a five-year total 「[x]」 adds up; inferred from the name and unit (with a note) when absent. */
    periodTotal: PeriodTotal.optional(),
    marks: z.array(z.string()).default([]),
    leadDepartment: z.string().optional(),
    sectionIds: z.array(id).default([]),
    officialVerdict: OfficialVerdictSchema.optional(),
    /** The same indicator in the parent plan (★ province and city, ▲ city counterpart). */
    counterpart: IndicatorLinkSchema.optional(),
    /** The same indicator in the previous period's plan. */
    predecessor: IndicatorLinkSchema.optional(),
    /** Whether counties' values add up to the parent's (GDP, grain output); inferred from the unit when absent. */
    additive: z.boolean().optional(),
    note: z.string().optional(),
  })
  .strict()
  .refine((i) => i.target !== undefined || i.growthTarget !== undefined, {
    message: 'an indicator needs a target or a growthTarget',
    path: ['target'],
  });
export type Indicator = z.infer<typeof IndicatorSchema>;

export const TaskTargetSchema = z
  .object({
    id,
    sectionId: id,
    name: text,
    unit: z.string().default(''),
    /** Target in the notation of domain.md §2, e.g. 「[500]」 for 500 over the period, 「50」. */
    target: text,
    /** The sentence of the plan that states it, verbatim. */
    quote: text,
    columnId: id.optional(),
    direction: Direction.optional(),
    periodTotal: PeriodTotal.optional(),
  })
  .strict();
export type TaskTarget = z.infer<typeof TaskTargetSchema>;

export const VisionTargetSchema = z
  .object({
    id,
    name: text,
    /** Relative to the plan's target year when `relativeTo` is given (「在2025年基础上再翻一番」). */
    target: text,
    quote: text,
    indicatorId: id.optional(),
  })
  .strict();
export type VisionTarget = z.infer<typeof VisionTargetSchema>;

export const SourceSchema = z
  .object({
    title: text,
    url: z.string().optional(),
    quote: z.string().optional(),
    /** The page cited is not the original: a reprint (转载) or a third party's compilation (第三方整理). */
    secondary: z.enum(['reprint', 'thirdParty']).optional(),
    /** The original a secondary source reprints or compiles, named (「秀洲区人民政府《2023年政府工作报告》」). */
    original: z.string().optional(),
  })
  .strict();
export type Source = z.infer<typeof SourceSchema>;

export const ObservationKind = z.enum([
  /** the value itself */
  'level',
  /** growth over the previous year, % */
  'growth_pct',
  /** change over the previous year, in the indicator's unit (percentage points for rates) */
  'change',
  /** average annual growth over base → year, % */
  'avg_growth_pct',
  /** average annual change over base → year */
  'avg_change',
  /** sum of the yearly values over base+1 → year */
  'cumulative',
]);
export type ObservationKind = z.infer<typeof ObservationKind>;

export const ObservationSchema = z
  .object({
    indicatorId: id,
    year: z.number().int(),
    kind: ObservationKind,
    value: z.number(),
    /** For values published only as a bound (「20以上」). */
    bound: z.enum(['atLeast', 'atMost']).optional(),
    written: z.string().optional(),
    unit: z.string().optional(),
    scope: z.string().optional(),
    source: SourceSchema.optional(),
    /** Synthetic demonstration value (示例数据); never mixed with published values. */
    demo: z.boolean().optional(),
    note: z.string().optional(),
  })
  .strict();
export type Observation = z.infer<typeof ObservationSchema>;

export const AnnualTargetSchema = z
  .object({
    indicatorId: id,
    year: z.number().int(),
    /** As written in the yearly plan (「增长7.5%左右」). */
    target: text,
    source: SourceSchema.optional(),
  })
  .strict();
export type AnnualTarget = z.infer<typeof AnnualTargetSchema>;

export const PlanLevel = z.enum(['national', 'province', 'city', 'county']);
export type PlanLevel = z.infer<typeof PlanLevel>;
export const PlanKind = z.enum(['development', 'special', 'regional', 'spatial']);
export type PlanKind = z.infer<typeof PlanKind>;

export const PlanMetaSchema = z
  .object({
    id,
    title: text,
    shortTitle: text,
    region: text,
    level: PlanLevel.default('county'),
    /** 发展规划 (the plan of a level), or a 专项/区域/国土空间规划 that serves one (`serves`). */
    kind: PlanKind.default('development'),
    /** The development plan of the level above (national → province → city → county). */
    parent: id.optional(),
    /** The same region's plan of the previous period; its successor is this plan. */
    predecessor: id.optional(),
    /** The development plans a special, regional or spatial plan serves. */
    serves: z.array(id).default([]),
    /** Synthetic demonstration plan (示例数据): lives only in demo workspaces, marked in every view. */
    demo: z.boolean().optional(),
    baseYear: z.number().int(),
    targetYear: z.number().int(),
    visionYear: z.number().int().optional(),
    published: z.string().optional(),
    source: SourceSchema.optional(),
    settings: SettingsSchema.partial().default({}),
    categories: z.array(text).min(1),
  })
  .strict()
  .refine((m) => m.targetYear > m.baseYear, { message: 'targetYear must be after baseYear', path: ['targetYear'] });

export const PlanSchema = z
  .object({
    meta: PlanMetaSchema,
    chapters: z.array(ChapterSchema).default([]),
    columns: z.array(ColumnSchema).default([]),
    indicators: z.array(IndicatorSchema).min(1),
    taskTargets: z.array(TaskTargetSchema).default([]),
    visionTargets: z.array(VisionTargetSchema).default([]),
    orgUnits: z.array(OrgUnitSchema).default([]),
    observations: z.array(ObservationSchema).default([]),
    annualTargets: z.array(AnnualTargetSchema).default([]),
    /** Major projects the plan names (专栏 items and the like), preloaded into the project registry. */
    projects: z.array(ProjectSchema).default([]),
  })
  .strict();
export type PlanInput = z.input<typeof PlanSchema>;
export type PlanData = z.infer<typeof PlanSchema>;

export interface Plan extends PlanData {
  settings: Settings;
}

export function withSettings(data: PlanData): Plan {
  return { ...data, settings: { ...DEFAULT_SETTINGS, ...data.meta.settings } };
}
