/** A plain-text plan (the seed's form: a web page's text, one paragraph or table cell per line). */
import { cleanText, type Block } from './source.js';

export function readTextBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const t = cleanText(raw);
    if (t) blocks.push({ kind: 'paragraph', text: t, src: { block: blocks.length + 1, line: i + 1 } });
  });
  return blocks;
}
