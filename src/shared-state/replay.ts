/**
 * Where a change-event subscription resumes: the replay id of the last event handled, per topic,
 * shared by the replicas (Redis) so that a restarted gateway resumes where any of them stopped.
 */
export interface ReplayStore {
  get(topic: string): Promise<number | null>;
  /** Keeps the highest replay id seen (replicas may report out of order). */
  set(topic: string, replayId: number): Promise<void>;
  clear(topic: string): Promise<void>;
}

export function memoryReplayStore(): ReplayStore {
  const ids = new Map<string, number>();
  return {
    get: async (topic) => ids.get(topic) ?? null,
    async set(topic, replayId) {
      if (replayId > (ids.get(topic) ?? -1)) ids.set(topic, replayId);
    },
    async clear(topic) {
      ids.delete(topic);
    },
  };
}
