/**
 * The draft written as a plan folder in the reviewable format of src/plans/* (plan.yaml,
 * indicators.yaml, text.yaml, columns.yaml, task-targets.yaml, projects.yaml, org-units.yaml),
 * each item preceded by a comment naming where it was read and, for the reviewer, the reader's
 * flags (「# 待核：…」). An item the plan format cannot hold as read (a target the notation parser
 * refuses, a box without items) is written out as a comment with its flag: kept, never dropped,
 * and the folder still loads with `planwatch plan-add`.
 */
import { mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Document, isSeq, stringify, type Node, type YAMLMap } from 'yaml';
import { NotationError, parseTarget } from '../../core/notation.js';
import type { DraftIndicator, PlanDraft, Provenance } from './draft.js';

const FLAG = '待核：';

function strip<T extends Provenance>(item: T): Omit<T, 'source' | 'flags'> {
  const { source: _s, flags: _f, ...rest } = item;
  return rest;
}

function commentOf(p: Provenance): string {
  const lines = [` 来源：${p.source.where}「${p.source.text.slice(0, 60)}${p.source.text.length > 60 ? '…' : ''}」`];
  for (const f of p.flags ?? []) lines.push(` ${FLAG}${f}`);
  return lines.join('\n');
}

/** A list under one top-level key, each item with its source and flags as comments. */
function listFile(
  key: string,
  header: string,
  items: { value: object; prov: Provenance; keep: boolean }[],
  trailer: string[] = [],
): string {
  const doc = new Document({ [key]: [] });
  const seq = doc.get(key, true) as Node;
  const dropped: string[] = [];
  for (const it of items) {
    if (!it.keep) {
      const text = stringify([it.value])
        .trimEnd()
        .split('\n')
        .map((l) => ` ${l}`);
      dropped.push(commentOf(it.prov), ...text);
      continue;
    }
    const node = doc.createNode(it.value) as YAMLMap;
    node.commentBefore = commentOf(it.prov);
    if (isSeq(seq)) seq.items.push(node);
  }
  doc.commentBefore = header;
  const tail = [...(dropped.length ? [` ${FLAG}以下条目不能按规划格式保存，请审核后补回：`, ...dropped] : []), ...trailer];
  if (tail.length) doc.comment = tail.join('\n');
  return doc.toString({ lineWidth: 0 });
}

function readsAsTarget(target: string | undefined, name: string): boolean {
  if (target === undefined) return false;
  try {
    parseTarget(target, { name, column: 'target' });
    return true;
  } catch (e) {
    if (e instanceof NotationError) return false;
    throw e;
  }
}

/** The fields in the order the shipped indicators.yaml keeps them. */
function indicatorRow(i: DraftIndicator): object {
  const { id, no, category, group, name, unit, base, baseWritten, target, growthTarget, attribute, marks, sectionIds, note } = i;
  const row = { id, no, category, group, name, unit, base, baseWritten, target, growthTarget, attribute, marks, sectionIds, note };
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
}

export function writePlanFolder(draft: PlanDraft, dir: string, document?: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {};
  const from = document ? basename(document) : draft.meta.source.where;
  const head = (what: string): string =>
    ` ${what} — 由 planwatch plan-import 从「${from}」读出的草稿。\n 每项前注明出处；「${FLAG}」为读取时不确定之处，发布前须逐条审核。`;
  const { notes, ...metaRest } = strip(draft.meta);
  const meta = new Document({ ...metaRest, source: { title: draft.meta.title, quote: from } });
  meta.commentBefore = [
    head('规划元数据'),
    ...(draft.meta.flags ?? []).map((f) => ` ${FLAG}${f}`),
    ...notes.map((n) => ` 表注：${n}`),
  ].join('\n');
  files['plan.yaml'] = meta.toString({ lineWidth: 0 });

  files['indicators.yaml'] = listFile(
    'indicators',
    head('主要指标'),
    draft.indicators.map((i) => ({ value: indicatorRow(i), prov: i, keep: readsAsTarget(i.target, i.name) && !!i.category })),
  );
  files['text.yaml'] = listFile(
    'chapters',
    head('章节与正文'),
    draft.chapters.map((c) => {
      const { part: _p, ...rest } = strip(c);
      return {
        value: { ...rest, sections: c.sections.map(strip) },
        prov: { source: c.source, flags: [...(c.flags ?? []), ...c.sections.flatMap((s) => (s.flags ?? []).map((f) => `${s.id}：${f}`))] },
        keep: true,
      };
    }),
  );
  files['columns.yaml'] = listFile(
    'columns',
    head('专栏'),
    draft.columns.map((c) => ({
      value: { ...strip(c), items: c.items.map(strip) },
      prov: { source: c.source, flags: [...(c.flags ?? []), ...c.items.flatMap((i) => (i.flags ?? []).map((f) => `${i.id}：${f}`))] },
      keep: c.items.length > 0 && c.sectionId.includes('.'),
    })),
  );
  files['task-targets.yaml'] = listFile(
    'taskTargets',
    head('任务目标'),
    draft.taskTargets.map((t) => ({ value: strip(t), prov: t, keep: t.sectionId.includes('.') && readsAsTarget(t.target, t.name) })),
    draft.unread.length
      ? [
          ` ${FLAG}以下语句像是目标，但数量未能读成数字，请审核后补入：`,
          ...draft.unread.map((u) => ` ${u.sectionId} ${u.where}「${u.quote}」：${u.reason}`),
        ]
      : [],
  );
  files['projects.yaml'] = listFile(
    'projects',
    head('重大项目'),
    draft.projects.map((p) => ({ value: strip(p), prov: p, keep: true })),
  );
  files['org-units.yaml'] = listFile(
    'orgUnits',
    head('功能区、镇、街道'),
    draft.orgUnits.map((o) => ({ value: strip(o), prov: o, keep: true })),
  );
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  if (document) {
    mkdirSync(join(dir, 'source'), { recursive: true });
    copyFileSync(document, join(dir, 'source', basename(document)));
  }
  return Object.keys(files);
}
