/**
 * The response cache's store: answers by key, each tagged with what it rests on (src/cache/tags.ts),
 * so that a change drops exactly the answers it touches, and the last known answer of each key
 * (stale-if-error). Both are bounded: a cap on answers, and on the tags an answer may carry, in
 * memory and in Redis (docs/operations.md, "Sizing Redis").
 *
 * Invalidations are numbered (a generation): a read notes the generation before it reads
 * Salesforce, and its answer is stored only if none of its tags was invalidated since, so a read
 * in flight while a change lands never writes its old answer back.
 */
import { LRUCache } from 'lru-cache';

export interface StoredAnswer {
  value: unknown;
  /** When it was stored (ms): answers stored before the change-event stream was lost live short. */
  storedAt: number;
  /** Whether it lives long only because change events keep it fresh. */
  byEvents: boolean;
}

export interface ResponseStore {
  get(key: string): Promise<StoredAnswer | null>;
  /** The current generation; null when it cannot be read (then nothing is stored). */
  generation(): Promise<number | null>;
  /** Stores the answer unless one of `tags` was invalidated after generation `since`. */
  set(key: string, value: unknown, tags: readonly string[], ttlMs: number, since: number, storedAt: number, byEvents: boolean): Promise<boolean>;
  invalidate(tags: readonly string[]): Promise<void>;
  /** Drops every answer (changes may have been missed); last known answers stay. */
  dropAll(): Promise<void>;
  /** Keeps an answer as the last known one for `ttlMs`, whatever invalidates it (stale-if-error). */
  keep(key: string, value: unknown, asOf: number, ttlMs: number): Promise<void>;
  /** The last known answer for a key, with when it was read from Salesforce. */
  lastKnown(key: string): Promise<{ value: unknown; asOf: number } | null>;
  /** Answers held now (expired ones not yet evicted included) and the cap. */
  size(): Promise<{ answers: number; known: number; cap: number }>;
}

/** How long an invalidation is remembered: longer than any read can take. */
export const INVALIDATION_MEMORY_MS = 10 * 60_000;

export interface ResponseStoreLimits {
  /** Answers kept at most (the oldest go first); the same cap holds for last known answers. @default 10_000 */
  maxEntries?: number;
  /** Where the memory store's TTLs read the time (tests advance it); Redis keeps its own time. @default Date.now */
  clock?: () => number;
}

/** Cached answers in this process. */
export function memoryResponseStore(limits: ResponseStoreLimits = {}): ResponseStore {
  const cap = limits.maxEntries ?? 10_000;
  // An injected clock is read on every check (lru-cache otherwise reuses a reading for 1 ms).
  const time = limits.clock ? { perf: { now: limits.clock }, ttlResolution: 0 } : {};
  const byTag = new Map<string, Set<string>>();
  const untag = (key: string, tags: readonly string[]) => {
    for (const t of tags) {
      const keys = byTag.get(t);
      keys?.delete(key);
      if (keys?.size === 0) byTag.delete(t);
    }
  };
  // An answer that leaves (evicted, expired, replaced, dropped) leaves its tags' sets too.
  const answers = new LRUCache<string, StoredAnswer & { tags: readonly string[] }>({
    max: cap,
    ...time,
    dispose: (entry, key) => untag(key, entry.tags),
  });
  const invalidated = new LRUCache<string, number>({ max: 100_000, ttl: INVALIDATION_MEMORY_MS, ...time });
  const known = new LRUCache<string, { value: unknown; asOf: number }>({ max: cap, ...time });
  let generation = 0;
  return {
    async keep(key, value, asOf, ttlMs) {
      if (ttlMs > 0) known.set(key, { value, asOf }, { ttl: ttlMs });
    },
    lastKnown: async (key) => known.get(key) ?? null,
    async get(key) {
      const entry = answers.get(key);
      return entry ? { value: entry.value, storedAt: entry.storedAt, byEvents: entry.byEvents } : null;
    },
    generation: async () => generation,
    async set(key, value, tags, ttlMs, since, storedAt, byEvents) {
      if (tags.some((t) => (invalidated.get(t) ?? -1) > since)) return false;
      answers.set(key, { value, storedAt, byEvents, tags }, { ttl: Math.max(1, Math.round(ttlMs)) });
      for (const t of tags) byTag.set(t, (byTag.get(t) ?? new Set()).add(key));
      return true;
    },
    async invalidate(tags) {
      generation++;
      for (const t of tags) {
        invalidated.set(t, generation);
        for (const key of [...(byTag.get(t) ?? [])]) answers.delete(key);
        byTag.delete(t);
      }
    },
    async dropAll() {
      generation++;
      answers.clear();
    },
    size: async () => ({ answers: answers.size, known: known.size, cap }),
  };
}
