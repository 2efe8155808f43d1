/**
 * The chapter and section tree, under whichever numbering the plan uses: 第一章/第一节,
 * 一、/（一）, 第一篇 with 第1章/第1节 (parts above the chapters), 第X部分. A heading counts only
 * in sequence (chapter n+1 after chapter n; sections restart in each chapter), so a numbered list
 * inside a paragraph or a 专栏 is never taken for one; a table of contents (the headings listed
 * once before the text) is recognised by the first chapter coming round again.
 */
import { CN_NUMERAL, numeralValue } from './numerals.js';
import type { Unit } from './source.js';

export type HeadingLevel = 'part' | 'bufen' | 'zhang' | 'jie' | 'dun' | 'paren';

const PATTERNS: Record<HeadingLevel, RegExp> = {
  part: new RegExp(`^第(${CN_NUMERAL}|\\d+)篇\\s*(.*)$`),
  bufen: new RegExp(`^第(${CN_NUMERAL}|\\d+)部分\\s*(.*)$`),
  zhang: new RegExp(`^第(${CN_NUMERAL}|\\d+)章\\s*(.+)$`),
  jie: new RegExp(`^第(${CN_NUMERAL}|\\d+)节\\s*(.+)$`),
  dun: new RegExp(`^(${CN_NUMERAL})\\s*[、.．]\\s*(.+)$`),
  paren: new RegExp(`^[(（](${CN_NUMERAL})[)）]\\s*(.+)$`),
};

export interface Heading {
  level: HeadingLevel;
  no: number;
  title: string;
}

/** Page numbers and dot leaders of a table of contents come off the title. */
function cleanTitle(t: string): string {
  return t.replace(/[.…·\s]{2,}\d+$/, '').trim();
}

export function headingOf(u: Unit): Heading | undefined {
  if (u.cell || u.text.length > 70) return undefined;
  for (const level of Object.keys(PATTERNS) as HeadingLevel[]) {
    const m = PATTERNS[level].exec(u.text);
    if (!m) continue;
    const no = numeralValue(m[1]!);
    const title = cleanTitle(m[2] ?? '');
    // A heading is a title, not a sentence: no full stop inside it.
    if (no === undefined || no === 0 || /[。；;]/.test(title)) return undefined;
    if (level !== 'part' && level !== 'bufen' && !title) return undefined;
    return { level, no, title };
  }
  return undefined;
}

export interface OutlineSection {
  no: number;
  title: string;
  unit: number;
}

export interface OutlineChapter {
  no: number;
  title: string;
  unit: number;
  /** The part (篇, or 部分 above chapters) the chapter belongs to. */
  part?: string;
  sections: OutlineSection[];
}

export interface Outline {
  chapterLevel: HeadingLevel;
  sectionLevel?: HeadingLevel;
  chapters: OutlineChapter[];
  /** The table of contents' entries, when the document has one (titles there may differ). */
  toc: OutlineChapter[];
  /** Index of the first unit of the text proper (after the title page and table of contents). */
  bodyStart: number;
  /** Per unit: 'c' chapter heading, 's' section heading, 'p' part heading, else undefined. */
  headingAt: Map<number, 'c' | 's' | 'p'>;
  /** Per unit of the body: the chapter and section (0 before the first section) it falls in. */
  placeOf(unit: number): { chapter: number; section: number } | undefined;
}

function chooseLevels(found: Set<HeadingLevel>): { chapter: HeadingLevel; section?: HeadingLevel; parts: HeadingLevel[] } {
  const chapter: HeadingLevel = found.has('zhang') ? 'zhang' : found.has('bufen') ? 'bufen' : 'dun';
  const parts: HeadingLevel[] = ['part'];
  if (chapter === 'zhang') parts.push('bufen');
  const below: HeadingLevel[] = chapter === 'dun' ? ['paren'] : ['jie', 'dun', 'paren'];
  const section = below.find((l) => found.has(l));
  return { chapter, section, parts };
}

export function findOutline(units: Unit[]): Outline {
  const headings = units.map(headingOf);
  const found = new Set(headings.filter((h) => h !== undefined).map((h) => h.level));
  const { chapter: chapterLevel, section: sectionLevel, parts } = chooseLevels(found);

  let chapters: OutlineChapter[] = [];
  let toc: OutlineChapter[] = [];
  let headingAt = new Map<number, 'c' | 's' | 'p'>();
  let bodyStart = -1;
  let part: string | undefined;
  let pendingPart: number | undefined;
  for (let i = 0; i < units.length; i++) {
    const h = headings[i];
    if (!h) continue;
    if (parts.includes(h.level)) {
      part = h.title || units[i]!.text;
      pendingPart = i;
      headingAt.set(i, 'p');
      continue;
    }
    const current = chapters.at(-1);
    if (h.level === chapterLevel) {
      if (h.no === 1 && current && chapters[0]!.title === h.title) {
        // The first chapter again: what came before was the table of contents. The text proper
        // starts after its last entry (a preface may stand before the first chapter).
        const entries = [...headingAt.keys()].filter((k) => k !== pendingPart);
        bodyStart = Math.max(...entries) + 1;
        toc = chapters;
        chapters = [];
        headingAt = new Map([...headingAt].filter(([k]) => k >= bodyStart));
      }
      if (h.no === (chapters.at(-1)?.no ?? 0) + 1) {
        chapters.push({ no: h.no, title: h.title, unit: i, part, sections: [] });
        headingAt.set(i, 'c');
      }
      continue;
    }
    if (h.level === sectionLevel && current && h.no === (current.sections.at(-1)?.no ?? 0) + 1) {
      current.sections.push({ no: h.no, title: h.title, unit: i });
      headingAt.set(i, 's');
    }
  }

  // Without a table of contents the text proper starts at the first part or chapter heading.
  if (bodyStart < 0) bodyStart = Math.min(chapters[0]?.unit ?? 0, ...[...headingAt].filter(([, k]) => k === 'p').map(([i]) => i));

  // Text between the table of contents and the first chapter (the preface) belongs to chapter 1,
  // as the shipped plans keep it.
  const starts = chapters.map((c) => c.unit);
  const placeOf = (unit: number): { chapter: number; section: number } | undefined => {
    if (unit < bodyStart || chapters.length === 0) return undefined;
    let ci = 0;
    while (ci + 1 < starts.length && starts[ci + 1]! <= unit) ci++;
    const c = chapters[ci]!;
    let section = 0;
    for (const s of c.sections) if (s.unit <= unit) section = s.no;
    return { chapter: c.no, section };
  };
  return { chapterLevel, sectionLevel, chapters, toc, bodyStart, headingAt, placeOf };
}
