/**
 * The cache for org metadata (describe results): lru-cache with a TTL; concurrent misses share
 * one load, and a failed load is not kept, so the next caller tries again.
 */
import { LRUCache } from 'lru-cache';

type Load = () => Promise<object>;

export class TtlCache {
  private readonly lru: LRUCache<string, object, Load>;

  constructor(ttlMs: number) {
    this.lru = new LRUCache<string, object, Load>({
      max: 500,
      // lru-cache needs a positive TTL; 0 means "do not cache" (each get loads anew).
      ttl: Math.max(1, ttlMs),
      fetchMethod: (_key, _stale, { context }) => context(),
    });
  }

  async get<V extends object>(key: string, load: () => Promise<V>): Promise<V> {
    return (await this.lru.fetch(key, { context: load })) as V;
  }

  clear(): void {
    this.lru.clear();
  }
}
