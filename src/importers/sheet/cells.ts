/** The cell model every reader hands out: a row number as the user sees it and the non-empty cells by column. */

/**
 * A cell as the readers hand it over: text, a number (with whether Excel shows it as a
 * percentage, i.e. stores 0.075 for 7.5%), a date (a number cell with a date format, as the UTC
 * date Excel shows; check it is valid), or why it holds none of these (an error value, a formula never calculated).
 * CSV cells are always text.
 */
export type SheetCell =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number; percentFormat: boolean }
  | { kind: 'date'; value: Date }
  | { kind: 'problem'; message: string };

export interface SheetRow {
  /** 1-based, as the user sees it: the worksheet's row number, or the CSV file's line. */
  row: number;
  /** By 1-based column number; only non-empty cells. */
  cells: Map<number, SheetCell>;
}

export interface Sheet {
  /** The worksheet's name; undefined for a CSV file. */
  name?: string;
  rows: AsyncIterable<SheetRow>;
}

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** A cell as text: trimmed text, a number in JavaScript notation; '' for a date, a problem or no cell. */
export function cellText(c: SheetCell | undefined): string {
  if (!c) return '';
  if (c.kind === 'text') return c.text.trim();
  if (c.kind === 'number') return String(c.value);
  return '';
}
