/**
 * A sweep of every page in the navigation, as an administrator and as the public, in both languages
 * (issue 12: "no raw code, JSON or untranslated status word"; issue 15: the English side complete).
 *
 * The rule for English: every Chinese character on screen is either data the server sent (an
 * indicator's name, the plan's text, a unit's name, a sentence the evaluation wrote: any string in
 * an API response the page received) or an evaluation status word with its English beside it
 * (「滞后于预期 Lagging」, the one place the Chinese word is kept on purpose). What the web app writes
 * itself (its dictionary, the words of src/core/labels.ts) never shows in Chinese, and a server
 * string equal to one of those words does not count as data, so a page cannot hide a label behind it.
 *
 * The rule for Chinese: no raw code (the keys of the label tables: `submitted`, `level`, `outlier` …)
 * and nothing that looks like stored JSON.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as labels from '../../src/core/labels.js';
import { ADMIN, BROWSER_TIMEOUT, PLAN, screenshot, webFixture } from './browser.js';

const web = webFixture({ demo: true, people: [ADMIN] });

type Words = Record<string, { zh: string; en: string }>;
const TABLES = (Object.values(labels) as unknown[]).filter(
  (v): v is Words =>
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.values(v).every((w) => typeof (w as { zh?: unknown })?.zh === 'string'),
);
const CJK = /[\u4e00-\u9fff]+/g;
const hasCjk = (s: string): boolean => /[\u4e00-\u9fff]/.test(s);

/** Words the web app writes itself: its dictionary's Chinese (read in beforeAll) and every Chinese word of the label tables. */
const OWN_WORDS = new Set(TABLES.flatMap((t) => Object.values(t).map((w) => w.zh)).filter(hasCjk));
// The web dictionary is imported by path, as test/web/i18n.test.ts does (the web app is typechecked on its own).
const I18N = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/src/i18n/index.ts');
beforeAll(async () => {
  const { DICT } = (await import(I18N)) as { DICT: { zh: Record<string, string> } };
  for (const w of Object.values(DICT.zh)) if (hasCjk(w)) OWN_WORDS.add(w);
});
/** Status, verdict and attribute words, kept Chinese with the English beside them. */
const BESIDE = [labels.STATUS, labels.VERDICT, labels.ATTRIBUTE].flatMap((t) => Object.values(t) as { zh: string; en: string }[]);
/** Codes that must never show in Chinese mode: the keys of every label table, and the checks' own flags. */
const CODES = [...new Set([...TABLES.flatMap((t) => Object.keys(t)), 'outlier', 'growth_pct', 'avg_growth_pct'])].filter(
  // A username may well be `admin`: a role's code is data there, not a code left unsaid.
  (c) => /^[a-z][a-zA-Z_.]{3,}$/.test(c) && c !== 'admin',
);

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const PLAN_FIELDS = new Set(['unit', 'category', 'group', 'name', 'title']);

/** Collects every string of every API response a page receives: the data it may show in Chinese. */
function collectData(page: Page): Set<string> {
  const data = new Set<string>();
  // The plan's own fields (an indicator's unit 亿元 or category 科技创新, a box's group 目标, a name or
  // title) are data even where the app has the same word.
  const walk = (x: unknown, key = ''): void => {
    if (typeof x === 'string') {
      if (hasCjk(x) && (!OWN_WORDS.has(x) || PLAN_FIELDS.has(key))) data.add(x);
    } else if (Array.isArray(x)) x.forEach((e) => walk(e, key));
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, k);
  };
  page.on('response', (r) => {
    if (!r.url().includes('/api/') || !(r.headers()['content-type'] ?? '').includes('json')) return;
    r.json().then(walk, () => undefined);
  });
  return data;
}

/**
 * The Chinese left on screen once the data and the status words with their English are taken out.
 * A target as the plan writes it (「93%以上」「7.5%左右」, its unit put in by the page) is the plan's text.
 */
