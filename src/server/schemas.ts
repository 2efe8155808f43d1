/** Request and response schemas shared by several routes; each route declares its own around them. */
import { z } from 'zod';
import { ObservationKind } from '../core/model.js';
import { ROLES } from '../store/accounts.js';
import { ACTIONS } from './permissions.js';

export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });
export const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export const PlanParams = z.object({ plan: z.string().min(1).max(100) });

export const SourceBody = z.object({
  title: z.string().min(1).max(300),
  url: z.string().max(1000).optional(),
  quote: z.string().max(2000).optional(),
  /** The page cited is a reprint (转载) or a third party's compilation (第三方整理) of `original`. */
  secondary: z.enum(['reprint', 'thirdParty']).optional(),
  original: z.string().max(300).optional(),
});

export const UserOut = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitId: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
});

/** What the user may do (every action of src/server/permissions.ts), overall or on the object it comes with. */
export const AbilitiesOut = z.record(z.enum(ACTIONS), z.boolean());

export const QualityIssueOut = z.object({
  code: z.string(),
  severity: z.enum(['error', 'flag']),
  message: z.string(),
  figures: z.record(z.string(), z.number()).optional(),
});

export const ValueOut = z.object({
  id: z.string(),
  planId: z.string(),
  indicatorId: z.string(),
  year: z.number(),
  kind: ObservationKind,
  value: z.number(),
  bound: z.enum(['atLeast', 'atMost']).nullable(),
  written: z.string().nullable(),
  unit: z.string().nullable(),
  scope: z.string().nullable(),
  source: SourceBody.nullable(),
  note: z.string().nullable(),
  status: z.enum(['draft', 'submitted', 'returned', 'approved']),
  locked: z.boolean(),
  origin: z.string(),
  reporterUnitId: z.string().nullable(),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  explanation: z.string().nullable(),
  flags: z.array(QualityIssueOut),
  revision: z.number(),
  demo: z.boolean(),
  /** The org unit the value is for (a town's own figure); null for the plan's whole area. */
  forUnitId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const YearQuery = z.coerce.number().int().min(1949).max(2100);

export const OverdueOut = z.object({
  indicatorId: z.string(),
  unitId: z.string(),
  year: z.number(),
  dueDate: z.string(),
  calendarTitle: z.string(),
  state: z.string(),
});
