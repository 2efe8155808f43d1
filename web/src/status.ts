/**
 * The colours of the evaluation's status and verdict words (green for done, red for seriously
 * lagging, grey for missing data); the words themselves, Chinese and English, are the core's
 * (src/core/labels.ts), joined to their colours here.
 */
import { beside, type Lang } from './i18n';
import {
  PROJECT_STAGE,
  STATUS as STATUS_WORD,
  STATUS_CODES,
  VERDICT as VERDICT_WORD,
  VERDICT_CODES,
  VERDICT_ORDER,
  type StatusCode,
  type VerdictCode,
} from '../../src/core/labels';

interface Colour {
  color: string;
  bg: string;
  border: string;
}

export interface Word extends Colour {
  zh: string;
  en: string;
}

/** Colours of each status: text, background, border. */
const STATUS_COLOUR: Record<StatusCode, Colour> = {
  achieved: { color: '#135200', bg: '#d9f7be', border: '#73d13d' },
  ahead: { color: '#237804', bg: '#f0ffe0', border: '#95de64' },
  onTrack: { color: '#0050b3', bg: '#e6f4ff', border: '#69b1ff' },
  slightlyBehind: { color: '#7c5800', bg: '#fffbe6', border: '#ffd666' },
  lagging: { color: '#ad4e00', bg: '#fff2e8', border: '#ff9c6e' },
  seriouslyLagging: { color: '#a8071a', bg: '#fff1f0', border: '#ff7875' },
  assigned: { color: '#391085', bg: '#f9f0ff', border: '#b37feb' },
  notEvaluable: { color: '#434343', bg: '#f0f0f0', border: '#bfbfbf' },
  dataMissing: { color: '#595959', bg: '#fafafa', border: '#d9d9d9' },
};

/** The status words (src/core/labels.ts) with their colours. */
export const STATUS: Record<string, Word> = Object.fromEntries(STATUS_CODES.map((c) => [c, { ...STATUS_WORD[c], ...STATUS_COLOUR[c] }]));

/** Solid colours for charts, in the same order. */
export const STATUS_CHART: Record<string, string> = {
  achieved: '#389e0d',
  ahead: '#95de64',
  onTrack: '#4096ff',
  slightlyBehind: '#fadb14',
  lagging: '#fa8c16',
  seriouslyLagging: '#f5222d',
  assigned: '#9254de',
  notEvaluable: '#8c8c8c',
  dataMissing: '#d9d9d9',
};

export const STATUS_ORDER = STATUS_CODES;

const VERDICT_COLOUR: Record<VerdictCode, Colour> = {
  completed: STATUS_COLOUR.achieved,
  totalCompleted: STATUS_COLOUR.ahead,
  basicallyCompleted: STATUS_COLOUR.slightlyBehind,
  notCompleted: STATUS_COLOUR.seriouslyLagging,
  expectedCompleted: STATUS_COLOUR.onTrack,
  expectedNotCompleted: STATUS_COLOUR.lagging,
  assigned: STATUS_COLOUR.assigned,
  notEvaluable: STATUS_COLOUR.notEvaluable,
  dataMissing: STATUS_COLOUR.dataMissing,
};

/** The verdict words (src/core/labels.ts) with their colours. */
export const VERDICT: Record<string, Word> = Object.fromEntries(
  VERDICT_CODES.map((c) => [c, { ...VERDICT_WORD[c], ...VERDICT_COLOUR[c] }]),
);

export const VERDICT_CHART: Record<string, string> = {
  completed: '#389e0d',
  totalCompleted: '#95de64',
  basicallyCompleted: '#fadb14',
  notCompleted: '#f5222d',
  expectedCompleted: '#4096ff',
  expectedNotCompleted: '#fa8c16',
  assigned: '#9254de',
  notEvaluable: '#8c8c8c',
  dataMissing: '#d9d9d9',
};

export { VERDICT_ORDER };

const FALLBACK: Word = STATUS.dataMissing!;

export function wordOf(code: string | undefined, mode: 'progress' | 'final' = 'progress'): Word {
  if (!code) return FALLBACK;
  return (mode === 'final' ? VERDICT[code] : STATUS[code]) ?? STATUS[code] ?? VERDICT[code] ?? FALLBACK;
}

/** Chinese first; in English mode the English follows: 「滞后于预期 Lagging」. */
export function labelOf(code: string | undefined, lang: Lang, mode: 'progress' | 'final' = 'progress', official?: string): string {
  // An official verdict's own Chinese word (「以上级考核为准」…) stands for the code's in both languages.
  const w = wordOf(code, mode);
  return beside(official ? { zh: official, en: w.en } : w, lang);
}

/** The tag colour of each workflow state of a value (the words: VALUE_STATUS in src/core/labels.ts). */
export const VALUE_STATUS_COLOUR: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
};

/** Project stages in lifecycle order (the words: PROJECT_STAGE in src/core/labels.ts). */
export const PROJECT_STAGES = Object.keys(PROJECT_STAGE) as (keyof typeof PROJECT_STAGE)[];

/** The tag colour of each kind of project warning (the words: PROJECT_WARNING in src/core/labels.ts). */
export const PROJECT_WARNING_COLOUR: Record<string, string> = {
  investmentBehind: 'red',
  milestoneOverdue: 'red',
  stalled: 'orange',
  notStarted: 'orange',
  issueOpen: 'gold',
};
