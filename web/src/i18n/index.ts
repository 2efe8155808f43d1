/**
 * The app's own words, Chinese first, one file per area of the app (this folder), merged here.
 * English mode shows the English words; the status and verdict words of the evaluation stay
 * Chinese with the English beside them (`beside`); other words of src/core/labels.ts by `word`.
 *
 * A new page adds its words in a file of its own, `web/src/i18n/<area>.ts`, exporting `zh`
 * (`as const`) and `en` (typed `Record<keyof typeof zh, string>`, so no English word is missing),
 * and one line to AREAS below. Its keys must not repeat another area's (test/web/i18n.test.ts).
 */
import { createContext, useContext } from 'react';
import * as accounts from './accounts';
import * as annualPlan from './annual-plan';
import * as cockpit from './cockpit';
import * as common from './common';
import * as hierarchy from './hierarchy';
import * as identity from './identity';
import * as importing from './import';
import * as indicators from './indicators';
import * as intake from './intake';
import * as notifications from './notifications';
import * as planText from './plan-text';
import * as projects from './projects';
import * as reporting from './reporting';
import * as reports from './reports';
import * as supervision from './supervision';
import * as towns from './towns';

export type Lang = 'zh' | 'en';
/** The language the switch turns to. */
export const OTHER_LANG: Record<Lang, Lang> = { zh: 'en', en: 'zh' };
/**
 * Whether status words are written with the English beside the Chinese (`beside`), so wider:
 * a card puts them on a line of their own.
 */
export const WORDS_BESIDE: Record<Lang, boolean> = { zh: false, en: true };
/** The page's <html lang>. */
export const HTML_LANG: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };

/** Every area's words; test/web/i18n.test.ts checks that no key is in two of them. */
export const AREAS = {
  common,
  cockpit,
  indicators,
  annualPlan,
  planText,
  accounts,
  reporting,
  importing,
  projects,
  reports,
  supervision,
  intake,
  towns,
  hierarchy,
  identity,
  notifications,
};

const zh = {
  ...common.zh,
  ...cockpit.zh,
  ...indicators.zh,
  ...annualPlan.zh,
  ...planText.zh,
  ...accounts.zh,
  ...reporting.zh,
  ...importing.zh,
  ...projects.zh,
  ...reports.zh,
  ...supervision.zh,
  ...intake.zh,
  ...towns.zh,
  ...hierarchy.zh,
  ...identity.zh,
  ...notifications.zh,
};

export type DictKey = keyof typeof zh;

const en: Record<DictKey, string> = {
  ...common.en,
  ...cockpit.en,
  ...indicators.en,
  ...annualPlan.en,
  ...planText.en,
  ...accounts.en,
  ...reporting.en,
  ...importing.en,
  ...projects.en,
  ...reports.en,
  ...supervision.en,
  ...intake.en,
  ...towns.en,
  ...hierarchy.en,
  ...identity.en,
  ...notifications.en,
};

export const DICT: Record<Lang, Record<DictKey, string>> = { zh, en };

export interface LangState {
  lang: Lang;
  setLang(l: Lang): void;
}

export const LangContext = createContext<LangState>({ lang: 'zh', setLang: () => {} });

export function useLang(): Lang {
  return useContext(LangContext).lang;
}

export function useT(): (key: DictKey) => string {
  const lang = useLang();
  return (key) => DICT[lang][key];
}

/** Fills the {name} places of a dictionary string: fill(t('noDataCount'), { n: 3 }). */
export function fill(s: string, vars: Record<string, string | number>): string {
  return s.replace(/\{(\w+)\}/g, (all, k: string) => (k in vars ? String(vars[k]) : all));
}

/** A table of words from src/core/labels.ts: code → Chinese and English. */
export type Words = Readonly<Record<string, { zh: string; en: string }>>;

/** The word for a code in the page's language (VALUE_STATUS, ROLE, PROJECT_STAGE …); the code itself if the table has none. */
export function word(table: Words, code: string | null | undefined, lang: Lang): string {
  const w = code ? table[code] : undefined;
  return w ? w[lang] : (code ?? '');
}

/**
 * An evaluation's status or verdict word: Chinese, and in English mode the English beside it
 * (「滞后于预期 Lagging」), since the Chinese word is the one a report or a leader quotes.
 */
export function beside(w: { zh: string; en: string }, lang: Lang): string {
  return lang === 'en' ? `${w.zh} ${w.en}` : w.zh;
}

/** `beside` for a code of a word table (ATTRIBUTE …); the code itself if the table has none. */
export function besideWord(table: Words, code: string | null | undefined, lang: Lang): string {
  const w = code ? table[code] : undefined;
  return w ? beside(w, lang) : (code ?? '');
}

export function storedLang(): Lang {
  try {
    return localStorage.getItem('planwatch.lang') === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function storeLang(l: Lang): void {
  try {
    localStorage.setItem('planwatch.lang', l);
  } catch {
    // private mode: the choice lasts for the page only
  }
}
