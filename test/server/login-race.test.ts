/**
 * The login limit under real parallel HTTP requests: every attempt is counted before its password
 * is checked, so 100 simultaneous guesses never get more than the limit checked — on SQLite, on
 * PostgreSQL, and across two store instances (two pools, as two processes would be) on one PostgreSQL.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { addUser, LOGIN_LIMIT } from '../../src/store/accounts.js';
import { openStore, type Store } from '../../src/store/index.js';
import { SYSTEM } from '../../src/store/util.js';
import { DIALECTS, makeStore, type TestStore } from '../store/harness.js';

const GUESSES = 100;
const RIGHT = 'right-password-1';

async function listen(store: Store): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp({ store });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url };
}

/** 100 parallel sign-ins spread over the servers; the last one carries the right password. */
async function guess(urls: string[], username: string): Promise<number[]> {
  return Promise.all(
    Array.from({ length: GUESSES }, (_, i) =>
      fetch(`${urls[i % urls.length]}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: i === GUESSES - 1 ? RIGHT : `wrong-guess-${i}` }),
      }).then((r) => r.status),
    ),
  );
}

function tally(codes: number[]): Record<number, number> {
  const t: Record<number, number> = {};
  for (const c of codes) t[c] = (t[c] ?? 0) + 1;
  return t;
}

describe.each(DIALECTS)('login limit under parallel requests (%s)', (dialect) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it(`checks at most ${LOGIN_LIMIT.failures} of ${GUESSES} parallel guesses; the rest get 429`, async () => {
    const t: TestStore = await makeStore(dialect);
    cleanups.push(() => t.cleanup());
    await addUser(t.store.db, SYSTEM, { username: 'target', password: RIGHT, role: 'admin' });
    const { app, url } = await listen(t.store);
    cleanups.push(() => app.close());
    const counts = tally(await guess([url], 'target'));
    expect((counts[401] ?? 0) + (counts[200] ?? 0), JSON.stringify(counts)).toBeLessThanOrEqual(LOGIN_LIMIT.failures);
    expect(counts[429], JSON.stringify(counts)).toBeGreaterThanOrEqual(GUESSES - LOGIN_LIMIT.failures);
    const row = await t.store.db.selectFrom('login_attempts').selectAll().executeTakeFirst();
    expect(row?.failures ?? 0).toBeGreaterThanOrEqual(GUESSES - LOGIN_LIMIT.failures);
  }, 120_000);

  if (dialect === 'postgres')
    it('holds across two store instances on one PostgreSQL', async () => {
      const t = await makeStore('postgres');
      cleanups.push(() => t.cleanup());
      await addUser(t.store.db, SYSTEM, { username: 'target2', password: RIGHT, role: 'admin' });
      const second = await openStore(t.options);
      cleanups.push(() => second.close());
      const a = await listen(t.store);
      const b = await listen(second);
      cleanups.push(
        () => a.app.close(),
        () => b.app.close(),
      );
      const counts = tally(await guess([a.url, b.url], 'target2'));
      expect((counts[401] ?? 0) + (counts[200] ?? 0), JSON.stringify(counts)).toBeLessThanOrEqual(LOGIN_LIMIT.failures);
      expect(counts[429], JSON.stringify(counts)).toBeGreaterThanOrEqual(GUESSES - LOGIN_LIMIT.failures);
    }, 120_000);
});
