/**
 * Text as every stored field must be: without the characters XML 1.0 forbids (C0 controls other
 * than tab, line feed and carriage return; U+FFFE, U+FFFF; lone surrogates). One such character in
 * any value, note or source would make every .docx and .xlsx that shows it unreadable, so they are
 * removed where text comes in: API bodies and queries (server/app.ts) and spreadsheet cells
 * (importers/sheet/index.ts).
 */
const XML_FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- these control characters are exactly what is removed
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(s: string): string {
  return s.replace(XML_FORBIDDEN, '');
}

/** The same value with every string in it (keys included) made XML-safe; other values untouched. */
export function xmlSafeDeep<T>(v: T): T {
  if (typeof v === 'string') return xmlSafe(v) as T;
  if (Array.isArray(v)) return v.map(xmlSafeDeep) as T;
  // Plain objects only (a parsed query string has no prototype); Buffers, dates and streams pass as they are.
  const proto: unknown = v && typeof v === 'object' ? Object.getPrototypeOf(v) : undefined;
  if (proto === Object.prototype || proto === null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[xmlSafe(k)] = xmlSafeDeep(x);
    return out as T;
  }
  return v;
}

/** A source link people may follow: http or https only (never javascript:, data:, file: …). */
export function isWebUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

export const WEB_URL_MESSAGE = '来源链接只接受 http:// 或 https:// 开头的网址';
