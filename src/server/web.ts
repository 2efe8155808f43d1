/** Serves the built web app (web/dist) with a fallback to index.html for client-side routes. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export function webDistDir(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const c of [resolve(here, '../../web/dist'), resolve(here, '../../../web/dist')]) if (existsSync(join(c, 'index.html'))) return c;
  return undefined;
}

export async function registerWeb(app: FastifyInstance, dir = webDistDir()): Promise<void> {
  if (!dir) {
    app.get('/', async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>Planwatch</title><p>网页端尚未构建：请运行 <code>npm run build</code>。API 文档见 <a href="/api/docs">/api/docs</a>。</p>',
        ),
    );
    return;
  }
  await app.register(fastifyStatic, { root: dir, prefix: '/', wildcard: false, index: ['index.html'] });
  app.get('/*', async (req, reply) => {
    if (req.url.startsWith('/api/'))
      return reply.status(404).send({ error: { code: 'notFound', message: `没有这个地址：${req.method} ${req.url}` } });
    return reply.sendFile('index.html');
  });
}