function untranslated(text: string, data: Set<string>): string[] {
  let t = text;
  for (const w of BESIDE) t = t.replace(new RegExp(`${escape(w.zh)}\\s*${escape(w.en)}`, 'g'), ' ');
  for (const d of [...data].sort((a, b) => b.length - a.length)) t = t.split(d).join(' ');
  t = t.replace(/[\d.]+\s*[^\s\d\u4e00-\u9fff]{0,4}(以上|以下|左右)|[(（]累计[)）]/g, ' ');
  return [...new Set(t.match(CJK) ?? [])];
}

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('main .ant-spin-spinning').first().waitFor({ state: 'detached' });
}

/** Every page of the navigation as the signed-in person sees it, plus one indicator and one project. */
async function pagesOf(page: Page): Promise<string[]> {
  await page.goto(`${web.server.url}/plans/${PLAN}`);
  await page.locator('[data-testid=cockpit]').waitFor();
  const nav = await page.locator('[data-nav]').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  await page.goto(`${web.server.url}/plans/${PLAN}/projects`);
  const project = await page.locator('a[href^="/projects/"]').first().getAttribute('href');
  return [...new Set([...nav, `/plans/${PLAN}/indicators/1`, ...(project ? [project] : [])])];
}

async function sweep(who: 'admin' | 'public', lang: 'zh' | 'en'): Promise<Record<string, string[]>> {
  const page = await web.withPage(who);
  const data = collectData(page);
  if (who === 'public') await page.goto(`${web.server.url}/login`);
  await page.evaluate((l) => localStorage.setItem('planwatch.lang', l), lang);
  const found: Record<string, string[]> = {};
  for (const path of await pagesOf(page)) {
    await page.goto(`${web.server.url}${path}`);
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.lang), path).toBe(lang === 'en' ? 'en' : 'zh-CN');
    // Kept Chinese on purpose, in both languages: the brand mark, the switch naming the other
    // language in that language, and the demo banner's 示例数据 (the mark every demo figure carries).
    const text = await page.evaluate(() => {
      const body = document.body.cloneNode(true) as HTMLElement;
      for (const e of body.querySelectorAll('.pw-logo, [data-testid=lang-switch], [data-testid=demo-banner]')) e.remove();
      document.body.append(body);
      body.style.position = 'absolute';
      const t = body.innerText;
      body.remove();
      return t;
    });
    const bad =
      lang === 'en'
        ? untranslated(text, data)
        : [
            ...CODES.filter((c) => new RegExp(`(^|[^A-Za-z_.])${escape(c)}($|[^A-Za-z_.])`).test(text)),
            ...(text.match(/\{"|"\w+":|\[\{|\[(submitted|approved|returned|draft)\]/g) ?? []),
          ];
    if (bad.length) found[path] = bad;
    if (bad.length && process.env.SWEEP_DUMP) writeFileSync(`${process.env.SWEEP_DUMP}/${lang}${path.replace(/\//g, '_')}.txt`, text);
    if (lang === 'en' && ['', 'indicators', 'projects', 'supervision'].includes(path.split('/')[3] ?? ''))
      await screenshot(page, `en-${who}-${path.split('/')[3] || 'cockpit'}`, false);
  }
  return found;
}

describe('every page in both languages', () => {
  it(
    'in English, an administrator sees no Chinese the web app wrote itself, on any page of the navigation',
    async () => {
      expect(await sweep('admin', 'en')).toEqual({});
    },
    BROWSER_TIMEOUT * 2,
  );

  it(
    'in English, the public pages likewise',
    async () => {
      expect(await sweep('public', 'en')).toEqual({});
    },
    BROWSER_TIMEOUT * 2,
  );

  it(
    'in Chinese, no page shows a raw code or stored JSON',
    async () => {
      expect(await sweep('admin', 'zh')).toEqual({});
    },
    BROWSER_TIMEOUT * 2,
  );

  it('no console error or page error on any page', () => {
    expect(web.problems.list).toEqual([]);
  });
});
