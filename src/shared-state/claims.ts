/**
 * Idempotency claims: while the first call with a key runs, a second one gets IN_PROGRESS
 * instead of racing it. This store holds them in this process's memory.
 */
export interface Claims {
  /** True when the key was free and is now held by the caller. */
  claim(key: string): Promise<boolean>;
  release(key: string): Promise<void>;
}

export function memoryClaims(): Claims {
  const held = new Set<string>();
  return {
    async claim(key) {
      if (held.has(key)) return false;
      held.add(key);
      return true;
    },
    async release(key) {
      held.delete(key);
    },
  };
}
