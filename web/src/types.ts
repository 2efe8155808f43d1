/** Shapes of the API responses the app reads (see /api/openapi.json). */
export type Role = 'admin' | 'reporter' | 'leader' | 'public';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  active: boolean;
  createdAt: string;
}

export interface Session {
  user: User | null;
  csrfToken: string | null;
  demo: boolean;
}

export interface PlanSummary {
  id: string;
  title: string;
  shortTitle: string;
  region: string;
  baseYear: number;
  targetYear: number;
  isDefault: boolean;
}

export interface Source {
  title: string;
  url?: string;
  quote?: string;
}

export interface Observation {
  indicatorId?: string;
  year: number;
  kind: string;
  value: number;
  bound?: string;
  written?: string;
  unit?: string;
  scope?: string;
  source?: Source;
  demo?: boolean;
  note?: string;
}

export interface LevelPoint {
  year: number;
  value: number;
  method: string;
  bound?: string;
  scope?: string;
  explanation?: string;
}

export interface Forecast {
  value: number;
  method: string;
  basis: string;
}

export interface Figures {
  baseYear: number;
  targetYear: number;
  base: number | null;
  target?: number;
  stretch?: number;
  latest?: LevelPoint;
  dataYear?: number;
  timeShare?: number;
  completion?: number;
  scheduleValue?: number;
  realisedGrowthPct?: number;
  realisedGrowthMethod?: string;
  requiredGrowthPct?: number;
  requiredChange?: number;
  targetGrowthPct?: number;
  growthRatio?: number;
  cumulativeSum?: number;
  achievedChange?: number;
  referenceGrowthPct?: number;
  forecast?: Forecast;
  anticipatedCompletion?: number;
  sdgRatio?: number;
  sdgBand?: string;
  unsdBand?: string;
}

export interface IndicatorResult {
  indicatorId: string;
  no: number;
  name: string;
  category: string;
  group?: string;
  unit: string;
  attribute?: string;
  direction: string;
  targetWritten: string;
  growthTargetWritten?: string;
  targetKind: string;
  mode: 'progress' | 'final';
  year: number;
  status?: string;
  statusLabel?: string;
  verdict?: string;
  verdictLabel?: string;
  exceeded?: boolean;
  officialVerdict?: { verdict: string; label: string; reason?: string; source?: string };
  shownLabel: string;
  warning: boolean;
  figures: Figures;
  rule: { id: string; text: string };
  explanation: string;
  notes: string[];
  comparable: boolean;
  annual?: {
    year: number;
    target: string;
    actual?: number;
    actualKind?: string;
    verdict: string;
    verdictLabel: string;
    explanation: string;
  };
  observations: Observation[];
}

export interface Evaluation {
  planId: string;
  year: number;
  mode: 'progress' | 'final';
  latestYear: number;
  dataVersion: number;
  demo: boolean;
  counts: Record<string, number>;
  warnings: number;
  results: IndicatorResult[];
}

export interface Indicator {
  id: string;
  no: number;
  category: string;
  group?: string;
  name: string;
  unit: string;
  base: number | null;
  baseWritten?: string;
  baseScope?: string;
  target?: string;
  growthTarget?: string;
  attribute?: string;
  marks: string[];
  leadDepartment?: string;
  sectionIds: string[];
  note?: string;
  direction: string;
  directionLabel: string;
  targetKind: string;
}

export interface IndicatorSummary {
  indicatorId: string;
  no: number;
  name: string;
  category: string;
  group?: string;
  unit: string;
  attribute?: string;
  status?: string;
  statusLabel?: string;
  verdict?: string;
  shownLabel: string;
  warning: boolean;
  targetWritten: string;
  latest: LevelPoint | null;
  explanation: string;
  latestObservations: Observation[];
}

export interface Headline extends IndicatorSummary {
  key: 'gdp' | 'rd' | 'air' | 'pm25';
  base: number | null;
  target: number | null;
  requiredGrowthPct: number | null;
  realisedGrowthPct: number | null;
  growthTargetWritten?: string;
  annual: { year: number; target: string; verdictLabel: string; explanation: string } | null;
  series: LevelPoint[];
  notes: string[];
}

export interface Cockpit {
  plan: { id: string; title: string; shortTitle: string; region: string; baseYear: number; targetYear: number; categories: string[] };
  plans: { id: string; shortTitle: string; isDefault: boolean }[];
  year: number;
  latestYear: number;
  years: number[];
  mode: 'progress' | 'final';
  dataVersion: number;
  counts: Record<string, number>;
  warnings: number;
  byCategory: { category: string; total: number; counts: Record<string, number> }[];
  indicators: IndicatorSummary[];
  headline: Headline[];
  zones: { id: string; name: string; description: string | null; units: { id: string; name: string; kind: string }[] }[];
}

export interface QualityIssue {
  code: string;
  severity: 'error' | 'flag';
  message: string;
  figures?: Record<string, number>;
}

