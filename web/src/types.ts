/**
 * Shapes of the API responses the app reads (see /api/openapi.json), derived from the zod schemas
 * the server's routes declare (src/server/…) and the core's (src/core/…): one declaration of each.
 * Every import here is `import type`, erased by the build, so no server code reaches the browser.
 * The pages import their API types from this file only.
 */
import type { z } from 'zod';
import type { Figures as CoreFigures } from '../../src/core/evaluate.js';
import type { AnnualTargetSchema, ChapterSchema, ColumnSchema, SectionSchema, SourceSchema } from '../../src/core/model.js';
import type { MilestoneSchema, RequirementsSchema, Stage, ProjectCategory as CoreProjectCategory } from '../../src/core/projects.js';
import type { AssignmentOut, CalendarOut, UnitOut } from '../../src/server/routes/admin.js';
import type { EvaluationOut, IndicatorDetailOut, IndicatorResultOut } from '../../src/server/routes/evaluation.js';
import type { ImportIssue as CoreImportIssue } from '../../src/importers/sheet/index.js';
import type { JobOut, SummaryOut } from '../../src/server/routes/imports.js';
import type { LedgerSummaryOut } from '../../src/server/routes/project-ledger.js';
import type { RelationsOut, RollupOut, SeriesOut } from '../../src/server/routes/hierarchy-schemas.js';
import type { IndicatorOut, PlanSummaryOut, TaskTargetOut } from '../../src/server/routes/plans.js';
import type {
  InvestmentOut,
  IssueOut,
  ProjectDetailOut,
  ProjectListOut,
  ProjectMonitoringOut,
  ProjectOut,
  ReportOut,
  WarningOut,
} from '../../src/server/routes/projects.js';
import type { SessionOut } from '../../src/server/routes/session.js';
import type { IdentityLinkOut, IdentityRuleOut } from '../../src/server/routes/oidc-admin.js';
import type { InboxOut } from '../../src/server/routes/values.js';
import type { TownMatrixOut } from '../../src/server/routes/towns.js';
import type {
  CockpitOut,
  HeadlineOut,
  IndicatorSeriesOut,
  IndicatorSummaryOut,
  LevelPointOut,
  ObservationOut,
} from '../../src/server/routes/web-support.js';
import type { OverdueOut, QualityIssueOut, UserOut, ValueOut } from '../../src/server/schemas.js';

type Out<T extends z.ZodType> = z.output<T>;

// Accounts and plans.
export type User = Out<typeof UserOut>;
export type Role = User['role'];
/** Sign-in through the identity platform: a rule giving identities their unit and role, an identity linked to an account. */
export type IdentityRule = Out<typeof IdentityRuleOut>;
export type IdentityLink = Out<typeof IdentityLinkOut>;
export type Session = Out<typeof SessionOut>;
/** What the user may do, action by action, computed by the server from its permission table. */
export type Abilities = Session['abilities'];
/** An action of src/server/permissions.ts. */
export type Action = keyof Abilities;
export type PlanSummary = Out<typeof PlanSummaryOut>;
export type Source = Out<typeof SourceSchema>;

/**
 * An observation as the cockpit and series views send it (year, kind, value, unit, scope, source).
 * The evaluation's observations (core ObservationSchema, with id, bound and note) are assignable to it.
 */
export type Observation = Out<typeof ObservationOut>;
export type LevelPoint = Out<typeof LevelPointOut>;

/**
 * The figures behind a result. The response schema declares them as an open record (the engine adds
 * figures as rules need them); their shape is the core engine's.
 */
export type Figures = CoreFigures;
export type Forecast = NonNullable<Figures['forecast']>;

// Evaluation.
export type IndicatorResult = Omit<Out<typeof IndicatorResultOut>, 'figures'> & { figures: Figures };
export type Evaluation = Omit<Out<typeof EvaluationOut>, 'results'> & { results: IndicatorResult[] };
export type IndicatorDetail = Omit<Out<typeof IndicatorDetailOut>, 'result'> & { result: IndicatorResult };
export type AuditEntry = NonNullable<IndicatorDetail['audit']>[number];
export type Indicator = Out<typeof IndicatorOut>;
export type IndicatorSummary = Out<typeof IndicatorSummaryOut>;
export type Headline = Out<typeof HeadlineOut>;
export type Cockpit = Out<typeof CockpitOut>;
export type Series = Out<typeof IndicatorSeriesOut>;

// The plan's text.
export type Section = Out<typeof SectionSchema>;
export type Chapter = Out<typeof ChapterSchema>;
export type Column = Out<typeof ColumnSchema>;
/** A quantitative task target of the plan's prose (1847 charging piles…), with the kind of its target. */
export type TaskTarget = Out<typeof TaskTargetOut>;

// Reporting.
export type QualityIssue = Out<typeof QualityIssueOut>;
export type ValueRecord = Out<typeof ValueOut>;
export type Unit = Out<typeof UnitOut>;
export type CalendarEntry = Out<typeof CalendarOut>;
export type OverdueItem = Out<typeof OverdueOut>;
export type Inbox = Out<typeof InboxOut>;
export type Assignment = Out<typeof AssignmentOut>;
/** A target of a yearly plan (年度计划), as written: 「增长7.5%左右」, with its source. */
export type AnnualTarget = Out<typeof AnnualTargetSchema>;
/** A year judged against its yearly-plan target, carried by a result when that year has one. */
export type AnnualResult = NonNullable<IndicatorResult['annual']>;

/** Major projects (重大项目): see /api/v1/plans/:plan/projects and /api/v1/projects/:id. */
export type ProjectStage = Stage;
export type ProjectCategory = CoreProjectCategory;
export type Milestone = Out<typeof MilestoneSchema>;
export type ProjectRequirements = Out<typeof RequirementsSchema>;
export type Project = Out<typeof ProjectOut>;
export type InvestmentProgress = Out<typeof InvestmentOut>;
export type ProjectList = Out<typeof ProjectListOut>;
export type ProjectListItem = ProjectList['items'][number];
export type ProjectWarning = Out<typeof WarningOut>;
export type ProjectReport = Out<typeof ReportOut>;
export type ProjectIssue = Out<typeof IssueOut>;
export type ProjectDetail = Out<typeof ProjectDetailOut>;
export type ProjectMonitoring = Out<typeof ProjectMonitoringOut>;
/** A roll-up row by town or by unit; the rows by category also carry their label. */
export type RollupRow = ProjectMonitoring['byTown'][number] & Partial<Pick<ProjectMonitoring['byCategory'][number], 'label'>>;
export type DimensionScore = ProjectMonitoring['dimensions'][number];

export type Job = Out<typeof JobOut>;
export type TownMatrix = Out<typeof TownMatrixOut>;

// Imports (数据导入): what a file wrote or would write, and the problems that refused it (error.details.issues).
export type ImportSummary = Out<typeof SummaryOut>;
export type LedgerSummary = Out<typeof LedgerSummaryOut>;
export type ImportIssue = CoreImportIssue;

// Plans in their hierarchy and over time.
export type Rollup = Out<typeof RollupOut>;
export type RollupCell = NonNullable<Rollup['rows'][number]['cells'][string]>;
export type Relations = Out<typeof RelationsOut>;
export type PeriodSeries = Out<typeof SeriesOut>;
