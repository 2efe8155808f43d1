/**
 * Plan drafts in the store: a plan document read by the plan-intake reader, reviewed step by step
 * by administrators (any of them may pick a draft up where another left it: the draft and its
 * review state live here, not in a session), then published as a plan. Every step is audited;
 * publishing is refused while a flag is open or the plan would not be valid, and keeps the
 * document as the plan's source.
 */
import { createHash } from 'node:crypto';
import { withSettings } from '../core/model.js';
import type { PlanDraft } from '../importers/plan-document/draft.js';
import { applyReview, draftPlan, openFlags, type ReviewAction } from '../importers/plan-document/review.js';
import { recordAudit } from './audit.js';
import type { PlanDraftTable } from './schema.js';
import { addPlan, getPlan } from './plans.js';
import { bumpDataVersion, newId, now, type Actor, type Db } from './util.js';

export class DraftError extends Error {
  constructor(
    readonly code: 'notFound' | 'conflict' | 'openFlags' | 'invalidPlan' | 'exists' | 'closed',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DraftError';
  }
}

export interface StoredDraft {
  id: string;
  planId: string;
  fileName: string;
  format: string;
  sha256: string;
  status: 'open' | 'published' | 'discarded';
  version: number;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
  draft: PlanDraft;
  openFlags: ReturnType<typeof openFlags>;
}

type Row = Omit<PlanDraftTable, 'document'>;
const COLUMNS = [
  'id',
  'plan_id',
  'file_name',
  'format',
  'sha256',
  'draft',
  'status',
  'version',
  'created_by',
  'updated_by',
  'created_at',
  'updated_at',
] as const;

function fromRow(r: Row): StoredDraft {
  const draft = JSON.parse(r.draft) as PlanDraft;
  return {
    id: r.id,
    planId: r.plan_id,
    fileName: r.file_name,
    format: r.format,
    sha256: r.sha256,
    status: r.status as StoredDraft['status'],
    version: Number(r.version),
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    draft,
    openFlags: openFlags(draft),
  };
}

export async function createDraft(
  db: Db,
  actor: Actor,
  input: { fileName: string; format: string; document: Buffer; draft: PlanDraft },
): Promise<StoredDraft> {
  const planId = input.draft.meta.id;
  if (await getPlan(db, planId)) throw new DraftError('exists', `规划「${planId}」已存在，请换一个规划编号`);
  const t = now();
  const id = newId();
  const sha256 = createHash('sha256').update(input.document).digest('hex');
  await db
    .insertInto('plan_drafts')
    .values({
      id,
      plan_id: planId,
      file_name: input.fileName,
      format: input.format,
      sha256,
      document: input.document.toString('base64'),
      draft: JSON.stringify(input.draft),
      status: 'open',
      version: 1,
      created_by: actor.username,
      updated_by: actor.username,
      created_at: t,
      updated_at: t,
    })
    .execute();
  await recordAudit(db, actor, {
    action: 'planDraft.create',
    entity: 'planDraft',
    entityId: id,
    planId,
    after: { fileName: input.fileName, format: input.format, sha256, flags: openFlags(input.draft).length },
  });
  return (await getDraft(db, id))!;
}

export async function getDraft(db: Db, id: string): Promise<StoredDraft | undefined> {
  const r = await db.selectFrom('plan_drafts').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : undefined;
}

export async function listDrafts(db: Db): Promise<Omit<StoredDraft, 'draft' | 'openFlags'>[]> {
  const rows = await db.selectFrom('plan_drafts').select(COLUMNS).orderBy('created_at', 'desc').execute();
  return rows.map((r) => {
    const { draft: _d, openFlags: _f, ...rest } = fromRow(r);
    return rest;
  });
}

export async function draftDocument(db: Db, id: string): Promise<{ fileName: string; format: string; data: Buffer } | undefined> {
  const r = await db.selectFrom('plan_drafts').select(['file_name', 'format', 'document']).where('id', '=', id).executeTakeFirst();
  return r ? { fileName: r.file_name, format: r.format, data: Buffer.from(r.document, 'base64') } : undefined;
}

/** The published draft a plan came from: its document is the plan's source. */
export async function draftOfPlan(db: Db, planId: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('plan_drafts')
    .select('id')
    .where('plan_id', '=', planId)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return r?.id;
}

