/**
 * A caller identified from the response cache is still activity: a voice agent's lookup answered
 * without running its resolver (which publishes on a miss, schema/customer.ts) publishes
 * CALLER_IDENTIFIED from the answer it serves, when that answer selects the best match's `id`
 * (and, for the summary, its `name`). No Salesforce call either way.
 */
import type { Plugin } from 'graphql-yoga';
import { callerIdentified, type ActivityFeed } from '../domain/activity';
import { principalOf } from './request-state';

interface LookupAnswer {
  customersByPhone?: { bestMatch?: { customer?: { id?: unknown; name?: unknown } | null } | null } | null;
}

export function useCachedActivity(feed: ActivityFeed): Plugin {
  return {
    onResultProcess({ request, result }) {
      if (!feed.heard() || Array.isArray(result) || !('data' in result)) return;
      const hit = (result.extensions?.responseCache as { hit?: boolean } | undefined)?.hit === true;
      const principal = principalOf(request);
      if (!hit || principal?.role !== 'agent') return;
      const customer = (result.data as LookupAnswer | null | undefined)?.customersByPhone?.bestMatch?.customer;
      if (typeof customer?.id !== 'string') return;
      feed.publish(callerIdentified(principal.name, customer.id, typeof customer.name === 'string' ? customer.name : null));
    },
  };
}
