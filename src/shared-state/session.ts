/**
 * The Salesforce session, shared: replicas reuse one access token, and when it expires one of them
 * logs in while the others wait for the new token (a lock with a timeout, so a dead holder does
 * not block the rest).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RELEASE } from './redis-scripts';
export interface SharedSession {
  accessToken: string;
  instanceUrl: string;
}

export interface SessionStore {
  get(): Promise<SharedSession | null>;
  set(session: SharedSession): Promise<void>;
  /** Takes the login lock for `ttlMs`; false when another holder has it. */
  lock(ttlMs: number): Promise<boolean>;
  unlock(): Promise<void>;
}

/** One process: the token lives in the connection already; the lock is jsforce's own coalescing. */
export function memorySessionStore(): SessionStore {
  let session: SharedSession | null = null;
  return {
    async get() {
      return session;
    },
    async set(s) {
      session = s;
    },
    async lock() {
      return true;
    },
    async unlock() {},
  };
}

/** The session in Redis, with a login lock; while Redis is down each replica keeps and renews its own. */
export function redisSessionStore(redis: Redis): SessionStore {
  let lockToken: string | null = null;
  return {
    async get() {
      const v = await redis.get('session').catch(() => null);
      return v ? (JSON.parse(v) as SharedSession) : null;
    },
    async set(session) {
      await redis.set('session', JSON.stringify(session)).catch(() => undefined);
    },
    async lock(ttlMs) {
      const token = randomUUID();
      // Without Redis, this replica logs in on its own (a login too many is better than none).
      const ok = await redis.set('session:lock', token, 'PX', ttlMs, 'NX').catch(() => 'OK');
      if (ok !== 'OK') return false;
      lockToken = token;
      return true;
    },
    async unlock() {
      const token = lockToken;
      lockToken = null;
      if (token) await redis.eval(RELEASE, 1, 'session:lock', token).catch(() => undefined);
    },
  };
}
