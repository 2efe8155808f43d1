/**
 * One error shape for the whole API: `{ error: { code, message, details? } }`, the message in words
 * a person can act on. Domain errors map to HTTP statuses here and nowhere else.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { WorkflowError } from '../core/workflow.js';
import { NotationError } from '../core/notation.js';
import { AccountError } from '../store/accounts.js';
import { PlanningError } from '../store/planning.js';
import { ValueError } from '../store/values.js';
import { ProjectError } from '../store/projects.js';
import { SupervisionError } from '../core/supervision.js';
import { JobError } from '../store/jobs.js';
import { InputError } from '../importers/plan-csv.js';
import { ImportError } from '../importers/spreadsheet.js';
import { DemoDataError } from '../store/demo-guard.js';
import { IdentityError } from '../store/identities.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string): HttpError => new HttpError(404, 'notFound', `没有找到${what}`);
export const forbidden = (why = '您没有执行此操作的权限'): HttpError => new HttpError(403, 'forbidden', why);
export const unauthorized = (): HttpError => new HttpError(401, 'unauthorized', '请先登录');

const STATUS: Record<string, number> = {
  notFound: 404,
  unknownIndicator: 404,
  invalid: 400,
  quality: 422,
  explanationRequired: 422,
  conflict: 409,
  exists: 409,
  invalidTransition: 409,
  reasonRequired: 400,
  locked: 409,
  stageOrder: 409,
  fourEyes: 403,
  jobExists: 409,
};

export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): void {
  let status = 500;
  let code = 'internal';
  let message = '服务器内部错误，请稍后再试或联系管理员';
  let details: unknown;
  if (err instanceof HttpError) {
    ({ status, code, message, details } = err);
  } else if (hasZodFastifySchemaValidationErrors(err)) {
    status = 400;
    code = 'validation';
    message = `请求参数有误：${err.validation.map((v) => `${v.instancePath || '(请求体)'} ${v.message}`).join('；')}`;
    details = err.validation.map((v) => ({ path: v.instancePath, message: v.message }));
  } else if (err instanceof ValueError) {
    status = STATUS[err.code] ?? 400;
    code = err.code;
    message = err.message;
    details = err.issues.length ? { issues: err.issues } : undefined;
  } else if (
    err instanceof WorkflowError ||
    err instanceof AccountError ||
    err instanceof PlanningError ||
    err instanceof ProjectError ||
    err instanceof SupervisionError ||
    err instanceof JobError ||
    err instanceof IdentityError
  ) {
    status = STATUS[err.code] ?? 400;
    code = err.code;
    message = err.message;
  } else if (err instanceof DemoDataError) {
    status = 422;
    code = err.code;
    message = err.message;
  } else if (err instanceof ImportError) {
    status = 422;
    code = 'importRefused';
    message = `导入被拒绝，未写入任何数据：\n${err.message}`;
    details = { issues: err.issues, omitted: err.omitted };
  } else if (err instanceof NotationError || err instanceof InputError) {
    status = 400;
    code = 'invalid';
    message = err.message;
  } else if ('statusCode' in err && typeof err.statusCode === 'number' && err.statusCode < 500) {
    status = err.statusCode;
    code = (err as FastifyError).code ?? 'badRequest';
    message = err.message;
  }
  if (status >= 500) req.log.error({ err }, 'request failed');
  void reply.status(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}
