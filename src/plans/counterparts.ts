/**
 * `counterparts.yaml`: each indicator's counterpart in a higher plan (★ ▲), kept apart from the
 * table in `indicators.yaml` so that the table stays as printed and the links — which change when a
 * province or city plan is added — are reviewed on their own, with the rows not linked and why.
 * The links are merged into the indicators' `counterpart` before the plan is validated.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { IndicatorLinkSchema } from '../core/model.js';
import { formatPath } from '../core/validate.js';

export const COUNTERPARTS_FILE = 'counterparts.yaml';

const CounterpartsFileSchema = z
  .object({
    counterparts: z.array(z.object({ indicator: z.string().min(1), counterpart: IndicatorLinkSchema }).strict()),
  })
  .strict();

/** Merges the folder's counterparts into the raw indicator rows; returns the problems, each naming the file and entry. */
export function mergeCounterparts(dir: string, name: string, indicators: unknown): string[] {
  const path = join(dir, COUNTERPARTS_FILE);
  if (!existsSync(path)) return [];
  const file = `${name}/${COUNTERPARTS_FILE}`;
  const doc = parseDocument(readFileSync(path, 'utf8'), { prettyErrors: true });
  if (doc.errors.length) return doc.errors.map((e) => `${file}: ${e.message}`);
  const parsed = CounterpartsFileSchema.safeParse(doc.toJS());
  if (!parsed.success) return parsed.error.issues.map((i) => `${file}: ${formatPath(i.path) || '(root)'}: ${i.message}`);
  if (!Array.isArray(indicators)) return [`${file}: 规划没有指标表（indicators.yaml），无从关联`];
  const rows = indicators as Record<string, unknown>[];
  const problems: string[] = [];
  const seen = new Set<string>();
  parsed.data.counterparts.forEach((c, i) => {
    const at = `${file}: counterparts[${i}]`;
    const row = rows.find((r) => r.id === c.indicator);
    if (!row) return problems.push(`${at}.indicator: 指标表中没有指标「${c.indicator}」`);
    if (seen.has(c.indicator)) return problems.push(`${at}.indicator: 指标「${c.indicator}」重复关联`);
    if (row.counterpart !== undefined)
      return problems.push(`${at}.indicator: 指标「${c.indicator}」已在 indicators.yaml 中写明对应指标，只写一处`);
    seen.add(c.indicator);
    row.counterpart = c.counterpart;
  });
  return problems;
}
