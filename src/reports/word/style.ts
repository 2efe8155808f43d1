/**
 * Page, fonts and building blocks in the manner of Chinese official documents (GB/T 9704):
 * A4, margins 37 / 35 / 28 / 26 mm, title in 小标宋 二号, level-1 headings in 黑体 三号,
 * level-2 in 楷体 三号, body in 仿宋 三号 with a two-character first-line indent on a fixed
 * 28-point line, page numbers 「— 1 —」 centred at the foot, tables in 宋体 with a repeated header.
 */
import {
  AlignmentType,
  BorderStyle,
  Footer,
  Header,
  HeadingLevel,
  HeightRule,
  ImageRun,
  LineRuleType,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
  type IStylesOptions,
  type ParagraphChild,
} from 'docx';

const mm = (v: number): number => Math.round((v * 1440) / 25.4);

/** A4 in twips. */
export const PAGE = { width: 11906, height: 16838 };
/** Portrait margins: top 37 mm, bottom 35 mm, left (binding side) 28 mm, right 26 mm. */
export const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(18) };
/** Landscape pages (the appendix tables) keep the same four distances, turned with the page. */
export const MARGIN_LANDSCAPE = { top: mm(28), bottom: mm(26), left: mm(37), right: mm(35), header: mm(12), footer: mm(12) };
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const TEXT_WIDTH_LANDSCAPE = PAGE.height - MARGIN_LANDSCAPE.left - MARGIN_LANDSCAPE.right;

/** Font sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt, 小五 9 pt. */
export const SIZE = { erhao: 44, sanhao: 32, sihao: 28, xiaosi: 24, wuhao: 21, xiaowu: 18 };

/**
 * East Asian fonts by role. Word has no fallback chain in a run, so the fallbacks (方正小标宋简体 →
 * 宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体) are written to the font table as alternative
 * names (see FONT_ALTERNATIVES), which Word uses when the first font is not installed.
 */
export const FONT = {
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  body: '仿宋_GB2312',
  table: '宋体',
  latin: 'Times New Roman',
};
export const FONT_ALTERNATIVES: Record<string, string> = {
  方正小标宋简体: '宋体',
  仿宋_GB2312: '仿宋',
  楷体_GB2312: '楷体',
};

export const RED = 'C00000';
/** The ideographic space between a caption's number and its title (「图1\u3000…」). */
export const GAP = '\u3000';
/** Fixed line of 28 pt: GB/T 9704's 22 lines to the page. */
const LINE_BODY = { line: 560, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
const LINE_TABLE = { line: 260, lineRule: LineRuleType.AUTO, before: 0, after: 0 };

/** Two characters of 三号 (2 × 16 pt); Word reads the character count, other readers the twips. */
const INDENT = { firstLineChars: 200, firstLine: 640 };

export const font = (eastAsia: string): IRunOptions['font'] => ({ ascii: FONT.latin, hAnsi: FONT.latin, eastAsia, cs: FONT.latin });

/** Document defaults and the two heading styles (so that Word's navigation pane shows the outline). */
export const STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: font(FONT.body), size: SIZE.sanhao, language: { value: 'en-US', eastAsia: 'zh-CN' } },
      paragraph: { spacing: LINE_BODY },
    },
    heading1: {
      run: { font: font(FONT.heading1), size: SIZE.sanhao, bold: false, color: '000000' },
      paragraph: { spacing: LINE_BODY, indent: INDENT, keepNext: true, outlineLevel: 0 },
    },
    heading2: {
      run: { font: font(FONT.heading2), size: SIZE.sanhao, bold: false, color: '000000' },
      paragraph: { spacing: LINE_BODY, indent: INDENT, keepNext: true, outlineLevel: 1 },
    },
  },
};

type Inline = string | ParagraphChild;
const runs = (parts: Inline[], opts: IRunOptions = {}): ParagraphChild[] =>
  parts.map((p) => (typeof p === 'string' ? new TextRun({ ...opts, text: p }) : p));

/** Body text: 仿宋 三号, first line indented by two characters, justified. */
export function body(...parts: Inline[]): Paragraph {
  return new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: INDENT, children: runs(parts) });
}

/** A run in bold within body text (the lead phrase of a paragraph). */
export const bold = (text: string): TextRun => new TextRun({ text, bold: true });
/** A run in 黑体 within body text, for the warning phrases that lead a report. */
export const strong = (text: string): TextRun => new TextRun({ text, font: font(FONT.heading1) });

export function heading1(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text, font: font(FONT.heading1) })] });
}

export function heading2(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text, font: font(FONT.heading2) })] });
}

/** The document title: 小标宋 二号, centred, on a 35-point line so that two lines of it breathe. */
export function title(text: string, before = 0): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 700, lineRule: LineRuleType.EXACT, before, after: 0 },
    children: [new TextRun({ text, font: font(FONT.title), size: SIZE.erhao })],
  });
}

export function centred(text: string, opts: { size?: number; font?: string; before?: number; color?: string } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { ...LINE_BODY, before: opts.before ?? 0 },
    children: [new TextRun({ text, size: opts.size, color: opts.color, font: opts.font ? font(opts.font) : undefined })],
  });
}

export const blank = (): Paragraph => new Paragraph({ children: [] });

/** A picture on its own line; an exact line height would clip it, so this line is as tall as the picture. */
export function picture(png: Buffer, width: number, height: number): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 120, after: 0 },
    children: [new ImageRun({ type: 'png', data: png, transformation: { width, height } })],
  });
}

