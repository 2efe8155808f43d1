/**
 * A source as a reader sees it. A page that reprints or compiles another's figures is cited as
 * such — 「转载」 with the original named, or 「第三方整理」 — so nobody signs a reprint as the original.
 */
import type { Source } from './model.js';

export function sourceText(s: Pick<Source, 'title' | 'secondary' | 'original'>, lang: 'zh' | 'en' = 'zh'): string {
  if (lang === 'en') {
    if (s.secondary === 'reprint') return `${s.title} (reprint${s.original ? ` of ${s.original}` : ''})`;
    if (s.secondary === 'thirdParty')
      return `${s.title} (third-party compilation${s.original ? ` of ${s.original}` : ', original not named'})`;
    return s.title;
  }
  if (s.secondary === 'reprint') return `${s.title}（转载${s.original ? `，原文：${s.original}` : '，原文出处未注明'}）`;
  if (s.secondary === 'thirdParty') return `${s.title}（第三方整理${s.original ? `，原始来源：${s.original}` : '，非统计部门发布'}）`;
  return s.title;
}
