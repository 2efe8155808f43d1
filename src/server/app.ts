/**
 * The Fastify application: every route declares its schemas once (zod), which validate requests,
 * serialise responses and become the OpenAPI document at /api/openapi.json (docs at /api/docs).
 * The app holds no state of its own: everything lives in the store.
 */
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Store } from '../store/index.js';
import { registerAuth } from './auth.js';
import { errorHandler } from './errors.js';
import { adminRoutes } from './routes/admin.js';
import { evaluationRoutes } from './routes/evaluation.js';
import { exportRoutes } from './routes/exports.js';
import { hierarchyRoutes } from './routes/hierarchy.js';
import { importRoutes } from './routes/imports.js';
import { projectLedgerRoutes } from './routes/project-ledger.js';
import { planRoutes } from './routes/plans.js';
import { projectRoutes } from './routes/projects.js';
import { reportRoutes } from './routes/reports.js';
import { sessionRoutes } from './routes/session.js';
import { townRoutes } from './routes/towns.js';
import { valueRoutes } from './routes/values.js';
import { webSupportRoutes } from './routes/web-support.js';

export const VERSION = '0.1.0';

export interface AppOptions {
  store: Store;
  /** A throw-away workspace of synthetic values: every response says so. */
  demo?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** Behind a reverse proxy: trust X-Forwarded-* (client address, https). */
  trustProxy?: boolean;
  /** Extra routes (the web app, imports…) registered after the API. */
  extend?: (app: FastifyInstance) => Promise<void> | void;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, trustProxy: opts.trustProxy ?? false, bodyLimit: 25 * 1024 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Planwatch 规划实施监测评估平台 API',
        version: VERSION,
        description: '规划、指标、数值填报与审核、评估、审计。错误统一为 { error: { code, message } }。',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'pw_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const info = { demo: opts.demo ?? false, version: VERSION };
  if (info.demo)
    app.addHook(
      'onSend',
      async (_req, reply) =>
        void reply.header(
          'x-planwatch-demo',
          '示例数据，非真实统计'.replace(/[^\x20-\x7e]/g, (c) => encodeURIComponent(c)),
        ),
    );
  registerAuth(app, opts.store);
  sessionRoutes(app, opts.store, info);
  planRoutes(app, opts.store);
  evaluationRoutes(app, opts.store, info);
  valueRoutes(app, opts.store);
  townRoutes(app, opts.store);
  adminRoutes(app, opts.store);
  projectRoutes(app, opts.store);
  exportRoutes(app, opts.store, info);
  reportRoutes(app, opts.store, info);
  webSupportRoutes(app, opts.store);
  hierarchyRoutes(app, opts.store);
  await importRoutes(app, opts.store);
  await projectLedgerRoutes(app, opts.store);
  if (opts.extend) await opts.extend(app);

  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ error: { code: 'notFound', message: `没有这个地址：${req.method} ${req.url}` } });
  });
  return app;
}
