/**
 * The 专栏 boxes: 「专栏N:标题」 and the items under it, in the forms plans write them —
 * 「1.名称。说明」, 「名称:说明」, a heading line with its text in the next paragraph, a group
 * line (「1.三大主导产业链」) over 「名称:说明」 items. A box's end is where a paragraph no longer
 * reads as an item of it (or a heading, a table, the next box); where items read like ordinary
 * paragraphs (「名称。说明」), the end cannot be told from the text and the box is flagged.
 */
import { flag, sourceOf, type DraftColumn, type DraftColumnItem } from './draft.js';
import type { Outline } from './find-outline.js';
import type { Unit } from './source.js';

const COLUMN = /^专栏\s*(\d+)\s*[:：]?\s*(.+)$/;
const NUMBERED = /^(\d+)\s*[.．、]\s*(.+)$/;
const COLON = /^([^:：。，,；;]{1,30})[:：]\s*(.*)$/;
const PERIOD = /^([^。:：]{2,40})。(.+)$/;

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
    const add = (name: string, text: string, at: Unit, g = group): DraftColumnItem => {
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
      claimed.add(j);
    }
    if (periodStyle) flag(column, '专栏条目写作「名称。说明」，与正文段落无法区分：专栏到何处结束需审核');
    if (column.items.length === 0) flag(column, '专栏下未读到条目');
    columns.push(column);
    i = j - 1;
  }
  return { columns, claimed };
}