export interface ValueRecord {
  id: string;
  planId: string;
  indicatorId: string;
  year: number;
  kind: string;
  value: number;
  bound: string | null;
  written: string | null;
  unit: string | null;
  scope: string | null;
  source: Source | null;
  note: string | null;
  status: 'draft' | 'submitted' | 'returned' | 'approved';
  locked: boolean;
  origin: string;
  reporterUnitId: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  returnReason: string | null;
  explanation: string | null;
  flags: QualityIssue[];
  revision: number;
  demo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  username: string | null;
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface IndicatorDetail {
  result: IndicatorResult;
  values: ValueRecord[];
  annualTargets: { indicatorId: string; year: number; target: string; source?: Source }[];
  sections: { id: string; title: string; chapterTitle: string }[];
  taskTargets: { id: string; name: string; target: string; unit: string; sectionId: string }[];
  assignedUnits: string[];
  audit: AuditEntry[] | null;
}

export interface Series {
  year: number;
  base: number | null;
  target: number | null;
  stretch: number | null;
  levels: LevelPoint[];
  growth: { year: number; value: number }[];
  change: { year: number; value: number }[];
  incomparable: Observation[];
  notes: string[];
}

export interface Section {
  id: string;
  title: string;
  paragraphs: string[];
}

export interface Chapter {
  id: string;
  no: number;
  title: string;
  paragraphs: string[];
  sections: Section[];
}

export interface Column {
  id: string;
  no: number;
  title: string;
  sectionId: string;
  items: { id: string; name: string; group?: string; text: string }[];
}

export interface TaskTarget {
  id: string;
  sectionId: string;
  name: string;
  unit: string;
  target: string;
  quote: string;
  columnId?: string;
}

export interface Unit {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  description: string | null;
}

export interface CalendarEntry {
  id: string;
  year: number;
  title: string;
  dueDate: string;
  note: string | null;
}

export interface OverdueItem {
  indicatorId: string;
  unitId: string;
  year: number;
  dueDate: string;
  calendarTitle: string;
  state: string;
}

export interface Inbox {
  indicators: string[];
  due: CalendarEntry[];
  overdue: OverdueItem[];
  returned: ValueRecord[];
  drafts: ValueRecord[];
  submitted: ValueRecord[];
}

/** Major projects (重大项目): see /api/v1/plans/:plan/projects and /api/v1/projects/:id. */
export type ProjectStage = 'planning' | 'preparation' | 'started' | 'construction' | 'completed' | 'operation';
export type ProjectCategory = 'industry' | 'infrastructure' | 'publicService' | 'ecology' | 'culture' | 'innovation' | 'other';

export interface Milestone {
  id: string;
  name: string;
  due: string;
  doneOn: string | null;
}

export interface ProjectRequirements {
  landMu: number | null;
  energyTce: number | null;
  fundingGap: number | null;
  secured: boolean;
}

export interface Project {
  id: string;
  name: string;
  category: ProjectCategory;
  ownerUnit: string | null;
  responsibleUnitId: string | null;
  townId: string | null;
  sectionIds: string[];
  columnId: string | null;
  columnItemId: string | null;
  totalInvestment: number | null;
  annualPlan: Record<string, number>;
  plannedStart: string | null;
  plannedFinish: string | null;
  stage: ProjectStage;
  milestones: Milestone[];
  requirements: ProjectRequirements;
  quantities: string;
  description: string;
  planId: string;
  origin: string;
  updatedAt: string;
}

export interface InvestmentProgress {
  year: number;
  asOf: string;
  planned: number | null;
  completed: number;
  rate: number | null;
  timeShare: number;
  gapPoints: number | null;
  text: string;
}

export interface ProjectListItem extends Project {
  investment: InvestmentProgress;
}

export interface ProjectList {
  total: number;
  items: ProjectListItem[];
  labels: unknown;
}

export interface ProjectWarning {
  projectId: string;
  projectName: string;
  kind: string;
  message: string;
}

export interface ProjectReport {
  id: string;
  projectId: string;
  period: string;
  investment: number;
  stage: ProjectStage | null;
  milestonesDone: string[];
  note: string | null;
  status: 'draft' | 'submitted' | 'returned' | 'approved';
  submittedBy: string | null;
  reviewedBy: string | null;
  returnReason: string | null;
  updatedAt: string;
}

export interface ProjectIssue {
  id: string;
  title: string;
  ownerUnit: string | null;
  status: 'open' | 'resolved';
  openedIn: string;
  resolvedIn: string | null;
}

export interface ProjectDetail {
  project: Project;
  reports: ProjectReport[];
  issues: ProjectIssue[];
  investment: InvestmentProgress;
  warnings: ProjectWarning[];
}

export interface RollupRow {
  key: string;
  label?: string;
  projects: number;
  planned: number;
  completed: number;
  rate: number | null;
}

export interface DimensionScore {
  key: string;
  name: string;
  score: number | null;
  formula: string;
  inputs: Record<string, number>;
}

export interface ProjectMonitoring {
  asOf: string;
  projects: number;
  investment: Omit<InvestmentProgress, 'text'>;
  warnings: ProjectWarning[];
  byCategory: RollupRow[];
  byTown: RollupRow[];
  byUnit: RollupRow[];
  byStage: Record<string, number>;
  dimensions: DimensionScore[];
}

export interface Job {
  id: string;
  kind: string;
  status: string;
  phase: string | null;
  done: number;
  total: number | null;
  result: unknown;
  error: unknown;
}
