/**
 * Counts by status as a line of status tags with their numbers, each a link to the list filtered by
 * it: 「提前实现 14 · 快于预期 7 · … · 数据缺失 0」. Statuses nobody has are left out, except
 * 数据缺失 and those named in `always`, which are always told.
 */
import type { ReactNode } from 'react';
import { beside, useLang, useT } from '../i18n';
import { Link } from '../router';
import { STATUS_ORDER, VERDICT_ORDER, wordOf } from '../status';
import { StatusTag } from './common';

export function StatusChips({
  counts,
  mode,
  to,
  testId,
  always = [],
}: {
  counts: Record<string, number>;
  mode: 'progress' | 'final';
  /** The link of a status, e.g. the list filtered by it. */
  to: (code: string) => string;
  testId?: string;
  /** Statuses told even when nobody has them (e.g. 完成, 基本完成, 未完成 of a yearly plan). */
  always?: readonly string[];
}): ReactNode {
  const lang = useLang();
  const t = useT();
  const order: readonly string[] = mode === 'final' ? VERDICT_ORDER : STATUS_ORDER;
  const codes = order.filter((c) => (counts[c] ?? 0) > 0 || c === 'dataMissing' || always.includes(c));
  return (
    <ul className="pw-chips" data-testid={testId}>
      {codes.map((code) => {
        const n = counts[code] ?? 0;
        const w = wordOf(code, mode);
        return (
          <li key={code}>
            <Link
              to={to(code)}
              className="pw-chip"
              data-status={code}
              data-count={n}
              aria-label={`${beside(w, lang)} ${n}${t('indicatorsUnit')}`}
            >
              <StatusTag code={code} mode={mode} />
              <span className="pw-chip-n">{n}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
