// One formatter per locale, digits and grouping: making an Intl.NumberFormat costs far more than
// using one, and a page formats hundreds of numbers (the cockpit's first draw made one per number).
const formatters = new Map<string, Intl.NumberFormat>();

/** Numbers as a reader expects them: a few significant decimals, percentages, units. */
export function fmtNum(v: number | null | undefined, lang: 'zh' | 'en' = 'zh'): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  const digits = a >= 100 ? 2 : a >= 1 ? 2 : a >= 0.01 ? 3 : 5;
  const grouping = a >= 10000;
  const key = `${lang}${digits}${grouping}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: digits, useGrouping: grouping });
    formatters.set(key, f);
  }
  return f.format(v);
}

/** A share 0…1 as a percentage. */
export function fmtShare(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return `${Number((v * 100).toFixed(1))}%`;
}

export function fmtPct(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return `${Number(v.toFixed(2))}%`;
}

export function withUnit(v: number | null | undefined, unit: string, lang: 'zh' | 'en' = 'zh'): string {
  const n = fmtNum(v, lang);
  if (n === '—' || !unit) return n;
  return unit === '%' ? `${n}%` : `${n} ${unit}`;
}

export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A target as written, with its unit where the notation is numeric: 「93以上」 + % → 「93%以上」. */
export function targetText(written: string | undefined, unit: string): string {
  if (!written) return '—';
  if (!/^\[?-?\d/.test(written) || !unit) return written;
  const sep = unit === '%' ? '' : ' ';
  const m = /^(.*?)(以上|以下|左右|\(累计\)|（累计）)$/.exec(written);
  return m ? `${m[1]}${sep}${unit}${m[2]}` : `${written}${sep}${unit}`;
}

const CN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 「第七章」 (or 「7.」 in English) for a chapter's number. */
export function chapterNo(n: number, lang: 'zh' | 'en'): string {
  if (lang === 'en') return `${n}.`;
  const cn = n <= 10 ? CN[n]! : n < 20 ? `十${CN[n - 10]}` : String(n);
  return `第${cn}章`;
}

/** A span of years: 「2021—2024」, or one year. */
export function yearSpan(from: number, to: number): string {
  return from >= to ? String(to) : `${from}—${to}`;
}
