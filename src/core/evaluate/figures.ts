/**
 * A result's figures, in one shape per kind of target: every field its rules may set is there from
 * the start (undefined until set; JSON leaves it out). A field added later would change the
 * object's hidden class midway and allocate again; the fields of other kinds would only take room,
 * and evaluating a national deployment makes 180,000 of these. The shapes are a table of field
 * names, one row per kind.
 */
import type { Ctx, Figures, Judgement } from './types.js';
import { FIXED_RULES } from './words.js';

type Field = Exclude<keyof Figures, 'baseYear' | 'targetYear' | 'base'>;

// Every kind: the same first fields in the same order, then its own.
const COMMON: Field[] = ['target', 'latest', 'dataYear', 'timeShare', 'completion', 'realisedGrowthPct', 'realisedGrowthMethod'];

export const FIGURE_FIELDS = {
  level: [
    ...COMMON,
    'stretch',
    'scheduleValue',
    'requiredGrowthPct',
    'requiredChange',
    'forecast',
    'anticipatedCompletion',
    'unsdBand',
    'sdgRatio',
    'sdgBand',
  ],
  sum: [...COMMON, 'cumulativeSum', 'requiredChange', 'forecast', 'anticipatedCompletion', 'unsdBand'],
  change: [...COMMON, 'achievedChange'],
  growth: [...COMMON, 'targetGrowthPct', 'requiredGrowthPct', 'growthRatio'],
  relational: [...COMMON, 'referenceGrowthPct'],
  plain: COMMON,
} satisfies Record<string, Field[]>;

export type FiguresKind = keyof typeof FIGURE_FIELDS;

/**
 * Each kind's maker is compiled once from its field table into an object literal, as a hand-written
 * one would be: a literal gets its hidden class and its size up front, where a copy or a loop of
 * assignments would grow the object field by field.
 */
function maker(fields: readonly Field[]): (baseYear: number, targetYear: number, base: number | null) => Figures {
  const body = `return { baseYear, targetYear, base, ${fields.map((f) => `${f}: undefined`).join(', ')} };`;
  return new Function('baseYear', 'targetYear', 'base', body) as (baseYear: number, targetYear: number, base: number | null) => Figures;
}

const MAKERS = Object.fromEntries(Object.entries(FIGURE_FIELDS).map(([k, fields]) => [k, maker(fields)])) as Record<
  FiguresKind,
  ReturnType<typeof maker>
>;

export function figuresFor(c: Ctx, kind: FiguresKind): Figures {
  return MAKERS[kind](c.b, c.T, c.ind.base);
}

/** No value to judge: the same rule for every kind, the reason in the words. */
export function missing(c: Ctx, why: string): Judgement {
  return {
    status: 'dataMissing',
    verdict: 'dataMissing',
    rule: FIXED_RULES.dataMissing,
    explain: () => why,
    figures: figuresFor(c, 'plain'),
  };
}
