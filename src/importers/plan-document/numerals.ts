/** Chinese numerals as plans write them in headings and titles: 一 … 十九, 二十三, 一百零二, 〇/零. */
const DIGIT: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

export const CN_NUMERAL = '[一二两三四五六七八九十百零〇]+';

/** 「十四」→ 14, 「二十」→ 20, 「3」→ 3; undefined when it is not a number. */
export function numeralValue(s: string): number | undefined {
  const t = s.normalize('NFKC');
  if (/^\d+$/.test(t)) return Number(t);
  if (!new RegExp(`^${CN_NUMERAL}$`).test(t)) return undefined;
  let total = 0;
  let digit = 0;
  for (const ch of t) {
    if (ch === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else digit = DIGIT[ch]!;
  }
  return total + digit;
}

/** A year written in Chinese digits (「二〇三五」) or Arabic ones. */
export function yearValue(s: string): number | undefined {
  const t = s.normalize('NFKC');
  if (/^\d{4}$/.test(t)) return Number(t);
  if (!/^[〇零一二三四五六七八九]{4}$/.test(t)) return undefined;
  return Number([...t].map((c) => DIGIT[c]).join(''));
}
