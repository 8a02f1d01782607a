/**
 * The org's API limit, as all replicas see it: when one meets REQUEST_LIMIT_EXCEEDED, every
 * replica stops calling until the probe interval has passed.
 */
export interface LimitFlag {
  /** True while some replica saw the limit within the probe interval. */
  isOpen(): Promise<boolean>;
  open(forMs: number): Promise<void>;
}

export function memoryLimitFlag(clock: () => number = Date.now): LimitFlag {
  let until = 0;
  return {
    async isOpen() {
      return clock() < until;
    },
    async open(forMs) {
      until = clock() + forMs;
    },
  };
}
