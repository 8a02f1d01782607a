/**
 * The response cache (Yoga's plugin): read answers are cached per role, so that no role ever sees
 * another role's answer, for CACHE_TTL_MS (the org's picklists longer); errors and partial answers
 * never are. Every answer says whether it was a hit in `extensions.responseCache`. Writes drop the
 * answers that showed what they changed, on every replica when the store is Redis.
 */
import { createInMemoryCache, useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { CacheSettings } from '../config';
import type { ResponseStore } from '../shared-state/index';
import { principalOf } from './use-auth';

const entityKey = (e: { typename: string; id?: string | number }) => (e.id === undefined ? e.typename : `${e.typename}:${e.id}`);

/** The plugin's cache over a shared store, or in this process's memory. */
export function responseCache(store: ResponseStore | null): Cache {
  if (!store) return createInMemoryCache();
  return {
    get: async (key) => (await store.get(key)) as ExecutionResult | null,
    set: (key, value, entities, ttl) => store.set(key, value, [...entities].map(entityKey), ttl),
    invalidate: (entities) => store.invalidate([...entities].map(entityKey)),
  };
}

export function useCache(cache: Cache, settings: CacheSettings): Plugin {
  return useResponseCache({
    cache,
    enabled: () => settings.ttlMs > 0,
    // The role scopes every answer: introspection and field visibility differ by role.
    session: (request) => principalOf(request)?.role ?? null,
    ttl: settings.ttlMs,
    ttlPerSchemaCoordinate: { 'Query.caseOptions': settings.optionsTtlMs },
    includeExtensionMetadata: true,
    invalidateViaMutation: true,
    shouldCacheResult: ({ result }) => result.errors === undefined || result.errors.length === 0,
  });
}