async function openDraft(db: Db, id: string, version: number): Promise<StoredDraft> {
  const d = await getDraft(db, id);
  if (!d) throw new DraftError('notFound', '没有找到该草稿');
  if (d.status !== 'open') throw new DraftError('closed', d.status === 'published' ? '该草稿已发布' : '该草稿已放弃');
  if (d.version !== version)
    throw new DraftError('conflict', `草稿已被 ${d.updatedBy ?? '他人'} 于 ${d.updatedAt} 修改（版本 ${d.version}），请刷新后再改`);
  return d;
}

/** One review step; `version` is the version the administrator saw (a stale one is refused). */
export async function reviewDraft(db: Db, actor: Actor, id: string, version: number, action: ReviewAction): Promise<StoredDraft> {
  const d = await openDraft(db, id, version);
  const next = applyReview(d.draft, action, actor.username);
  const r = await db
    .updateTable('plan_drafts')
    .set({ draft: JSON.stringify(next), version: version + 1, updated_by: actor.username, updated_at: now() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new DraftError('conflict', '草稿刚被他人修改，请刷新后再改');
  const { op, part } = action;
  await recordAudit(db, actor, {
    action: `planDraft.${op}`,
    entity: 'planDraft',
    entityId: id,
    planId: d.planId,
    after:
      action.op === 'add'
        ? { part, item: action.item }
        : action.op === 'edit'
          ? { part, id: action.id, fields: action.fields }
          : { part, id: action.id },
    reason: 'reason' in action ? (action.reason ?? null) : null,
  });
  return (await getDraft(db, id))!;
}

/**
 * Discards an open draft: it is kept (with its document, for the audit trail) but can no longer be
 * reviewed or published, and its plan id is free again.
 */
export async function discardDraft(db: Db, actor: Actor, id: string, version: number, reason?: string): Promise<StoredDraft> {
  const d = await openDraft(db, id, version);
  const r = await db
    .updateTable('plan_drafts')
    .set({ status: 'discarded', version: version + 1, updated_by: actor.username, updated_at: now() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new DraftError('conflict', '草稿刚被他人修改，请刷新后再改');
  await recordAudit(db, actor, {
    action: 'planDraft.discard',
    entity: 'planDraft',
    entityId: id,
    planId: d.planId,
    before: { status: 'open', version },
    after: { status: 'discarded', fileName: d.fileName, sha256: d.sha256, openFlags: d.openFlags.length },
    reason: reason ?? null,
  });
  return (await getDraft(db, id))!;
}

/**
 * Publishes the draft as a plan, in one transaction: refused while a flag is open or while the
 * plan is not valid (each problem named). The plan's source names the document, kept with the draft.
 */
export async function publishDraft(db: Db, actor: Actor, id: string, version: number): Promise<{ planId: string }> {
  const d = await openDraft(db, id, version);
  const open = d.openFlags;
  if (open.length) throw new DraftError('openFlags', `还有 ${open.length} 处待核标记未处理，不能发布`, { flags: open });
  const { plan, problems } = draftPlan(d.draft, { title: d.fileName, url: `/api/v1/plan-drafts/${id}/document` });
  if (!plan) throw new DraftError('invalidPlan', `草稿还不是有效的规划：${problems.slice(0, 5).join('；')}`, { problems });
  if (await getPlan(db, plan.meta.id)) throw new DraftError('exists', `规划「${plan.meta.id}」已存在`);
  await addPlan(db, withSettings(plan), actor);
  await db
    .updateTable('plan_drafts')
    .set({ status: 'published', version: version + 1, updated_by: actor.username, updated_at: now() })
    .where('id', '=', id)
    .execute();
  await recordAudit(db, actor, {
    action: 'planDraft.publish',
    entity: 'planDraft',
    entityId: id,
    planId: plan.meta.id,
    after: {
      planId: plan.meta.id,
      fileName: d.fileName,
      sha256: d.sha256,
      indicators: plan.indicators.length,
      taskTargets: plan.taskTargets.length,
    },
  });
  await bumpDataVersion(db);
  return { planId: plan.meta.id };
}
