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
import { getOperationAST, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { CacheSettings } from '../config';
import type { Context } from '../schema/context';
import type { RecordsChanged } from '../change-events/subscription';
import type { ResponseStore } from '../shared-state/index';
import { toCoded } from './errors';
import { principalOf } from './use-auth';

const entityKey = (e: { typename: string; id?: string | number }) => (e.id === undefined ? e.typename : `${e.typename}:${e.id}`);

export interface ResponseCache {
  /** The plugin's cache. */
  cache: Cache;
  /** The plugins that key, guard and track the cache. */
  plugins(settings: CacheSettings): Plugin[];
  /** Drops the answers that hold records Salesforce reported changed (change events). */
  changed(changes: readonly RecordsChanged[]): Promise<void>;
  /** Drops every cached answer (changes may have been missed). */
  dropAll(): Promise<void>;
}

/** Salesforce's records as the GraphQL types that show them (a Task is a follow-up or a call). */
const TYPENAMES: Record<string, string[]> = {
  Contact: ['Customer'],
  Account: ['Account'],
  Case: ['Case'],
  Task: ['FollowUp', 'Call'],
  CaseComment: ['CaseComment'],
};
const ALL_TYPENAMES = [...new Set(Object.values(TYPENAMES).flat())];

/** The cache entities a change touches: the records, the records that list them, or a whole type. */
export function entitiesOf(changes: readonly RecordsChanged[]): string[] {
  const keys = new Set<string>();
  for (const c of changes) {
    for (const typename of TYPENAMES[c.object] ?? []) {
      if (c.ids === null) keys.add(typename);
      else for (const id of c.ids) keys.add(`${typename}:${id}`);
    }
    for (const r of c.related) for (const typename of TYPENAMES[r.object] ?? []) keys.add(`${typename}:${r.id}`);
  }
  return [...keys];
}

/**
 * The response cache over a store. `secret` keys the cache keys (and so the ETags): the same on
 * every replica, unknown to clients.
 */
/** Errors that mean Salesforce is down, slow or out of budget: a last known answer may stand in. */
const OUTAGE_CODES = new Set(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'UPSTREAM_LIMIT']);

export function responseCache(
  store: ResponseStore,
  secret: Buffer,
  events: { healthy(): boolean } | null = null,
  onStale: () => void = () => undefined,
  clock: () => number = Date.now,
): ResponseCache {
  let staleTtlMs = 0;
  /** The generation each request in flight began reading at, by cache key. */
  const inFlight = new Map<string, Map<Request, number>>();
  const keyOf = new WeakMap<Request, string>();

  const cache: Cache = {
    get: async (key) => (await store.get(key)) as ExecutionResult | null,
    async set(key, value, entities, ttl) {
      const started = inFlight.get(key);
      // A read whose start was not noted is not stored: it might be an old one.
      if (!started || started.size === 0) return;
      // Each answer is also tagged with its types, so that "anything of that object may have
      // changed" (a change-event gap) can drop them all.
      const keys = [...entities].map(entityKey);
      const types = new Set([...entities].map((e) => e.typename));
      const stored = await store.set(key, value, [...keys, ...types], ttl, Math.min(...started.values()));
      // The last known answer outlives its invalidation, to stand in while Salesforce fails.
      if (stored) await store.keep(key, value, clock(), staleTtlMs);
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
    changed: (changes) => store.invalidate(entitiesOf(changes)),
    dropAll: () => store.invalidate(ALL_TYPENAMES),
    plugins: (settings) => {
      staleTtlMs = settings.staleTtlMs;
      return [
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
          // While change events arrive, an answer lives long: a change drops it as it happens.
          onTtl: ({ ttl, context }) => {
            if ((context as Partial<Context>).sf?.failedCalls) return 0;
            return ttl === settings.ttlMs && events?.healthy() ? Math.max(ttl, settings.eventsTtlMs) : ttl;
          },
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
        {
          // Stale if error (RFC 5861, applied to our answers): a read that Salesforce's outage left
          // with only outage errors gets the last known answer at once, marked stale with its age.
          // Writes never do, and a key never answered before has none.
          onExecute({ args }) {
            const request = (args.contextValue as { request?: Request }).request;
            const key = request ? keyOf.get(request) : undefined;
            if (key === undefined || settings.staleTtlMs <= 0) return;
            if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
            return {
              async onExecuteDone({ result, setResult }) {
                if (isAsyncIterable(result)) return;
                const errors = result.errors ?? [];
                // Masking has not run yet: an error's code is the one it will be answered with.
                const codeOf = (e: (typeof errors)[number]) => String(e.extensions?.code ?? toCoded(e.originalError)?.code);
                if (errors.length === 0 || !errors.every((e) => OUTAGE_CODES.has(codeOf(e)))) return;
                const known = await store.lastKnown(key);
                if (!known) return;
                const answer = known.value as ExecutionResult;
                onStale();
                setResult({ ...answer, extensions: { ...answer.extensions, stale: true, asOf: new Date(known.asOf).toISOString() } });
              },
            };
          },
        },
      ];
    },
  };
}

const isAsyncIterable = (v: unknown): v is AsyncIterable<unknown> => typeof v === 'object' && v !== null && Symbol.asyncIterator in v;
