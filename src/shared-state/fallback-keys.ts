/**
 * The stand-in idempotency store for orgs without the idempotency fields: which record a key
 * wrote, and the fingerprint of its input, kept for 24 hours (lru-cache with a TTL, bounded in
 * size). It cannot answer a retry that reaches another instance or comes after a restart; the
 * docs/writes.md says so.
 */
import { LRUCache } from 'lru-cache';
import type { Redis } from 'ioredis';
import { stateUnavailable } from '../domain/errors';

export interface KeyedRecord {
  id: string;
  fingerprint: string | null;
}

export interface FallbackKeyStore {
  get(key: string): Promise<KeyedRecord | null>;
  set(key: string, record: KeyedRecord): Promise<void>;
}

export interface FallbackKeyOptions {
  /** @default 86_400_000 (24 hours) */
  ttlMs?: number;
  /** @default 100_000 */
  max?: number;
}

export function memoryFallbackKeys(options: FallbackKeyOptions = {}): FallbackKeyStore {
  const cache = new LRUCache<string, KeyedRecord>({ max: options.max ?? 100_000, ttl: options.ttlMs ?? 24 * 60 * 60_000 });
  return {
    async get(key) {
      return cache.get(key) ?? null;
    },
    async set(key, record) {
      cache.set(key, record);
    },
  };
}

/** Keys in Redis for `ttlMs`, for orgs without the idempotency fields; refused, retryably, while Redis is down. */
export function redisFallbackKeys(redis: Redis, ttlMs: number): FallbackKeyStore {
  return {
    async get(key) {
      try {
        const v = await redis.get(`fallback:${key}`);
        return v ? (JSON.parse(v) as KeyedRecord) : null;
      } catch (e) {
        throw stateUnavailable(e);
      }
    },
    async set(key, record) {
      await redis.set(`fallback:${key}`, JSON.stringify(record), 'PX', ttlMs).catch((e: unknown) => {
        throw stateUnavailable(e);
      });
    },
  };
}
