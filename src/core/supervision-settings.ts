/**
 * The settings of warnings, supervision deadlines and the unit assessment (考核). They are plan
 * settings (`settings.supervision` in plan.yaml), each with a product default, so that a district
 * that counts differently changes a number in its plan file and every view shows the new figure.
 */
import { z } from 'zod';
import type { StatusCode } from './labels.js';

const Status = z.enum(['achieved', 'ahead', 'onTrack', 'slightlyBehind', 'lagging', 'seriouslyLagging']);

export const SupervisionSettingsSchema = z
  .object({
    /** Statuses that count as lagging (滞后) for warnings: binding → red, otherwise yellow. */
    laggingStatuses: z.array(Status).min(1),
    /** N: an open order due within this many days is blue (临期). */
    dueSoonDays: z.number().int().min(0).max(365),
    /** M: an order overdue by more than this many days is red. */
    redAfterDays: z.number().int().min(0).max(365),
    /** An open order returned this many times is red whatever its deadline. */
    redAfterReturns: z.number().int().min(1).max(20),
    /** Project warnings shown red; the other project warnings are yellow. */
    redProjectWarnings: z.array(z.enum(['investmentBehind', 'milestoneOverdue', 'stalled', 'notStarted', 'issueOpen'])),
    /** A value overdue by more than this many days past the calendar's due date is red. */
    reportRedAfterDays: z.number().int().min(0).max(365),
    /** Assessment weights of the three outcome measures; normalised over the measures a unit has. */
    weights: z.object({ targetsOnTrack: z.number().min(0), ordersOnTime: z.number().min(0), reportsOnTime: z.number().min(0) }).strict(),
  })
  .partial()
  .strict();

export type SupervisionSettings = Required<z.infer<typeof SupervisionSettingsSchema>>;

export const DEFAULT_SUPERVISION: SupervisionSettings = {
  laggingStatuses: ['lagging', 'seriouslyLagging'],
  dueSoonDays: 3,
  redAfterDays: 7,
  redAfterReturns: 2,
  redProjectWarnings: ['milestoneOverdue', 'notStarted'],
  reportRedAfterDays: 30,
  weights: { targetsOnTrack: 0.5, ordersOnTime: 0.3, reportsOnTime: 0.2 },
};

/** The plan's supervision settings over the defaults (the plan may set any of them). */
export function supervisionSettings(plan: { settings: { supervision?: Partial<SupervisionSettings> } }): SupervisionSettings {
  return { ...DEFAULT_SUPERVISION, ...(plan.settings.supervision ?? {}) };
}

export const isLagging = (s: SupervisionSettings, status: StatusCode | undefined): boolean =>
  status !== undefined && (s.laggingStatuses as readonly string[]).includes(status);
