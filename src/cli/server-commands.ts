/** Commands that run or administer a Planwatch store: serve, user, backup. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { workerFromEnv } from '../notify/config.js';
import { buildApp } from '../server/app.js';
import { oidcFromEnv } from '../server/oidc.js';
import { registerWeb } from '../server/web.js';
import { addUser, generatePassword, ROLES, type Role } from '../store/accounts.js';
import { openDemoStore } from '../store/demo.js';
import { defaultDataDir, openStore, type Store } from '../store/index.js';
import { SYSTEM } from '../store/util.js';
import type { Io } from './io.js';

export interface StoreFlags {
  data?: string;
}

/**
 * DATABASE_URL selects PostgreSQL (PLANWATCH_PG_SCHEMA a schema in it, for several deployments in
 * one database); otherwise SQLite in --data, PLANWATCH_DATA or ./data.
 */
export function openFromFlags(flags: StoreFlags): Promise<Store> {
  return openStore({
    databaseUrl: process.env.DATABASE_URL || undefined,
    pgSchema: process.env.PLANWATCH_PG_SCHEMA || undefined,
    dataDir: flags.data ?? defaultDataDir(),
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function addServerCommands(program: Command, io: Io): void {
  program
    .command('serve')
    .description('启动服务（网页端与 API）/ start the server')
    .option('--port <port>', '端口（或 PORT 环境变量）', process.env.PORT ?? '3000')
    .option('--host <host>', '监听地址（或 HOST 环境变量）', process.env.HOST ?? '127.0.0.1')
    .option('--data <dir>', '数据目录（SQLite；或 PLANWATCH_DATA）')
    .option('--demo', '使用示例数据的临时工作区（非真实统计，不触及正式数据）')
    .option('--trust-proxy', '位于反向代理之后：信任 X-Forwarded-* 头')
    .action(async (opts: { port: string; host: string; data?: string; demo?: boolean; trustProxy?: boolean }) => {
      const demo = opts.demo ? await openDemoStore() : undefined;
      const store = demo?.store ?? (await openFromFlags(opts));
      const app = await buildApp({
        store,
        demo: Boolean(demo),
        trustProxy: opts.trustProxy,
        oidc: oidcFromEnv(),
        logger: { level: process.env.LOG_LEVEL ?? 'info' },
        extend: (a) => registerWeb(a),
      });
      // Notifications (e-mail, DingTalk) are sent by a worker in every process; the database decides
      // which process sends each message. A demo workspace sends nothing.
      const worker = demo ? null : workerFromEnv(store, app.log);
      let closing = false;
      const shutdown = async (signal: string): Promise<void> => {
        if (closing) return;
        closing = true;
        app.log.info({ signal }, 'shutting down');
        await worker?.stop();
        await app.close();
        if (demo) await demo.dispose();
        else await store.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      const address = await app.listen({ port: Number(opts.port), host: opts.host });
      app.log.info({ store: store.location, demo: Boolean(demo) }, `Planwatch listening on ${address}`);
      io.err(`Planwatch 已启动：${address}  （数据：${demo ? '示例数据临时工作区' : store.location}）\n`);
    });

  const user = program.command('user').description('用户管理 / users');
  user
    .command('add')
    .description('新增用户；未提供密码时生成并打印一次')
    .argument('<username>')
    .requiredOption('--role <role>', `角色：${ROLES.join(' / ')}`)
    .option('--unit <unit>', '所属单位编号（填报员必填）')
    .option('--name <name>', '显示名称')
    .option('--password-stdin', '从标准输入读取密码')
    .option('--data <dir>', '数据目录')
    .action(async (username: string, opts: { role: string; unit?: string; name?: string; passwordStdin?: boolean; data?: string }) => {
      if (!ROLES.includes(opts.role as Role)) throw new Error(`角色「${opts.role}」应为 ${ROLES.join(' / ')}`);
      const password = opts.passwordStdin ? await readStdin() : generatePassword();
      const store = await openFromFlags(opts);
      try {
        const u = await addUser(store.db, SYSTEM, {
          username,
          password,
          role: opts.role as Role,
          unitId: opts.unit ?? null,
          displayName: opts.name,
        });
        io.out(`已创建用户 ${u.username}（${u.role}${u.unitId ? `，单位 ${u.unitId}` : ''}）\n`);
        if (!opts.passwordStdin) io.out(`初始密码：${password}\n请妥善保存，此密码不会再次显示。\n`);
      } finally {
        await store.close();
      }
    });

  program
    .command('backup')
    .description('备份数据（SQLite 在线一致性备份；PostgreSQL 请用 pg_dump）')
    .requiredOption('-o, --output <file>', '备份文件')
    .option('--data <dir>', '数据目录')
    .action(async (opts: { output: string; data?: string }) => {
      const store = await openFromFlags(opts);
      try {
        if (!store.sqlite) {
          io.err(
            '当前使用 PostgreSQL：请用 pg_dump 备份，例如\n  pg_dump --format=custom --file=planwatch.dump "$DATABASE_URL"\n恢复：pg_restore --clean --dbname="$DATABASE_URL" planwatch.dump\n',
          );
          process.exitCode = 2;
          return;
        }
        const target = resolve(opts.output);
        mkdirSync(dirname(target), { recursive: true });
        // SQLite's online backup API: a consistent copy while the server keeps writing.
        await store.sqlite.backup(target);
        io.out(`已备份到 ${target}\n`);
      } finally {
        await store.close();
      }
    });
}
