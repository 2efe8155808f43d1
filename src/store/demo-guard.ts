/**
 * Demonstration data (示例数据) never enters a real store. A demo workspace (`serve --demo`) says
 * so in its meta table when it is made; every path that writes values, ledgers or plans asks here
 * before it writes, so a file or a value marked 示例数据 is refused by the real store whichever way
 * it arrives (CLI, web upload, API, plan folder).
 */
import { hasDemoMark } from '../core/demo.js';
import type { DemoMark } from '../importers/sheet/index.js';
import { ImportError } from '../importers/sheet/index.js';
import type { Db } from './util.js';

const WORKSPACE_KEY = 'workspace';

/** Why a demonstration value is refused, in the words every path uses. */
export const DEMO_REFUSED =
  '含「示例数据」标记：这是演示用的示例数据（非真实统计），不能进入正式数据库；示例数据只能在示例工作区（planwatch serve --demo）中使用';

export class DemoDataError extends Error {
  readonly code = 'demoData';
  constructor(what: string) {
    super(`${what}${DEMO_REFUSED}`);
    this.name = 'DemoDataError';
  }
}

export async function isDemoWorkspace(db: Db): Promise<boolean> {
  const r = await db.selectFrom('meta').select('value').where('key', '=', WORKSPACE_KEY).executeTakeFirst();
  return r?.value === 'demo';
}

/** Marks a freshly made store as a demo workspace; only `openDemoStore` calls this. */
export async function markDemoWorkspace(db: Db): Promise<void> {
  await db
    .insertInto('meta')
    .values({ key: WORKSPACE_KEY, value: 'demo' })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: 'demo' }))
    .execute();
}

/** Refuses a file marked as demonstration data unless the store is a demo workspace; the error names the file and the marked cell. */
export async function refuseDemoFile(db: Db, file: string, mark: DemoMark | undefined): Promise<void> {
  if (!mark || (await isDemoWorkspace(db))) return;
  throw new ImportError([{ file, ...mark, message: `文件${DEMO_REFUSED}` }]);
}

/** The parts of a value that can say it is demonstration data. */
interface MaybeDemo {
  demo?: boolean;
  note?: string | null;
  scope?: string | null;
  explanation?: string | null;
  source?: { title?: string; quote?: string } | null;
}

/** Refuses values carrying the demonstration mark (flag, source, note) unless the store is a demo workspace. */
export async function refuseDemoValues(db: Db, what: string, values: readonly MaybeDemo[]): Promise<void> {
  const marked = values.some((v) => v.demo || hasDemoMark(v.source?.title, v.source?.quote, v.note, v.scope, v.explanation));
  if (marked && !(await isDemoWorkspace(db))) throw new DemoDataError(what);
}
