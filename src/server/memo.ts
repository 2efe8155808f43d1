/**
 * Derived responses kept per process under the store's data version: bounded (lru-cache, by size
 * when a size is given), and computed once when many requests miss together — after an approval,
 * every client of the cockpit asks at the same moment.
 */
import { LRUCache } from 'lru-cache';

export function memo<T extends NonNullable<unknown>>(opts: {
  max?: number;
  maxSize?: number;
  size?: (v: T) => number;
}): (key: string, compute: () => Promise<T>) => Promise<T> {
  const cache = new LRUCache<string, T>(
    opts.maxSize ? { maxSize: opts.maxSize, sizeCalculation: opts.size ?? (() => 1) } : { max: opts.max ?? 100 },
  );
  const pending = new Map<string, Promise<T>>();
  return async (key, compute) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    let p = pending.get(key);
    if (!p) {
      p = compute()
        .then((v) => (cache.set(key, v), v))
        .finally(() => pending.delete(key));
      pending.set(key, p);
    }
    return p;
  };
}
