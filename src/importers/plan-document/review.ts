/**
 * Review of a draft, as pure steps on its data: an administrator edits an item, accepts it (its
 * flags are then answered), rejects it (it stays in the draft, left out of the plan), or adds an
 * item the reader missed. A flag is open until its item is accepted or rejected; the plan is the
 * draft's kept items in the plan format, checked by the same schemas as a plan folder.
 */
import { z } from 'zod';
import {
  IndicatorSchema,
  OrgUnitSchema,
  PlanSchema,
  SectionSchema,
  TaskTargetSchema,
  type PlanData,
  type PlanInput,
} from '../../core/model.js';
import { NotationError, parseTarget } from '../../core/notation.js';
import { ProjectSchema } from '../../core/projects.js';
import { checkPlan, formatPath } from '../../core/validate.js';
import { draftFlags, type PlanDraft, type Provenance } from './draft.js';

export const DRAFT_PARTS = ['meta', 'chapters', 'columns', 'indicators', 'taskTargets', 'projects', 'orgUnits'] as const;
export type DraftPart = (typeof DRAFT_PARTS)[number];

export type ReviewAction =
  | { op: 'accept' | 'reject' | 'reopen'; part: DraftPart; id: string; reason?: string }
  | { op: 'edit'; part: DraftPart; id: string; fields: Record<string, unknown> }
  | { op: 'add'; part: 'indicators' | 'taskTargets' | 'projects' | 'orgUnits'; item: Record<string, unknown> };

export class ReviewError extends Error {
  constructor(
    readonly code: 'notFound' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'ReviewError';
  }
}

type Item = Provenance & { id: string } & Record<string, unknown>;

/** The items of a part, sections among the chapters. */
function itemsOf(d: PlanDraft, part: DraftPart): Item[] {
  if (part === 'meta') return [d.meta as unknown as Item];
  if (part === 'chapters') return d.chapters.flatMap((c) => [c, ...c.sections]) as unknown as Item[];
  if (part === 'columns') return d.columns.flatMap((c) => [c, ...c.items]) as unknown as Item[];
  return d[part] as unknown as Item[];
}

function provenanceFree(item: Item): Record<string, unknown> {
  const { source: _s, flags: _f, review: _r, ...rest } = item;
  return rest;
}

/** Checks an item as the plan format will (an indicator's target in the plan's notation …). */
function checkItem(part: DraftPart, item: Item): void {
  const plain = provenanceFree(item);
  const schema: z.ZodType | undefined =
    part === 'indicators'
      ? IndicatorSchema
      : part === 'taskTargets'
        ? TaskTargetSchema
        : part === 'projects'
          ? ProjectSchema
          : part === 'orgUnits'
            ? OrgUnitSchema
            : part === 'chapters' && 'paragraphs' in plain && !('sections' in plain)
              ? SectionSchema
              : undefined;
  if (!schema) return;
  const r = schema.safeParse(plain);
  if (!r.success) throw new ReviewError('invalid', r.error.issues.map((i) => `${formatPath(i.path) || '(条目)'}: ${i.message}`).join('；'));
  // Targets in the plan's notation, read as the plan will read them.
  if ((part === 'indicators' || part === 'taskTargets') && typeof plain.target === 'string') {
    try {
      parseTarget(plain.target, { name: String(plain.name ?? ''), column: 'target' });
    } catch (e) {
      if (e instanceof NotationError) throw new ReviewError('invalid', e.message);
      throw e;
    }
  }
}

/** Applies one review step to a copy of the draft. `by` names the administrator. */
export function applyReview(draft: PlanDraft, action: ReviewAction, by: string, at = new Date().toISOString()): PlanDraft {
  const d = structuredClone(draft);
  if (action.op === 'add') {
    const list = d[action.part] as unknown as Item[];
    const id = String(action.item.id ?? '');
    if (!id) throw new ReviewError('invalid', '补充的条目需要编号（id）');
    if (list.some((x) => x.id === id)) throw new ReviewError('invalid', `编号「${id}」已存在`);
    const item = {
      ...action.item,
      id,
      source: { ref: { block: 0 }, where: '审核补充', text: '' },
      review: { state: 'accepted', by, at },
    } as Item;
    checkItem(action.part, item);
    list.push(item);
    return d;
  }
  const item = itemsOf(d, action.part).find((x) => x.id === action.id);
  if (!item) throw new ReviewError('notFound', `草稿中没有「${action.part}」条目「${action.id}」`);
  if (action.op === 'edit') {
    for (const k of ['id', 'source', 'flags', 'review', 'sections', 'items'])
      if (k in action.fields) throw new ReviewError('invalid', `不能修改「${k}」`);
    Object.assign(item, action.fields);
    for (const [k, v] of Object.entries(action.fields)) if (v === null && k !== 'base') delete item[k];
    checkItem(action.part, item);
    return d;
  }
  if (action.op === 'reopen') delete item.review;
  else {
    if (action.op === 'reject' && action.part === 'meta') throw new ReviewError('invalid', '规划元数据不能删除，请修改');
    item.review = { state: action.op === 'accept' ? 'accepted' : 'rejected', by, at, ...(action.reason ? { reason: action.reason } : {}) };
  }
  return d;
}

/** Flags not yet answered: on items neither accepted nor rejected. */
export function openFlags(d: PlanDraft): ReturnType<typeof draftFlags> {
  const answered = new Set<string>();
  for (const part of DRAFT_PARTS) for (const i of itemsOf(d, part)) if (i.review) answered.add(`${part}|${i.id}`);
  return draftFlags(d).filter((f) => !answered.has(`${f.part}|${f.id}`));
}

const kept = <T extends Provenance>(xs: T[]): T[] => xs.filter((x) => x.review?.state !== 'rejected');
const plain = <T extends Provenance>(x: T): Record<string, unknown> => provenanceFree(x as unknown as Item);

/** The plan the draft makes, checked; `problems` name the part and path of what is not yet valid. */
export function draftPlan(d: PlanDraft, source: { title: string; url?: string }): { plan?: PlanData; problems: string[] } {
  const { notes: _n, ...meta } = plain(d.meta) as Record<string, unknown>;
  const input: PlanInput = {
    meta: { ...meta, source } as PlanInput['meta'],
    chapters: kept(d.chapters).map((c) => {
      const { part: _p, ...rest } = plain(c);
      return { ...rest, sections: kept(c.sections).map(plain) } as never;
    }),
    columns: kept(d.columns).map((c) => ({ ...plain(c), items: kept(c.items).map(plain) }) as never),
    indicators: kept(d.indicators).map(plain) as never,
    taskTargets: kept(d.taskTargets).map(plain) as never,
    projects: kept(d.projects).map(plain) as never,
    orgUnits: kept(d.orgUnits).map(plain) as never,
  };
  const parsed = PlanSchema.safeParse(input);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`) };
  const problems = checkPlan(parsed.data).map((p) => `${formatPath(p.path)}: ${p.message}`);
  return problems.length ? { problems } : { plan: parsed.data, problems: [] };
}

export const ReviewActionSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.enum(['accept', 'reject', 'reopen']),
    part: z.enum(DRAFT_PARTS),
    id: z.string().min(1),
    reason: z.string().max(500).optional(),
  }),
  z.object({ op: z.literal('edit'), part: z.enum(DRAFT_PARTS), id: z.string().min(1), fields: z.record(z.string(), z.unknown()) }),
  z.object({
    op: z.literal('add'),
    part: z.enum(['indicators', 'taskTargets', 'projects', 'orgUnits']),
    item: z.record(z.string(), z.unknown()),
  }),
]);
