import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The web app's words are split by area (web/src/i18n/<area>.ts) and merged in its index: nothing
 * may be lost in the merge. The files are imported by path (the web app is typechecked on its own).
 */
const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/src/i18n');
type Words = { zh: Record<string, string>; en: Record<string, string> };

describe('web words by area', () => {
  const files: Record<string, Words> = {};
  let index: { AREAS: Record<string, Words>; DICT: Record<'zh' | 'en', Record<string, string>> };
  beforeAll(async () => {
    for (const f of readdirSync(DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts'))
      files[f.replace(/\.ts$/, '')] = (await import(join(DIR, f))) as Words;
    index = (await import(join(DIR, 'index.ts'))) as typeof index;
  });

  it('every area file is merged, and no key is in two areas, so no area overwrites another’s word', () => {
    expect(Object.values(index.AREAS).length).toBe(Object.keys(files).length);
    for (const words of Object.values(files)) expect(Object.values(index.AREAS)).toContain(words);
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [area, words] of Object.entries(files)) {
      for (const key of Object.keys(words.zh)) {
        const before = seen.get(key);
        if (before) twice.push(`${key}: ${before} and ${area}`);
        seen.set(key, area);
      }
    }
    expect(twice).toEqual([]);
    expect(Object.keys(index.DICT.zh).length).toBe(seen.size);
    expect(Object.keys(index.DICT.en).length).toBe(seen.size);
  });

  it('every area has the same keys in English and Chinese, and no Chinese word is empty', () => {
    for (const [area, words] of Object.entries(files)) {
      expect(Object.keys(words.en).sort(), area).toEqual(Object.keys(words.zh).sort());
      for (const [key, s] of Object.entries(words.zh)) expect(s.trim(), `${area}.${key}`).not.toBe('');
    }
  });
});
