/**
 * A PDF with a text layer (pdfjs-dist): lines rebuilt from the text positions, paragraphs from
 * the lines (a new one where a line is indented or the one before ends short), and tables from
 * their columns (pdf-table.ts: the header band that holds 「序号」 gives the columns, merged
 * category cells go to the rows they span). Page numbers at the top and foot of a page
 * are left out. A PDF with no text (a scan) is refused.
 */
import { headingOf } from './find-outline.js';
import { readPdfTable, tableStartsAt, type Line, type Piece } from './pdf-table.js';
import { cleanText, DocumentError, type Block } from './source.js';

type TextItem = { str: string; transform: number[]; width: number; height: number };

async function pdfLines(data: Buffer, file: string): Promise<Line[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(data),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    throw new DocumentError(file, `PDF 无法打开：${(e as Error).message}`);
  }
  const lines: Line[] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const height = page.getViewport({ scale: 1 }).height;
      const content = await page.getTextContent();
      const items = (content.items as TextItem[]).filter((i) => typeof i.str === 'string' && i.str.trim());
      const pieces: Piece[] = items.map((i) => ({
        x: i.transform[4]!,
        end: i.transform[4]! + i.width,
        y: i.transform[5]!,
        size: Math.abs(i.transform[3]!) || i.height || 10,
        text: i.str,
      }));
      for (const q of pieces) q.text = unspace(q.text);
      pieces.sort((a, b) => b.y - a.y || a.x - b.x);
      const pageLines: Line[] = [];
      for (const piece of pieces) {
        const line = pageLines.find((l) => Math.abs(l.y - piece.y) < piece.size * 0.4);
        if (line) line.pieces.push(piece);
        else pageLines.push({ page: p, y: piece.y, pieces: [piece], pageHeight: height });
      }
      for (const l of pageLines) {
        l.pieces.sort((a, b) => a.x - b.x);
        // Pieces of one run of text (split by font or kerning) are joined; a gap makes a new piece.
        const merged: Piece[] = [];
        for (const q of l.pieces) {
          const last = merged.at(-1);
          if (last && q.x - last.end < q.size * 0.3) {
            last.text += q.text;
            last.end = q.end;
          } else merged.push({ ...q });
        }
        l.pieces = merged;
      }
      pageLines.sort((a, b) => b.y - a.y);
      lines.push(...pageLines);
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  if (!lines.some((l) => l.pieces.some((p) => /\p{Script=Han}|[A-Za-z]{3}/u.test(p.text))))
    throw new DocumentError(file, 'PDF 中没有文字层（可能是扫描件或图片），无法读取；请提供 .docx、网页或带文字层的 PDF');
  return lines;
}

/**
 * Spacing a typesetter puts between Chinese and Western characters comes out of the text layer as
 * a space (「7 以上」); printed Chinese has none there.
 */
function unspace(text: string): string {
  return text.replace(/\s+(?=[\p{Script=Han}，。、；：（）“”《》])|(?<=[\p{Script=Han}，。、；：（）“”《》])\s+/gu, '');
}

function isPageFurniture(l: Line): boolean {
  const text = l.pieces
    .map((p) => p.text)
    .join('')
    .trim();
  const edge = l.y < l.pageHeight * 0.08 || l.y > l.pageHeight * 0.94;
  return edge && l.pieces.length === 1 && /^[-—–\s]*\d{1,4}[-—–\s]*$|^第\s*\d+\s*页/.test(text);
}

export async function pdfBlocks(data: Buffer, file: string): Promise<Block[]> {
  const lines = (await pdfLines(data, file)).filter((l) => !isPageFurniture(l));
  const lefts = lines.filter((l) => l.pieces.length === 1).map((l) => Math.round(l.pieces[0]!.x));
  const margin = lefts.length ? Math.min(...lefts) : 0;
  // The text block's right edge: where most full lines of prose end (justified text).
  const ends = new Map<number, number>();
  for (const l of lines)
    if (l.pieces.length === 1) ends.set(Math.round(l.pieces[0]!.end), (ends.get(Math.round(l.pieces[0]!.end)) ?? 0) + 1);
  const right = [...ends].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
  const blocks: Block[] = [];
  let para: { text: string; page: number } | null = null;
  let prevEnd = right;
  let tableNo = 0;
  const flush = (): void => {
    if (para) blocks.push({ kind: 'paragraph', text: cleanText(unspace(para.text)), src: { block: blocks.length + 1, page: para.page } });
    para = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (tableStartsAt(lines, i)) {
      flush();
      i = readPdfTable(lines, i, ++tableNo, blocks) - 1;
      prevEnd = 0;
      continue;
    }
    const first = l.pieces[0]!;
    const text = l.pieces.map((p) => p.text).join(' ');
    const indented = first.x > margin + first.size * 0.8;
    // A heading, a box's title or a note starts a paragraph even when set flush after a full line.
    const opens = headingOf({ text: unspace(text), src: { block: 0 }, cell: false }) !== undefined || /^(专栏\s*\d+|注\s*[:：])/.test(text);
    if (!para || indented || opens || prevEnd < right - first.size * 4) {
      flush();
      para = { text, page: l.page };
    } else para.text += text;
    prevEnd = l.pieces.at(-1)!.end;
  }
  flush();
  return blocks;
}
