/**
 * Open subscriptions, counted: each key may hold `perKey` and the process `total`, whatever the
 * subscription (agentActivity, customerUpdated). A place is taken when a subscription is accepted
 * and freed the moment it ends (the client closed, an error ended it, or the server stops); on
 * shutdown every open one is ended at once.
 */
import { subscriptionLimit } from '../domain/activity';

export interface SubscriptionSlots {
  /**
   * A place for `client`, or SUBSCRIPTION_LIMIT (thrown). `end` ends the subscription (shutdown);
   * the returned function frees the place, once however often it is called.
   */
  take(client: string, end: () => Promise<unknown>): () => void;
  /** Open subscriptions in this process. */
  open(): number;
  /** Ends every open subscription (each completes, so that the server can close at once). */
  end(): Promise<void>;
}

export function createSubscriptionSlots(perKey: number, total: number): SubscriptionSlots {
  const byKey = new Map<string, number>();
  const enders = new Set<() => Promise<unknown>>();
  let open = 0;
  return {
    take(client, end) {
      if (open >= total) throw subscriptionLimit('process', total);
      if ((byKey.get(client) ?? 0) >= perKey) throw subscriptionLimit('key', perKey);
      open++;
      byKey.set(client, (byKey.get(client) ?? 0) + 1);
      // Each place is its own ender, even when two subscriptions end alike.
      const ender = () => end();
      enders.add(ender);
      let freed = false;
      return () => {
        if (freed) return;
        freed = true;
        open--;
        enders.delete(ender);
        const left = (byKey.get(client) ?? 1) - 1;
        if (left > 0) byKey.set(client, left);
        else byKey.delete(client);
      };
    },
    open: () => open,
    end: async () => void (await Promise.all([...enders].map((e) => e().catch(() => undefined)))),
  };
}
