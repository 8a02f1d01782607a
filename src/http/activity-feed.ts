/**
 * The agent-activity feed on Yoga's pub/sub: in this process, or through Redis (Yoga's Redis event
 * target) so that activity on one replica reaches subscribers on every replica. Each key may hold
 * `perKey` open subscriptions and the process `total`; a subscription frees its place the moment
 * its iteration ends (the client closed, or the server stops).
 */
import { setMaxListeners } from 'node:events';
import { createPubSub, filter, pipe, type PubSubEventTarget } from 'graphql-yoga';
import { subscriptionLimit, type ActivityFeed, type AgentActivity } from '../domain/activity';

export interface ActivityFeedOptions {
  /** Redis's, across replicas; in memory when absent. */
  eventTarget?: PubSubEventTarget<Record<string, [AgentActivity]>>;
  /** The channel's name (the deployment's key prefix keeps deployments sharing a Redis apart). */
  topic: string;
  perKey: number;
  total: number;
}

export function createActivityFeed(o: ActivityFeedOptions): ActivityFeed & { open(): number; end(): Promise<void> } {
  const pubsub = createPubSub<Record<string, [AgentActivity]>>({ eventTarget: o.eventTarget ?? localTarget(o.total) });
  const byKey = new Map<string, number>();
  /** How to end each open subscription (on shutdown). */
  const enders = new Set<() => Promise<unknown>>();
  let open = 0;
  return {
    publish: (activity) => pubsub.publish(o.topic, activity),
    follow(client, customerId) {
      if (open >= o.total) throw subscriptionLimit('process', o.total);
      if ((byKey.get(client) ?? 0) >= o.perKey) throw subscriptionLimit('key', o.perKey);
      open++;
      byKey.set(client, (byKey.get(client) ?? 0) + 1);
      const source = pipe(
        pubsub.subscribe(o.topic),
        filter((a: AgentActivity) => customerId === null || a.customerId === customerId),
      );
      let freed = false;
      const free = () => {
        if (freed) return;
        freed = true;
        open--;
        const left = (byKey.get(client) ?? 1) - 1;
        if (left > 0) byKey.set(client, left);
        else byKey.delete(client);
      };
      return {
        [Symbol.asyncIterator]() {
          const it = source[Symbol.asyncIterator]();
          // Listening from the moment the subscription is accepted, not from the client's first
          // read: an activity right after it is not missed.
          let first: Promise<IteratorResult<AgentActivity>> | null = it.next();
          const release = () => {
            free();
            enders.delete(end);
          };
          const end = async () => {
            release();
            return (await it.return?.()) ?? { done: true as const, value: undefined };
          };
          enders.add(end);
          return {
            next: () => {
              const pending = first ?? it.next();
              first = null;
              return pending;
            },
            return: end,
            throw: async (e?: unknown) => {
              release();
              return (await it.throw?.(e)) ?? { done: true, value: undefined };
            },
          };
        },
      };
    },
    open: () => open,
    // Each stream completes (the client reads `complete`), so that the server can close at once.
    end: async () => void (await Promise.all([...enders].map((e) => e()))),
  };
}

/** In memory: a platform EventTarget sized for every open subscription (Node warns past 10 listeners). */
function localTarget(total: number): NonNullable<ActivityFeedOptions['eventTarget']> {
  const target = new EventTarget();
  setMaxListeners(total + 1, target);
  return target as unknown as NonNullable<ActivityFeedOptions['eventTarget']>;
}
