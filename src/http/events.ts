/**
 * Where events between replicas travel: Yoga's Redis event target when the replicas share a Redis
 * (publishing on the shared connection, subscribing on one of its own, since a subscribing
 * connection takes no other command), else an EventTarget in this process. The agent-activity
 * feed and the tags our writes drop (for customerUpdated) travel on it, each on a channel named
 * with the deployment's key prefix.
 */
import { setMaxListeners } from 'node:events';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { PubSubEventTarget } from 'graphql-yoga';
import type { Redis } from 'ioredis';

export interface Events {
  /** Events cross processes (Redis): what is published may be heard elsewhere. */
  shared: boolean;
  /** The target, typed by the channel's user (events carry JSON across replicas). */
  target: <T>() => PubSubEventTarget<Record<string, [T]>>;
  close(): Promise<void>;
}

/** `redis`: the shared state's connection, when there is one. `listeners`: how many may listen at once here. */
export async function openEvents(redis: Redis | null, listeners: number): Promise<Events> {
  if (!redis) {
    const local = new EventTarget();
    // Node warns past 10 listeners; every open subscription is one, and a few more listen for good.
    setMaxListeners(listeners + 16, local);
    return { shared: false, target: <T>() => local as unknown as PubSubEventTarget<Record<string, [T]>>, close: async () => undefined };
  }
  const subscriber = redis.duplicate();
  subscriber.on('error', () => undefined);
  // Up before the first subscription.
  await subscriber.connect();
  // Yoga's target publishes and drops the command's promise: while Redis is down the command
  // fails (the shared client has no offline queue), and an unhandled rejection would end the
  // process. An event that cannot be published is let go (its subscribers were on Redis too).
  const publishClient = { publish: (channel: string, message: string) => redis.publish(channel, message).catch(() => 0) };
  const target = createRedisEventTarget({ publishClient: publishClient as unknown as Redis, subscribeClient: subscriber });
  return {
    shared: true,
    target: <T>() => target as unknown as PubSubEventTarget<Record<string, [T]>>,
    close: async () => void (await subscriber.quit().catch(() => subscriber.disconnect())),
  };
}

/** One channel on the events' target: what is published reaches every listener on every replica, this one included. */
export interface Channel<T> {
  publish(payload: T): void;
  listen(listener: (payload: T) => void): () => void;
}

export function channelOf<T>(events: Events, name: string): Channel<T> {
  const target = events.target<T>();
  return {
    publish: (payload) => void target.dispatchEvent(new CustomEvent(name, { detail: payload })),
    listen(listener) {
      const handler = (event: CustomEvent<T>) => listener(event.detail);
      target.addEventListener(name, handler as never);
      return () => target.removeEventListener(name, handler as never);
    },
  };
}
