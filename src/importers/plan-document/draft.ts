/**
 * The draft a plan document is read into: the plan's parts as the plan folder holds them, each
 * item with the paragraph or cell it came from and, when the reader is not sure of it, why.
 * Nothing the reader finds is dropped: what it cannot read is kept with a flag for the reviewer.
 */
import type { ProjectCategory } from '../../core/projects.js';
import { describeSource, type SourceRef } from './source.js';

export interface Provenance {
  /** Where the item was read, and the text there, verbatim. */
  source: { ref: SourceRef; where: string; text: string };
  /** Why the reader is unsure of the item; absent when it is sure. */
  flags?: string[];
  /** An administrator's answer: accepted (flags answered) or rejected (left out of the plan). */
  review?: { state: 'accepted' | 'rejected'; by: string; at: string; reason?: string };
}

export interface DraftIndicator extends Provenance {
  id: string;
  no: number;
  category: string;
  group?: string;
  name: string;
  unit: string;
  base: number | null;
  baseWritten?: string;
  target?: string;
  growthTarget?: string;
  attribute?: '预期性' | '约束性';
  marks: string[];
  sectionIds: string[];
  note?: string;
}

export interface DraftSection extends Provenance {
  id: string;
  title: string;
  paragraphs: string[];
}

export interface DraftChapter extends Provenance {
  id: string;
  no: number;
  title: string;
  part?: string;
  paragraphs: string[];
  sections: DraftSection[];
}

export interface DraftColumnItem extends Provenance {
  id: string;
  name: string;
  group?: string;
  text: string;
}

export interface DraftColumn extends Provenance {
  id: string;
  no: number;
  title: string;
  sectionId: string;
  items: DraftColumnItem[];
}

export interface DraftTaskTarget extends Provenance {
  id: string;
  sectionId: string;
  columnId?: string;
  name: string;
  unit: string;
  target: string;
  quote: string;
}

export interface DraftProject extends Provenance {
  id: string;
  name: string;
  category: ProjectCategory;
  columnId: string;
  columnItemId: string;
  sectionIds: string[];
  townId?: string;
  quantities: string;
}

export interface DraftOrgUnit extends Provenance {
  id: string;
  name: string;
  kind: 'district' | 'zone' | 'town' | 'street' | 'platform';
  parentId?: string;
  description?: string;
}

export interface DraftMeta extends Provenance {
  id: string;
  title: string;
  shortTitle: string;
  region: string;
  level: 'national' | 'province' | 'city' | 'county';
  baseYear: number;
  targetYear: number;
  visionYear?: number;
  published?: string;
  categories: string[];
  /** The table notes' definitions of the marks (★ ▲ *) and brackets ([ ]). */
  notes: string[];
}

export interface PlanDraft {
  meta: DraftMeta;
  chapters: DraftChapter[];
  columns: DraftColumn[];
  indicators: DraftIndicator[];
  taskTargets: DraftTaskTarget[];
  projects: DraftProject[];
  orgUnits: DraftOrgUnit[];
  /** Quantities the reader saw in the text but could not turn into a task target, for the reviewer. */
  unread: { sectionId: string; quote: string; where: string; reason: string }[];
}

export function flag(item: Provenance, reason: string): void {
  (item.flags ??= []).push(reason);
}

/** Every open flag of the draft, with the item it is on: the review list, flags first. */
export function draftFlags(d: PlanDraft): { part: string; id: string; reason: string; where: string }[] {
  const out: { part: string; id: string; reason: string; where: string }[] = [];
  const add = (part: string, id: string, p: Provenance): void => {
    for (const reason of p.flags ?? []) out.push({ part, id, reason, where: p.source.where });
  };
  add('meta', d.meta.id, d.meta);
  for (const c of d.chapters) {
    add('chapters', c.id, c);
    for (const s of c.sections) add('chapters', s.id, s);
  }
  for (const c of d.columns) {
    add('columns', c.id, c);
    for (const i of c.items) add('columns', i.id, i);
  }
  for (const i of d.indicators) add('indicators', i.id, i);
  for (const t of d.taskTargets) add('taskTargets', t.id, t);
  for (const p of d.projects) add('projects', p.id, p);
  for (const o of d.orgUnits) add('orgUnits', o.id, o);
  return out;
}

export function sourceOf(u: { text: string; src: SourceRef }): Provenance['source'] {
  return { ref: u.src, where: describeSource(u.src), text: u.text };
}
