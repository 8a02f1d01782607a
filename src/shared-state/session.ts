/**
 * The Salesforce session, shared: replicas reuse one access token, and when it expires one of them
 * logs in while the others wait for the new token (a lock with a timeout, so a dead holder does
 * not block the rest).
 */
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
