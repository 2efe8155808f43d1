/** Request and response schemas of the warnings and supervision-order routes (OpenAPI). */
import { z } from 'zod';
import { ORDER_LEVELS, ORDER_STATES, SUBJECT_TYPES, type OrderLevel, type OrderState, type SubjectType } from '../../core/supervision.js';
import { SupervisionSettingsSchema } from '../../core/supervision-settings.js';

export const Colour = z.enum(['red', 'yellow', 'green']);
export const Kind = z.enum(['indicator', 'task', 'project', 'report']);
export const LevelEnum = z.enum(ORDER_LEVELS as [OrderLevel, ...OrderLevel[]]);
export const StateEnum = z.enum(ORDER_STATES as [OrderState, ...OrderState[]]);
export const SubjectEnum = z.enum(SUBJECT_TYPES as [SubjectType, ...SubjectType[]]);
export const DateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');

export const WarningOut = z.object({
  key: z.string(),
  kind: Kind,
  colour: Colour,
  subjectId: z.string(),
  subjectName: z.string(),
  unitIds: z.array(z.string()),
  townIds: z.array(z.string()),
  message: z.string(),
  rule: z.string(),
  figures: z.record(z.string(), z.union([z.number(), z.string()])),
});

export const WarningsOut = z.object({
  today: z.string(),
  counts: z.object({ red: z.number(), yellow: z.number(), green: z.number() }),
  settings: SupervisionSettingsSchema,
  items: z.array(WarningOut),
});

/** An uploaded file, as listed (the bytes come from `url`, the download route). */
export const AttachmentOut = z.object({
  id: z.string(),
  fileName: z.string(),
  kind: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  purpose: z.enum(['order', 'reply']),
  uploadedBy: z.string(),
  createdAt: z.string(),
  url: z.string(),
});

export const ReplyOut = z.object({
  id: z.string(),
  measures: z.string(),
  progress: z.string(),
  expectedCompletion: z.string().nullable(),
  attachments: z.array(AttachmentOut),
  unitId: z.string().nullable(),
  repliedBy: z.string(),
  createdAt: z.string(),
});

export const OrderOut = z.object({
  id: z.string(),
  planId: z.string(),
  subjectType: SubjectEnum,
  subjectId: z.string().nullable(),
  subjectName: z.string(),
  warningKey: z.string().nullable(),
  warningColour: z.string().nullable(),
  warningMessage: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  coUnits: z.array(z.string()),
  requirement: z.string(),
  level: LevelEnum,
  state: StateEnum,
  deadline: z.string(),
  originalDeadline: z.string(),
  extended: z.boolean(),
  extensionReason: z.string().nullable(),
  returns: z.number(),
  returnReason: z.string().nullable(),
  issuedBy: z.string(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Deadline colour today: none, blue (due soon), yellow (overdue), red. */
  colour: z.enum(['none', 'blue', 'yellow', 'red']),
  colourLabel: z.string(),
  daysLeft: z.number(),
  colourRule: z.string(),
  /** null: not issued from a warning; true: that warning has cleared (the order stays open until closed by a person). */
  warningCleared: z.boolean().nullable(),
  closedOnTime: z.boolean().nullable(),
  replies: z.array(ReplyOut),
  /** The order's own files, attached by the reviewer. */
  files: z.array(AttachmentOut),
});

export const OrderListOut = z.object({ today: z.string(), items: z.array(OrderOut) });

/** An order as one step of its history saw it. */
const OrderStepOut = z.object({ subjectName: z.string(), unitId: z.string(), state: z.string(), deadline: z.string() });

export const OrderDetailOut = OrderOut.extend({
  history: z.array(
    z.object({
      seq: z.number(),
      at: z.string(),
      username: z.string().nullable(),
      action: z.string(),
      entityId: z.string(),
      /** What the step changed (state, deadline) and on what; the page says it in words. */
      before: OrderStepOut.nullable(),
      after: OrderStepOut.nullable(),
      reason: z.string().nullable().optional(),
      /** The file a `supervision.attach` step uploaded. */
      attachment: z.object({ id: z.string(), fileName: z.string(), url: z.string() }).nullable().optional(),
    }),
  ),
});

export const UnitCountsOut = z.object({
  today: z.string(),
  warnings: z.object({ red: z.number(), yellow: z.number(), green: z.number() }),
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      orders: z.number(),
      open: z.number(),
      overdue: z.number(),
      red: z.number(),
      closed: z.number(),
      closedOnTime: z.number(),
    }),
  ),
});

export const OrderQuerySchema = z.object({
  state: z.union([StateEnum, z.literal('open')]).optional(),
  unit: z.string().max(100).optional(),
  level: LevelEnum.optional(),
  subjectType: SubjectEnum.optional(),
  colour: z.enum(['none', 'blue', 'yellow', 'red']).optional(),
});
export type OrderQueryInput = z.infer<typeof OrderQuerySchema>;
