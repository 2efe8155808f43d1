/** What routes read off a request: the plan, an indicator's units (for 'ownUnit' rules), an uploaded file. */
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import type { Plan } from '../core/model.js';
import { DEFAULT_LIMITS } from '../importers/sheet-reader.js';
import type { Store } from '../store/index.js';
import { listAssignments } from '../store/planning.js';
import { getPlan } from '../store/plans.js';
import { TOWN_KINDS } from '../store/towns.js';
import { HttpError, notFound } from './errors.js';
import type { Subject } from './permissions.js';

export async function planOr404(store: Store, id: string): Promise<Plan> {
  const plan = await getPlan(store.db, id);
  if (!plan) throw notFound(`规划「${id}」`);
  return plan;
}

export async function unitsOfIndicator(store: Store, planId: string, indicatorId: string): Promise<string[]> {
  return (
    (await listAssignments(store.db, planId))
      // Ids are unique across indicators and task targets (checkPlan), so the id alone names the target.
      .filter((a) => a.targetId === indicatorId)
      .map((a) => a.unitId)
  );
}

/**
 * The org unit a value entered by this user is for. A town (a unit assigned as 'town', or a town
 * or street itself) reports its own figure and never the plan area's; the lead and co-operating
 * units report the plan area's figure (''); an admin enters the area's figure unless naming a unit.
 */
export async function reportingUnitFor(
  store: Store,
  planId: string,
  subject: Subject,
  indicatorId: string,
  asked: string | null | undefined,
): Promise<string> {
  if (subject.role === 'admin') {
    if (asked && !(await store.db.selectFrom('units').select('id').where('id', '=', asked).executeTakeFirst()))
      throw new HttpError(400, 'invalid', `没有单位「${asked}」`);
    return asked ?? '';
  }
  const own = subject.unitId;
  const role = own ? (await listAssignments(store.db, planId, own)).find((a) => a.targetId === indicatorId)?.role : undefined;
  const kind = own ? (await store.db.selectFrom('units').select('kind').where('id', '=', own).executeTakeFirst())?.kind : undefined;
  const forUnit = own && (role === 'town' || (kind !== undefined && TOWN_KINDS.includes(kind))) ? own : '';
  if (asked !== undefined && asked !== null && asked !== forUnit)
    throw new HttpError(
      403,
      'forbidden',
      forUnit ? '镇（街道）只能填报本单位的数值，不能填报全区数值或其他单位的数值' : '本单位填报的是全区数值，不能代其他单位填报',
    );
  return forUnit;
}

/** The one uploaded file of a multipart request (field `file`), within the import size limit. */
export async function uploadedFile(req: FastifyRequest): Promise<{ name: string; data: Buffer }> {
  const file = await req.file();
  if (!file) throw new HttpError(400, 'noFile', '请上传文件（multipart 字段 file）');
  const data = await file.toBuffer();
  if (file.file.truncated) throw new HttpError(413, 'tooLarge', `文件超过${DEFAULT_LIMITS.maxBytes / 1024 / 1024} MB`);
  return { name: file.filename, data };
}
