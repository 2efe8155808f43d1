/**
 * API throughput: the evaluation endpoint under concurrent load (warm cache, a demo-filled store)
 * against a bare Fastify route serving the same bytes, in the same run, on loopback.
 */
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/server/app.js';
import { openDemoStore } from '../src/store/demo.js';

async function load(url: string, seconds: number): Promise<{ rps: number; p99: number; errors: number }> {
  const r = await autocannon({ url, connections: 16, pipelining: 1, duration: seconds });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

export async function benchApi(seconds = 5): Promise<Record<string, number>> {
  const demo = await openDemoStore();
  const app = await buildApp({ store: demo.store, demo: true });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const path = '/api/v1/plans/xiuzhou-14th/evaluation?year=2024';
  const warm = await fetch(address + path);
  const body = await warm.text();
  const bare = Fastify();
  bare.get('/bare', async (_req, reply) => reply.type('application/json; charset=utf-8').send(body));
  const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });
  try {
    const b = await load(`${bareAddress}/bare`, seconds);
    const e = await load(address + path, seconds);
    return {
      bodyBytes: Buffer.byteLength(body),
      bareRps: Math.round(b.rps),
      bareP99Ms: b.p99,
      evaluationRps: Math.round(e.rps),
      evaluationP99Ms: e.p99,
      errors: b.errors + e.errors,
      ratio: Number((e.rps / b.rps).toFixed(2)),
    };
  } finally {
    await app.close();
    await bare.close();
    await demo.dispose();
  }
}
