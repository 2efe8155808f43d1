/**
 * The 专栏 boxes: 「专栏N:标题」 and the items under it, in the forms plans write them —
 * 「1.名称。说明」, 「名称:说明」, a heading line with its text in the next paragraph, a group
 * line (「1.三大主导产业链」) over 「名称:说明」 items. A box's end is where a paragraph no longer
 * reads as an item of it (or a heading, a table, the next box); where items read like ordinary
 * paragraphs (「名称。说明」), the end cannot be told from the layout: a title that counts its
 * items (「依托“两核”…」) ends the box after that many, and the box is flagged either way.
 */
import { flag, sourceOf, type DraftColumn, type DraftColumnItem } from './draft.js';
import type { Outline } from './find-outline.js';
import { CN_NUMERAL, numeralValue } from './numerals.js';
import type { Unit } from './source.js';

const COLUMN = /^专栏\s*(\d+)\s*[:：]?\s*(.+)$/;
const NUMBERED = /^(\d+)\s*[.．、]\s*(.+)$/;
const COLON = /^([^:：。，,；;]{1,30})[:：]\s*(.*)$/;
const PERIOD = /^([^。:：]{2,40})。(.+)$/;

// 「两核」「五大行动」「三条」: a count of what the box lists (「十四五」 is a period, not a count).
const TITLE_COUNT = new RegExp(
  `(?<![十一二三四五])(${CN_NUMERAL}|\\d{1,2})(?:大|个|项|条)?(?:核|区|园|带|城|圈|链|馆|行动|工程|平台|中心)`,
);

/** How many items the title says the box holds, when it says so. */
export function titleCount(title: string): { count: number; words: string } | undefined {
  const t = title.replace(/十[一二三四五六七八九]五/g, '');
  const m = TITLE_COUNT.exec(t);
  const count = m ? numeralValue(m[1]!) : undefined;
  return m && count ? { count, words: m[0] } : undefined;
}

function isHeaderLine(t: string): boolean {
  return t.length <= 32 && !/[。:：；;]/.test(t);
}

export interface FoundColumns {
  columns: DraftColumn[];
  /** Units the boxes take (their title and items): not prose of the section. */
  claimed: Set<number>;
}

export function sectionIdAt(outline: Outline, unit: number): string | undefined {
  const p = outline.placeOf(unit);
  if (!p) return undefined;
  return p.section ? `${p.chapter}.${p.section}` : String(p.chapter);
}

export function findColumns(units: Unit[], outline: Outline, stop: (i: number) => boolean): FoundColumns {
  const columns: DraftColumn[] = [];
  const claimed = new Set<number>();
  for (let i = outline.bodyStart; i < units.length; i++) {
    const m = COLUMN.exec(units[i]!.text);
    if (!m) continue;
    const no = Number(m[1]);
    const column: DraftColumn = {
      id: `col-${no}`,
      no,
      title: m[2]!.trim(),
      sectionId: sectionIdAt(outline, i) ?? '1',
      items: [],
      source: sourceOf(units[i]!),
    };
    claimed.add(i);
    let group: string | undefined;
    let periodStyle = false;
    let j = i + 1;
    // The units each item was read from, so that items found to be prose can be given back.
    const taken: number[][] = [];
    const add = (name: string, text: string, at: Unit, g = group): DraftColumnItem => {
      taken.push([]);
      const item: DraftColumnItem = {
        id: `${column.id}-${column.items.length + 1}`,
        name: name.trim(),
        text: text.trim(),
        source: sourceOf(at),
      };
      if (g) item.group = g;
      column.items.push(item);
      return item;
    };
    const isColonItem = (t: string | undefined): boolean => !!t && COLON.test(t.replace(NUMBERED, '$2'));
    for (; j < units.length; j++) {
      const u = units[j]!;
      if (stop(j) || outline.headingAt.has(j) || COLUMN.test(u.text)) break;
      const t = u.text;
      const body = NUMBERED.exec(t)?.[2] ?? t;
      const next = units[j + 1]?.text;
      if (isHeaderLine(body)) {
        if (isColonItem(next)) {
          group = body;
          claimed.add(j);
          continue;
        }
        // A heading line whose text is the next paragraph.
        if (next === undefined || stop(j + 1) || outline.headingAt.has(j + 1) || COLUMN.test(next)) break;
        add(body, next, u, group ?? (column.items.some((x) => x.group) ? body : undefined));
        taken.at(-1)!.push(j, j + 1);
        claimed.add(j);
        claimed.add(j + 1);
        j++;
        continue;
      }
      const numbered = NUMBERED.test(t);
      const colon = COLON.exec(body);
      if (colon) {
        add(colon[1]!, colon[2]!, u);
      } else if (numbered && PERIOD.test(body)) {
        const p = PERIOD.exec(body)!;
        add(p[1]!, p[2]!, u);
      } else if (column.items.length === 0 && isColonItem(next)) {
        // An introduction before the first 「名称:说明」 item: the box's first item, name uncertain.
        const item = add(body.split(/[,，。]/)[0]!, body, u);
        flag(item, '专栏条目名称无法从文字确定，已取首句');
      } else if (PERIOD.test(body) && (column.items.length === 0 || periodStyle)) {
        periodStyle = true;
        const p = PERIOD.exec(body)!;
        add(p[1]!, p[2]!, u);
      } else break;
      taken.at(-1)?.push(j);
      claimed.add(j);
    }
    if (periodStyle) {
      flag(column, '专栏条目写作「名称。说明」，与正文段落无法区分：专栏到何处结束需审核');
      const said = titleCount(column.title);
      if (said && said.count < column.items.length) {
        // The paragraphs after the counted items are the section's prose again.
        for (const us of taken.slice(said.count)) for (const k of us) claimed.delete(k);
        j = Math.max(i + 1, taken[said.count]?.[0] ?? j);
        flag(column, `标题称「${said.words}」：取前${said.count}条，其后${column.items.length - said.count}段归入正文`);
        column.items.length = said.count;
      }
    }
    if (column.items.length === 0) flag(column, '专栏下未读到条目');
    columns.push(column);
    i = j - 1;
  }
  return { columns, claimed };
}
