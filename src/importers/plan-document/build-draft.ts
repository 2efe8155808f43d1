/**
 * From the document's blocks to the plan draft: the finders run over one stream of units (every
 * paragraph and table cell in reading order), each claims what it reads (tables, boxes,
 * headings), and what is left is the sections' prose, where the task targets are looked for.
 */
import { flag, sourceOf, type DraftChapter, type DraftIndicator, type DraftSection, type PlanDraft } from './draft.js';
import { findColumns, sectionIdAt } from './find-columns.js';
import { findIndicatorTable } from './find-indicators.js';
import { findMeta } from './find-meta.js';
import { findOutline } from './find-outline.js';
import { findPlaces } from './find-places.js';
import { findProjects } from './find-projects.js';
import { findTaskTargets, type TaskTargetSource } from './find-task-targets.js';
import { unitsOf, type Block, type Unit } from './source.js';

/** Titles of tables (「表2-1 …」「1-1 …完成情况表」) and figures (「图2 …布局图」): not prose. */
const TABLE_TITLE = /^(?:表\s*)?\d+\s*[-—–]\s*\d+\s*\S/;
const FIGURE_TITLE = /^(?:图\s*)?\d+(?:\s*[-—–]\s*\d+)?\s*\S.{0,40}图$/;

/** Other tables flattened into text (table 1-1): from the title to the note under it. */
function otherTableRegions(units: Unit[], headingAt: Map<number, unknown>, claimed: Set<number>): void {
  for (let i = 0; i < units.length; i++) {
    if (units[i]!.cell || claimed.has(i) || !TABLE_TITLE.test(units[i]!.text)) continue;
    if (!units.slice(i + 1, i + 8).some((u) => /^(序号|类别|指标名称)$/.test(u.text))) {
      claimed.add(i);
      continue;
    }
    let j = i;
    while (j + 1 < units.length && !headingAt.has(j + 1)) {
      j++;
      claimed.add(j);
      if (/^注\s*[:：]/.test(units[j]!.text)) break;
    }
    claimed.add(i);
  }
}

/** An indicator name the table lost a character of (「好于类水体」): restored from the prose, flagged. */
function restoreName(ind: DraftIndicator, allProse: () => string): void {
  const n = ind.name;
  if (n.length < 8) return;
  const prose = allProse();
  if (prose.includes(n)) return;
  for (let k = 3; k <= n.length - 3; k++) {
    const head = n.slice(0, k);
    const tail = n.slice(k);
    for (let at = prose.indexOf(head); at >= 0; at = prose.indexOf(head, at + 1)) {
      if (prose.startsWith(tail, at + k + 1) && !/[\s，,。]/.test(prose[at + k]!)) {
        const restored = head + prose[at + k] + tail;
        flag(ind, `表中名称写作「${n}」，正文写作「${restored}」：已按正文补回「${prose[at + k]}」`);
        ind.name = restored;
        return;
      }
    }
  }
}

