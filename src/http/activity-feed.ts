/**
 * The agent-activity feed on Yoga's pub/sub: in this process, or through Redis (Yoga's Redis event
 * target) so that activity on one replica reaches subscribers on every replica. Each subscription
 * holds a place among the process's open subscriptions (http/subscription-slots.ts) until its
 * iteration ends.
 */
import { createPubSub, filter, pipe, type PubSubEventTarget } from 'graphql-yoga';
import type { ActivityFeed, AgentActivity } from '../domain/activity';
import type { SubscriptionSlots } from './subscription-slots';

export interface ActivityFeedOptions {
  /** Where events travel: Redis's across replicas, or this process's (http/events.ts). */
  eventTarget: PubSubEventTarget<Record<string, [AgentActivity]>>;
  /** The target crosses processes: a subscriber may be on another replica. */
  shared: boolean;
  /** The channel's name (the deployment's key prefix keeps deployments sharing a Redis apart). */
  topic: string;
  slots: SubscriptionSlots;
}

export function createActivityFeed(o: ActivityFeedOptions): ActivityFeed {
  const pubsub = createPubSub<Record<string, [AgentActivity]>>({ eventTarget: o.eventTarget });
  /** Subscriptions following in this process. */
  let following = 0;
  const heard = () => o.shared || following > 0;
  return {
    heard,
    publish: (activity) => {
      if (heard()) pubsub.publish(o.topic, activity);
    },
    follow(client, customerId) {
      const source = pipe(
        pubsub.subscribe(o.topic),
        filter((a: AgentActivity) => customerId === null || a.customerId === customerId),
      );
      const it = source[Symbol.asyncIterator]();
      let ended = false;
      const stopFollowing = () => {
        if (!ended) following -= 1;
        ended = true;
      };
      const end = async () => {
        stopFollowing();
        free();
        return (await it.return?.()) ?? { done: true as const, value: undefined };
      };
      // Taken before listening: a refusal leaves nothing behind.
      const free = o.slots.take(client, end);
      following += 1;
      // Listening from the moment the subscription is accepted, not from the client's first
      // read: an activity right after it is not missed.
      let first: Promise<IteratorResult<AgentActivity>> | null = it.next();
      return {
        [Symbol.asyncIterator]: () => ({
          next: () => {
            const pending = first ?? it.next();
            first = null;
            return pending;
          },
          return: end,
          throw: async (e?: unknown) => {
            stopFollowing();
            free();
            return (await it.throw?.(e)) ?? { done: true, value: undefined };
          },
        }),
      };
    },
  };
}
