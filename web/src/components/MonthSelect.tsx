/** A month (YYYY-MM) picked from a list written as the reader writes it: 「2024年4月」, newest first. */
import type { ReactNode } from 'react';
import { Select } from 'antd';
import { DICT, fill, useLang } from '../i18n';

export function monthLabel(m: string, lang: 'zh' | 'en'): string {
  const [y, mo] = m.split('-');
  return fill(DICT[lang].monthOf, { y: y!, m: Number(mo), mm: mo! });
}

/** Every month from `from` to `to` (YYYY-MM, inclusive), newest first. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (let guard = 0; guard < 1200; guard++) {
    const s = `${y}-${String(m).padStart(2, '0')}`;
    if (s > to) break;
    out.push(s);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out.reverse();
}

export function MonthSelect({
  id,
  value,
  onChange,
  from,
  to,
  width = 140,
  ariaLabel,
  allowClear = false,
}: {
  id?: string;
  value?: string | null;
  onChange?(m: string | null): void;
  from: string;
  to: string;
  width?: number | string;
  ariaLabel?: string;
  allowClear?: boolean;
}): ReactNode {
  const lang = useLang();
  const months = monthsBetween(from < to ? from : to, to);
  // A value outside the range (an older report, a month typed in the URL) is still shown.
  if (value && !months.includes(value)) months.unshift(value);
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      value={value ?? undefined}
      allowClear={allowClear}
      showSearch
      style={{ width }}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      filterOption={(input, o) => !!o && (o.value.includes(input) || o.label.includes(input))}
      options={months.map((m) => ({ value: m, label: monthLabel(m, lang) }))}
    />
  );
}
