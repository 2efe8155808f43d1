/** What routes read off a request: the plan, an indicator's units (for 'ownUnit' rules), an uploaded file. */
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import type { Plan } from '../core/model.js';
import { DEFAULT_LIMITS } from '../importers/sheet/index.js';
import type { Store } from '../store/index.js';
import { listAssignments } from '../store/planning.js';
import { getPlan } from '../store/plans.js';
import { HttpError, notFound } from './errors.js';

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

/** The one uploaded file of a multipart request (field `file`), within the import size limit. */
export async function uploadedFile(req: FastifyRequest): Promise<{ name: string; data: Buffer }> {
  const file = await req.file();
  if (!file) throw new HttpError(400, 'noFile', '请上传文件（multipart 字段 file）');
  const data = await file.toBuffer();
  if (file.file.truncated) throw new HttpError(413, 'tooLarge', `文件超过${DEFAULT_LIMITS.maxBytes / 1024 / 1024} MB`);
  return { name: file.filename, data };
}