export function buildDraft(blocks: Block[], opts: { id: string; file: string }): PlanDraft {
  const units = unitsOf(blocks);
  const outline = findOutline(units);
  const claimed = new Set<number>(outline.headingAt.keys());
  for (let i = 0; i < outline.bodyStart; i++) claimed.add(i);

  const table = findIndicatorTable(units);
  if (table) for (let i = table.first; i <= table.last; i++) claimed.add(i);
  otherTableRegions(units, outline.headingAt, claimed);
  for (let i = 0; i < units.length; i++) if (!units[i]!.cell && FIGURE_TITLE.test(units[i]!.text)) claimed.add(i);
  // Attachments listed after the text (「附件:…(行文稿).doc」) are links, not prose.
  const lastChapter = outline.chapters.at(-1)?.unit ?? units.length;
  const attachments = units.findIndex((u, i) => i > lastChapter && !u.cell && /^附件\s*[:：]/.test(u.text));
  if (attachments >= 0) for (let i = attachments; i < units.length; i++) claimed.add(i);
  const boxes = findColumns(units, outline, (i) => claimed.has(i) && !outline.headingAt.has(i));
  for (const i of boxes.claimed) claimed.add(i);

  const meta = findMeta(units, opts.id, { base: table?.baseYear, target: table?.targetYear }, opts.file);
  meta.categories = table?.categories ?? [];
  meta.notes = table?.notes ?? [];
  if (!table) flag(meta, '未找到主要指标表（含「序号」「属性」的表）');

  // Chapters and sections with their prose: every unit no finder claimed.
  const sectionUnits = new Map<string, Unit[]>();
  const chapters: DraftChapter[] = outline.chapters.map((c) => {
    const tocEntry = outline.toc.find((t) => t.no === c.no);
    const chapter: DraftChapter = {
      id: String(c.no),
      no: c.no,
      title: c.title,
      paragraphs: [],
      sections: [],
      source: sourceOf(units[c.unit]!),
    };
    if (c.part) chapter.part = c.part;
    if (tocEntry && tocEntry.title !== c.title) flag(chapter, `目录中标题为「${tocEntry.title}」`);
    sectionUnits.set(chapter.id, []);
    for (const s of c.sections) {
      const section: DraftSection = { id: `${c.no}.${s.no}`, title: s.title, paragraphs: [], source: sourceOf(units[s.unit]!) };
      const tocSection = tocEntry?.sections.find((t) => t.no === s.no);
      if (tocSection && tocSection.title !== s.title) flag(section, `目录中标题为「${tocSection.title}」，正文为「${s.title}」`);
      chapter.sections.push(section);
      sectionUnits.set(section.id, []);
    }
    return chapter;
  });
  if (chapters.length === 0) flag(meta, '未找到章节标题（第一章/一、/第一篇 …）');
  const byId = new Map<string, DraftChapter | DraftSection>();
  for (const c of chapters) {
    byId.set(c.id, c);
    for (const s of c.sections) byId.set(s.id, s);
  }
  units.forEach((u, i) => {
    if (claimed.has(i) || u.cell) return;
    const id = sectionIdAt(outline, i);
    const target = id ? byId.get(id) : undefined;
    if (!target) return;
    target.paragraphs.push(u.text);
    sectionUnits.get(id!)!.push(u);
  });

  // All the prose as one text, only for a name to restore (a 300-page plan's prose is long).
  let prose: string | undefined;
  const allProse = (): string =>
    (prose ??= [...sectionUnits.values()]
      .flat()
      .map((u) => u.text)
      .join('\n'));
  const indicators = table?.indicators ?? [];
  const sectionText = [...sectionUnits]
    .filter(([id]) => id.includes('.'))
    .map(([id, us]) => [id, us.map((u) => u.text).join('\n')] as const);
  for (const ind of indicators) {
    restoreName(ind, allProse);
    const key = ind.group ?? ind.name;
    // The sections whose prose names the indicator: one pass over the prose for each name.
    ind.sectionIds = sectionText.filter(([, text]) => text.includes(key)).map(([id]) => id);
  }

  const sources: TaskTargetSource[] = [];
  // The review of the past period (「发展基础」, a chapter of 成就) sets no targets.
  const review = new Set(
    chapters.flatMap((c) =>
      /成就|回顾|总结/.test(c.title)
        ? [c.id, ...c.sections.map((s) => s.id)]
        : c.sections.filter((s) => /发展基础|回顾|成就/.test(s.title)).map((s) => s.id),
    ),
  );
  for (const [sectionId, us] of sectionUnits)
    if (!review.has(sectionId)) for (const u of us) sources.push({ sectionId, text: u.text, source: () => sourceOf(u) });
  for (const c of boxes.columns)
    for (const item of c.items)
      sources.push({ sectionId: c.sectionId, columnId: c.id, text: `${item.name}。${item.text}`, source: () => item.source });
  const found = findTaskTargets(sources, meta.baseYear);
  for (const t of found.taskTargets) {
    if (!t.sectionId.includes('.')) {
      // Stated in a chapter's opening paragraphs: plans tie task targets to a section.
      const first = chapters.find((c) => c.id === t.sectionId)?.sections[0];
      if (first) {
        flag(t, `出自第${t.sectionId}章章首段落，暂归入第一节「${first.title}」`);
        t.sectionId = first.id;
      }
    }
    const same = indicators
      .filter((i) => t.name.includes(i.group ?? i.name))
      .sort((a, b) => (b.group ?? b.name).length - (a.group ?? a.name).length)[0];
    if (same) flag(t, `可能与主要指标第${same.no}项「${same.name}」重复`);
  }

  const orgUnits = findPlaces(
    meta.region,
    chapters.flatMap((c) => c.sections.map((s) => ({ section: s, units: sectionUnits.get(s.id) ?? [] }))),
  );
  // Units and projects are shared by every plan in the store: their ids carry the plan's.
  const unitId = new Map(orgUnits.map((o) => [o.id, `${opts.id}-${o.id}`]));
  for (const o of orgUnits) {
    o.id = unitId.get(o.id)!;
    if (o.parentId) o.parentId = unitId.get(o.parentId);
  }
  const projects = findProjects(boxes.columns, orgUnits);
  for (const p of projects) p.id = `${opts.id}-${p.id}`;
  return { meta, chapters, columns: boxes.columns, indicators, taskTargets: found.taskTargets, projects, orgUnits, unread: found.unread };
}
