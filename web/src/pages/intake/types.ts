/** The draft as the plan-intake API returns it (src/importers/plan-document/draft.ts, DraftOut). */
import type { PlanDraft } from '../../../../src/importers/plan-document/draft.js';

export type { PlanDraft };

export interface Flag {
  part: string;
  id: string;
  reason: string;
  where: string;
}

export interface DraftSummary {
  id: string;
  planId: string;
  fileName: string;
  format: string;
  status: 'open' | 'published' | 'discarded';
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

export interface StoredDraft extends DraftSummary {
  draft: PlanDraft;
  openFlags: Flag[];
}

export interface Reviewable {
  id: string;
  source: { where: string; text: string };
  flags?: string[];
  review?: { state: 'accepted' | 'rejected'; by: string };
}

// A flag's part in words (规划信息 for the plan's own data).
export const PART = {
  meta: 'intakeMeta',
  chapters: 'intakeChapters',
  columns: 'intakeColumns',
  indicators: 'intakeIndicators',
  taskTargets: 'intakeTaskTargets',
  projects: 'intakeProjects',
  orgUnits: 'intakeOrgUnits',
} as const;
