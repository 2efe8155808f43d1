/**
 * Long work on the server (reports, imports) keeps its progress under a job id the client picks:
 * the client names the job in its request and polls GET /api/v1/jobs/:id while it waits.
 */
import type { Job } from './types';

/** A v4 UUID; crypto.randomUUID exists only in secure contexts (https, localhost). */
export function newJobId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Polls the job every `everyMs` until the returned function is called; each answer goes to `onProgress`. */
export function followJob(jobId: string, onProgress: (job: Job) => void, everyMs = 300): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poll = async (): Promise<void> => {
    if (stopped) return;
    try {
      const res = await fetch(`/api/v1/jobs/${jobId}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      // 404 until the server has started the job.
      if (res.ok) {
        const job = (await res.json()) as Job;
        if (!stopped) onProgress(job);
      }
    } catch {
      // progress is a courtesy: the request itself reports its errors
    }
    if (!stopped) timer = setTimeout(() => void poll(), everyMs);
  };
  timer = setTimeout(() => void poll(), everyMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