/** 「示例数据，非真实统计」 in red: on the title page and in the header of every page. */
export function demoBanner(size: number = SIZE.xiaosi): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 300, lineRule: LineRuleType.AUTO },
    children: [new TextRun({ text: DEMO_TEXT, color: RED, bold: true, size, font: font(FONT.heading1) })],
  });
}
export const DEMO_TEXT = '示例数据，非真实统计';

export function demoHeader(): Header {
  return new Header({ children: [demoBanner(SIZE.wuhao)] });
}

/** 「— 1 —」, centred, 宋体 四号 as GB/T 9704 prints page numbers. */
export function pageNumberFooter(): Footer {
  const run = (children: (string | (typeof PageNumber)[keyof typeof PageNumber])[]): TextRun =>
    new TextRun({ children, font: font(FONT.table), size: SIZE.sihao });
  return new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(['— ', PageNumber.CURRENT, ' —'])] })],
  });
}

/** A caption in 黑体 小四, centred: above a table (kept with it) or below a figure. */
export function caption(text: string, keepWithNext = true): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: keepWithNext,
    spacing: { line: 360, lineRule: LineRuleType.AUTO, before: 120, after: 60 },
    children: [new TextRun({ text, font: font(FONT.heading1), size: SIZE.xiaosi })],
  });
}

/** A note under a table (「注：」): 宋体 小五, no indent. */
export function tableNote(text: string): Paragraph {
  return new Paragraph({
    spacing: { line: 250, lineRule: LineRuleType.AUTO, before: 20 },
    children: [new TextRun({ text, font: font(FONT.table), size: SIZE.xiaowu })],
  });
}

// ───────────────────────────── tables ─────────────────────────────

export type Align = 'left' | 'center' | 'right';

export interface ColumnSpec {
  header: string;
  /** Relative width; the widths are scaled to the text width. */
  weight: number;
  align: Align;
}

export interface CellSpec {
  text: string;
  /** Rows this cell spans downward (merged category or number cells). */
  rowSpan?: number;
  /** Columns this cell spans to the right (a group row across the table). */
  columnSpan?: number;
  fill?: string;
  color?: string;
  bold?: boolean;
  /** Keep this row on the page of the next one (a group row above its items). */
  keepNext?: boolean;
}

export interface TableSpec {
  columns: ColumnSpec[];
  /** Rows of cells; a cell covered by a rowSpan above is left out of its row. */
  rows: (CellSpec | string)[][];
  width: number;
  size?: number;
  /** Background of a data row (e.g. the light red of a warning), by row index. */
  shade?: (rowIndex: number) => string | undefined;
}

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
};

/** Column widths in twips that add up exactly to `total`. */
export function columnWidths(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w * total) / sum));
  widths[widths.length - 1]! += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

const CELL_MARGINS = { left: 60, right: 60, top: 20, bottom: 20 };
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

function cellParagraphs(
  text: string,
  align: Align,
  size: number,
  opts: { bold?: boolean; color?: string; keepNext?: boolean } = {},
): Paragraph[] {
  return text.split('\n').map(
    (line) =>
      new Paragraph({
        alignment: ALIGN[align],
        spacing: LINE_TABLE,
        keepNext: opts.keepNext,
        children: [new TextRun({ text: line, font: font(FONT.table), size, bold: opts.bold, color: opts.color })],
      }),
  );
}

/** A table in 宋体 with fixed column widths summing to the text width and a header row repeated on every page. */
export function table(spec: TableSpec): Table {
  const size = spec.size ?? SIZE.xiaowu;
  const widths = columnWidths(
    spec.columns.map((c) => c.weight),
    spec.width,
  );
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: spec.columns.map(
      (c, i) =>
        new TableCell({
          width: { size: widths[i]!, type: WidthType.DXA },
          margins: CELL_MARGINS,
          verticalAlign: VerticalAlign.CENTER,
          shading: { fill: 'E7E6E6', color: 'auto', type: 'clear' },
          children: cellParagraphs(c.header, 'center', size, { bold: true }),
        }),
    ),
  });
  // Which columns are still covered by a rowSpan from above, to place each given cell in its column.
  const covered = new Array<number>(spec.columns.length).fill(0);
  const rows = spec.rows.map((cells, r) => {
    let k = 0;
    const children: TableCell[] = [];
    for (let col = 0; col < spec.columns.length; col++) {
      if (covered[col]! > 0) {
        covered[col]!--;
        continue;
      }
      const raw = cells[k++];
      if (raw === undefined) break;
      const cell: CellSpec = typeof raw === 'string' ? { text: raw } : raw;
      const span = cell.rowSpan ?? 1;
      const across = Math.min(cell.columnSpan ?? 1, spec.columns.length - col);
      if (span > 1) covered[col] = span - 1;
      const c = spec.columns[col]!;
      const fill = cell.fill ?? spec.shade?.(r);
      const width = widths.slice(col, col + across).reduce((a, b) => a + b, 0);
      children.push(
        new TableCell({
          width: { size: width, type: WidthType.DXA },
          margins: CELL_MARGINS,
          rowSpan: span > 1 ? span : undefined,
          columnSpan: across > 1 ? across : undefined,
          verticalAlign: VerticalAlign.CENTER,
          shading: fill ? { fill, color: 'auto', type: 'clear' } : undefined,
          children: cellParagraphs(cell.text, across > 1 ? 'left' : c.align, size, {
            bold: cell.bold,
            color: cell.color,
            keepNext: cell.keepNext,
          }),
        }),
      );
      col += across - 1;
    }
    return new TableRow({ cantSplit: true, height: { value: 300, rule: HeightRule.ATLEAST }, children });
  });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: spec.width, type: WidthType.DXA },
    columnWidths: widths,
    borders: BORDERS,
    alignment: AlignmentType.CENTER,
    rows: [header, ...rows],
  });
}
