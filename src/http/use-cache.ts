/**
 * The response cache (Yoga's plugin): read answers are cached per role, so that no role ever sees
 * another role's answer, for CACHE_TTL_MS (the org's picklists longer). Every answer says whether
 * it was a hit in `extensions.responseCache`. Writes drop the answers that showed what they
 * changed, on every replica when the store is Redis. What is never cached (issue 19, items 5-7):
 * - errors and partial answers;
 * - an answer made while any Salesforce call of the request failed or was cut short, even when it
 *   carries no error (a phone lookup whose search arm failed answers from the other arm alone);
 * - an answer read before a write's invalidation and finished after it (generations, in the store).
 * Cache keys, which are also the ETags, are keyed with a secret (HMAC), so that nobody can compute
 * the ETag of someone else's lookup and ask with If-None-Match whether a number just called.
 */
import { createHmac } from 'node:crypto';
import { useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { CacheSettings } from '../config';
import type { Context } from '../schema/context';
import type { ResponseStore } from '../shared-state/index';
import { principalOf } from './use-auth';

const entityKey = (e: { typename: string; id?: string | number }) => (e.id === undefined ? e.typename : `${e.typename}:${e.id}`);

export interface ResponseCache {
  /** The plugin's cache. */
  cache: Cache;
  /** The plugins that key, guard and track the cache. */
  plugins(settings: CacheSettings): Plugin[];
}

/**
 * The response cache over a store. `secret` keys the cache keys (and so the ETags): the same on
 * every replica, unknown to clients.
 */
export function responseCache(store: ResponseStore, secret: Buffer): ResponseCache {
  /** The generation each request in flight began reading at, by cache key. */
  const inFlight = new Map<string, Map<Request, number>>();
  const keyOf = new WeakMap<Request, string>();

  const cache: Cache = {
    get: async (key) => (await store.get(key)) as ExecutionResult | null,
    async set(key, value, entities, ttl) {
      const started = inFlight.get(key);
      // A read whose start was not noted is not stored: it might be an old one.
      if (!started || started.size === 0) return;
      await store.set(key, value, [...entities].map(entityKey), ttl, Math.min(...started.values()));
    },
    invalidate: (entities) => store.invalidate([...entities].map(entityKey)),
  };

  const release = (request: Request) => {
    const key = keyOf.get(request);
    if (key === undefined) return;
    const started = inFlight.get(key);
    started?.delete(request);
    if (started?.size === 0) inFlight.delete(key);
  };

  return {
    cache,
    plugins: (settings) => [
      useResponseCache({
        cache,
        enabled: () => settings.ttlMs > 0,
        // The role scopes every answer: introspection and field visibility differ by role.
        session: (request) => principalOf(request)?.role ?? null,
        buildResponseCacheKey: ({ documentString, variableValues, operationName, sessionId, request }) => {
          const key = createHmac('sha256', secret)
            .update([documentString, operationName ?? '', JSON.stringify(variableValues ?? {}), sessionId ?? ''].join('|'))
            .digest('hex');
          keyOf.set(request, key);
          return key;
        },
        ttl: settings.ttlMs,
        ttlPerSchemaCoordinate: { 'Query.caseOptions': settings.optionsTtlMs },
        includeExtensionMetadata: true,
        invalidateViaMutation: true,
        shouldCacheResult: ({ result }) => result.errors === undefined || result.errors.length === 0,
        // A Salesforce call that failed (an arm that fell back, a cut) makes the answer incomplete.
        onTtl: ({ ttl, context }) => ((context as Partial<Context>).sf?.failedCalls ? 0 : ttl),
      }),
      {
        // Before any Salesforce read of a miss: note the generation it begins at.
        async onExecute({ args }) {
          const request = (args.contextValue as { request?: Request }).request;
          const key = request ? keyOf.get(request) : undefined;
          if (!request || key === undefined || settings.ttlMs <= 0) return;
          const generation = await store.generation();
          if (generation === null) return;
          const started = inFlight.get(key) ?? new Map<Request, number>();
          started.set(request, generation);
          inFlight.set(key, started);
        },
        onResponse({ request }) {
          release(request);
        },
      },
    ],
  };
}
