/** An API under test on one dialect, with signed-in clients for each role. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { addUser, type Role } from '../../src/store/accounts.js';
import { getPlan } from '../../src/store/plans.js';
import { setAssignments } from '../../src/store/planning.js';
import { SYSTEM } from '../../src/store/util.js';
import { makeStore, type DialectUnderTest, type TestStore } from '../store/harness.js';

export interface Client {
  role: Role | 'anonymous';
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

export interface TestApi {
  app: FastifyInstance;
  t: TestStore;
  anonymous: Client;
  admin: Client;
  reporter: Client;
  otherReporter: Client;
  leader: Client;
  login(username: string, password: string): Promise<Client>;
  cleanup(): Promise<void>;
}

export const PASSWORD = 'test-password-1';

export async function makeApi(dialect: DialectUnderTest): Promise<TestApi> {
  const t = await makeStore(dialect);
  const app = await buildApp({ store: t.store });
  const db = t.store.db;
  await addUser(db, SYSTEM, { username: 'admin', password: PASSWORD, role: 'admin' });
  await addUser(db, SYSTEM, { username: 'env', password: PASSWORD, role: 'reporter', unitId: 'sthj' });
  await addUser(db, SYSTEM, { username: 'stats', password: PASSWORD, role: 'reporter', unitId: 'tjj' });
  await addUser(db, SYSTEM, { username: 'leader', password: PASSWORD, role: 'leader' });
  const plan = (await getPlan(db, 'xiuzhou-14th'))!;
  await setAssignments(db, SYSTEM, plan, 'indicator', '17', [{ unitId: 'sthj', role: 'lead' }]);
  await setAssignments(db, SYSTEM, plan, 'indicator', '18', [{ unitId: 'sthj', role: 'lead' }]);
  await setAssignments(db, SYSTEM, plan, 'indicator', '1', [{ unitId: 'tjj', role: 'lead' }]);

  const client = (role: Client['role'], cookie?: string, csrf?: string): Client => ({
    role,
    request: (method, url, body, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}), ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
  });

  async function login(username: string, password: string): Promise<Client> {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const { user, csrfToken } = res.json() as { user: { role: Role }; csrfToken: string };
    return client(user.role, cookie, csrfToken);
  }

  return {
    app,
    t,
    anonymous: client('anonymous'),
    admin: await login('admin', PASSWORD),
    reporter: await login('env', PASSWORD),
    otherReporter: await login('stats', PASSWORD),
    leader: await login('leader', PASSWORD),
    login,
    async cleanup() {
      await app.close();
      await t.cleanup();
    },
  };
}

/** Rows in a table of the store under test. */
export async function countRows(
  t: TestStore,
  table: 'plan_values' | 'project_reports' | 'project_issues' | 'audit_log' | 'supervision_attachments',
): Promise<number> {
  const r = await t.store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A multipart/form-data body with one file in the field `file`, as a browser's upload sends it. */
export function multipart(
  name: string,
  data: Buffer,
  type = 'application/octet-stream',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----planwatch' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
