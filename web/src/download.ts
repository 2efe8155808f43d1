/**
 * Downloads a file the server builds (reports, exports) with the session's cookie, following the
 * server's job progress while it is built, and saves it under the name of its Content-Disposition.
 */
import { ApiError } from './api';
import { followJob, newJobId } from './jobs';
import type { Job } from './types';

/** `attachment; filename="a.docx"; filename*=UTF-8''%E5%B9%B4…` → the UTF-8 name, else the plain one. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)/i.exec(disposition);
  if (star && /^utf-8$/i.test(star[1]!)) {
    try {
      return decodeURIComponent(star[2]!.trim().replace(/^"|"$/g, ''));
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(disposition);
  return (plain?.[2] ?? plain?.[1])?.trim() || fallback;
}

function save(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

async function errorOf(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  try {
    const e = (JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } }).error;
    if (e?.message) return new ApiError(res.status, e.code ?? 'http', e.message, e.details);
  } catch {
    // not JSON
  }
  return new ApiError(res.status, 'http', `${res.status} ${res.statusText}`);
}

export interface Downloaded {
  name: string;
  bytes: number;
}

/**
 * GET `url` and save the answer. With `job`, the URL gets `job=<uuid>` and GET /api/v1/jobs/<uuid>
 * is polled every `everyMs` while the file is built; `onProgress` receives each answer.
 */
export async function download(
  url: string,
  opts: { fallbackName: string; job?: boolean; onProgress?: (job: Job) => void; everyMs?: number },
): Promise<Downloaded> {
  const jobId = opts.job ? newJobId() : null;
  const full = jobId ? `${url}${url.includes('?') ? '&' : '?'}job=${jobId}` : url;
  const stop = jobId ? followJob(jobId, (job) => opts.onProgress?.(job), opts.everyMs) : () => undefined;
  try {
    const res = await fetch(full, { credentials: 'same-origin' });
    if (!res.ok) throw await errorOf(res);
    const blob = await res.blob();
    const name = fileNameOf(res.headers.get('content-disposition'), opts.fallbackName);
    save(blob, name);
    return { name, bytes: blob.size };
  } finally {
    stop();
  }
}
