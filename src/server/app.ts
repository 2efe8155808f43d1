/**
 * The Fastify application: every route declares its schemas once (zod), which validate requests,
 * serialise responses and become the OpenAPI document at /api/openapi.json (docs at /api/docs).
 * The app holds no state of its own: everything lives in the store.
 */
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { xmlSafeDeep } from '../core/text.js';
import type { Store } from '../store/index.js';
import { registerAuth } from './auth.js';
import { errorHandler } from './errors.js';
import { oidcClient, type OidcSettings } from './oidc.js';
import { adminRoutes } from './routes/admin.js';
import { evaluationRoutes } from './routes/evaluation.js';
import { exportRoutes } from './routes/exports.js';
import { hierarchyRoutes } from './routes/hierarchy.js';
import { importRoutes } from './routes/imports.js';
import { projectLedgerRoutes } from './routes/project-ledger.js';
import { planRoutes } from './routes/plans.js';
import { planDraftRoutes } from './routes/plan-drafts.js';
import { projectRoutes } from './routes/projects.js';
import { reportRoutes } from './routes/reports.js';
import { sessionRoutes } from './routes/session.js';
import { townRoutes } from './routes/towns.js';
import { supervisionRoutes } from './routes/supervision.js';
import { supervisionReportRoutes } from './routes/supervision-reports.js';
import { supervisionAttachmentRoutes } from './routes/supervision-attachments.js';
import { notificationRoutes } from './routes/notifications.js';
import { oidcRoutes } from './routes/oidc.js';
import { oidcAdminRoutes } from './routes/oidc-admin.js';
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
  /** Sign-in through the identity platform (OpenID Connect); none when absent. */
  oidc?: OidcSettings | null;
  /** Extra routes (the web app, imports…) registered after the API. */
  extend?: (app: FastifyInstance) => Promise<void> | void;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, trustProxy: opts.trustProxy ?? false, bodyLimit: 25 * 1024 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  await app.register(cookie);
  // Security headers. The CSP allows what the web app uses: its own scripts only, Ant Design's
  // inline styles, charts drawn to canvas or as data/blob images; no framing, no other origins.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Served over plain HTTP on a LAN or loopback too: upgrading would break every request.
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only means something over TLS; behind the proxy it is the proxy's to send.
    strictTransportSecurity: false,
  });
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

  const info = { demo: opts.demo ?? false, version: VERSION, oidcName: opts.oidc?.name ?? null };
  if (info.demo)
    app.addHook(
      'onSend',
      async (_req, reply) =>
        void reply.header(
          'x-planwatch-demo',
          '示例数据，非真实统计'.replace(/[^\x20-\x7e]/g, (c) => encodeURIComponent(c)),
        ),
    );
  // Characters XML forbids never reach the store, whichever route writes (see core/text.ts).
  app.addHook('preValidation', async (req) => {
    if (req.body && typeof req.body === 'object') req.body = xmlSafeDeep(req.body);
    if (req.query && typeof req.query === 'object') req.query = xmlSafeDeep(req.query);
  });
  registerAuth(app, opts.store);
  sessionRoutes(app, opts.store, info);
  if (opts.oidc) {
    oidcRoutes(app, opts.store, oidcClient(opts.oidc));
    oidcAdminRoutes(app, opts.store, opts.oidc);
  }
  planRoutes(app, opts.store);
  evaluationRoutes(app, opts.store, info);
  valueRoutes(app, opts.store);
  townRoutes(app, opts.store);
  adminRoutes(app, opts.store);
  projectRoutes(app, opts.store);
  exportRoutes(app, opts.store, info);
  reportRoutes(app, opts.store, info);
  webSupportRoutes(app, opts.store);
  supervisionRoutes(app, opts.store);
  notificationRoutes(app, opts.store);
  supervisionReportRoutes(app, opts.store, info);
  hierarchyRoutes(app, opts.store);
  await importRoutes(app, opts.store);
  await projectLedgerRoutes(app, opts.store);
  await planDraftRoutes(app, opts.store);
  await supervisionAttachmentRoutes(app, opts.store);
  if (opts.extend) await opts.extend(app);

  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ error: { code: 'notFound', message: `没有这个地址：${req.method} ${req.url}` } });
  });
  return app;
}
