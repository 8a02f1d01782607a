/**
 * The response cache (Yoga's plugin) over the freshness room (src/cache): read answers are cached
 * per role, so that no role ever sees another role's answer, each tagged with what it rests on,
 * and dropped when a change event or one of our writes touches it (docs/operations.md, "What is
 * fresh, and how fast"). Every answer says whether it was a hit in `extensions.responseCache`.
 *
 * - The key is made of the document, the operation and the variables the operation declares;
 *   variables it does not declare are refused (BAD_USER_INPUT), so that nobody can mint cache
 *   entries by varying what no answer depends on.
 * - Never cached: errors and partial answers; an answer made while any Salesforce call of the
 *   request failed or was cut short; an answer read before an invalidation of what it rests on
 *   and finished after it (generations, in the store); an answer over MAX_ANSWER_BYTES or resting
 *   on too many records.
 * - Keys are keyed with a secret (HMAC), so nobody can compute another request's key. The ETag is
 *   derived from the key and the answer's version; a `304` goes only to a request whose own
 *   current answer carries the ETag it sent (the plugin alone answers 304 to any cached ETag).
 * - Stale if error: a read that Salesforce's outage left with only outage errors gets the last
 *   known answer at once, marked stale with its age.
 */
import { createHmac } from 'node:crypto';
import { useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import { LRUCache } from 'lru-cache';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { getOperationAST, parse, type ExecutionResult } from 'graphql';
import type { CacheSettings } from '../config';
import type { Change, Written } from '../domain/dependencies';
import type { Context } from '../schema/context';
import type { AnswerDependencies } from '../cache/dependencies';
import type { Freshness } from '../cache/freshness';
import { toCoded } from './errors';
import { principalOf } from './request-state';

/** Answers larger than this (serialised) are not cached. */
export const MAX_ANSWER_BYTES = 256 * 1024;

export interface ResponseCache {
  /** The plugin's cache. */
  cache: Cache;
  /** The plugins that key, guard and track the cache. */
  plugins(settings: CacheSettings): Plugin[];
  /** Drops the answers that changes in Salesforce touch (change events). */
  changed(changes: readonly Change[]): Promise<number>;
  /** Drops the answers our own writes touch. */
  written(written: readonly Written[]): Promise<void>;
  /** Drops every cached answer (changes may have been missed). */
  lost(): Promise<void>;
}

/** Errors that mean Salesforce is down, slow or out of budget: a last known answer may stand in. */
const OUTAGE_CODES = new Set(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'UPSTREAM_LIMIT']);

/**
 * The variables each operation of a document declares (null: the document does not parse). Keyed
 * by the document itself, then the operation: the request's own string is looked up, with no
 * longer one built from it on every request.
 */
function declaredVariables(): (document: string, operationName: string | null | undefined) => Set<string> | null {
  // Bounded by the documents' size too: a document may be long.
  const memo = new LRUCache<string, Map<string, Set<string> | null>>({ max: 1_000, maxSize: 8_000_000, sizeCalculation: (_v, k) => Math.max(1, k.length) });
  return (document, operationName) => {
    let byOperation = memo.get(document);
    const name = operationName ?? '';
    const known = byOperation?.get(name);
    if (known !== undefined) return known;
    let names: Set<string> | null = null;
    try {
      const op = getOperationAST(parse(document), operationName);
      if (op) names = new Set((op.variableDefinitions ?? []).map((v) => v.variable.name.value));
    } catch {
      names = null;
    }
    // A document's operations are few (a parseable one names each); a client's made-up names are not kept past a few.
    if (!byOperation || byOperation.size >= 16) memo.set(document, (byOperation = new Map()));
    byOperation.set(name, names);
    return names;
  };
}

export function responseCache(freshness: Freshness, secret: Buffer, onStale: () => void = () => undefined, clock: () => number = Date.now): ResponseCache {
  const store = freshness.store;
  let settings: CacheSettings | null = null;
  /** The generation each request in flight began reading at, by cache key. */
  const inFlight = new Map<string, Map<Request, number>>();
  const keyOf = new WeakMap<Request, string>();
  /**
   * What onTtl learned of the answer about to be stored, by key: its dependencies, and whether it
   * lives long only because change events keep it fresh. Bounded: an answer onTtl looked at may
   * still not be stored (an error, a refusal).
   */
  const pending = new LRUCache<string, { deps: AnswerDependencies | undefined; byEvents: boolean }>({ max: 10_000 });
  const declared = declaredVariables();
  // The same request again (the agent's lookups, a frontend's polling) reuses its key: a map
  // lookup costs less than the HMAC. By document, then by the rest of what names the answer: the
  // request's own document string is looked up as it came, not a longer one joined from it on
  // every request. Bounded: documents by count and size, and what each holds by count (at worst
  // 256 × 256 short entries).
  const keys = new LRUCache<string, Map<string, string>>({ max: 256, maxSize: 8_000_000, sizeCalculation: (_v, k) => Math.max(1, k.length) });
  const cacheKeyOf = (document: string, rest: string) => {
    let byRest = keys.get(document);
    let key = byRest?.get(rest);
    if (key === undefined) {
      key = createHmac('sha256', secret).update(`${document}|${rest}`).digest('hex');
      if (!byRest || byRest.size >= 256) keys.set(document, (byRest = new Map()));
      byRest.set(rest, key);
    }
    return key;
  };
  const etagOf = (key: string, storedAt: number) => createHmac('sha256', secret).update(`etag\0${key}\0${storedAt}`).digest('hex');

  const cache: Cache = {
    async get(key) {
      const found = await store.get(key);
      if (!found || !settings || !freshness.servable(found, settings.ttlMs)) return null;
      return found.value as ExecutionResult;
    },
    async set(key, value, entities, ttl) {
      const told = pending.get(key);
      pending.delete(key);
      const storedAt = clock();
      // The ETag names this answer's version: set before anything awaits, so that the answer
      // going out now carries it too.
      const headers = (value.extensions?.http as { headers?: Record<string, string> } | undefined)?.headers;
      if (headers) headers.ETag = etagOf(key, storedAt);
      const started = inFlight.get(key);
      // A read whose start was not noted is not stored: it might be an old one.
      if (!started || started.size === 0) return;
      const json = JSON.stringify(value);
      if (json.length > MAX_ANSWER_BYTES) return;
      // Kept as read back from its JSON, a copy of its own: the plugin's copy of the answer deletes
      // its metadata fields from every object, which leaves V8 objects in dictionary mode, about
      // twice as slow to serialise; and each hit serialises its data once only (withSerializer).
      const answer = withSerializer(JSON.parse(json) as ExecutionResult);
      const tags = [...new Set([...(told?.deps?.tags ?? []), ...freshness.entityTags(entities)])];
      const stored = await store.set(key, answer, tags, ttl, Math.min(...started.values()), storedAt, told?.byEvents ?? true);
      // The last known answer outlives its invalidation, to stand in while Salesforce fails.
      if (stored && settings) await store.keep(key, answer, storedAt, settings.staleTtlMs);
    },
    invalidate: (entities) => store.invalidate(freshness.entityTags(entities)),
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
    changed: (changes) => freshness.changed(changes),
    written: (written) => freshness.written(written),
    lost: () => freshness.lost(),
    plugins: (s) => {
      settings = s;
      return [
        {
          // Variables the operation does not declare are refused before anything is read or cached.
          onParams({ params, setResult }) {
            const variables = params.variables ? Object.keys(params.variables) : [];
            if (variables.length === 0 || typeof params.query !== 'string') return;
            const names = declared(params.query, params.operationName);
            const undeclared = names ? variables.filter((v) => !names.has(v)) : [];
            if (undeclared.length === 0) return;
            setResult({
              errors: [
                createGraphQLError(
                  `Variables the operation does not declare: ${undeclared.map((v) => `$${v}`).join(', ')}. Send only the variables it declares.`,
                  {
                    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
                  },
                ),
              ],
            });
          },
        },
        useResponseCache({
          cache,
          enabled: () => s.ttlMs > 0,
          // The role scopes every answer: introspection and field visibility differ by role.
          session: (request) => principalOf(request)?.role ?? null,
          buildResponseCacheKey: ({ documentString, variableValues, operationName, sessionId, request }) => {
            // No variables sent: whatever the operation declares, the key's variables are none.
            const values = variableValues ?? {};
            let used = '{}';
            if (Object.keys(values).length > 0) {
              const names = declared(documentString, operationName);
              used = JSON.stringify(names ? Object.fromEntries([...names].sort().map((n) => [n, values[n]])) : values);
            }
            const key = cacheKeyOf(documentString, `${operationName ?? ''}|${used}|${sessionId ?? ''}`);
            keyOf.set(request, key);
            return key;
          },
          ttl: s.ttlMs,
          ttlPerSchemaCoordinate: { 'Query.caseOptions': s.optionsTtlMs },
          includeExtensionMetadata: true,
          invalidateViaMutation: true,
          shouldCacheResult: ({ result }) => result.errors === undefined || result.errors.length === 0,
          // A Salesforce call that failed (an arm that fell back, a cut) makes the answer incomplete.
          onTtl: ({ ttl, context }) => {
            const ctx = context as Partial<Context> & { request?: Request; dependencies?: AnswerDependencies };
            if (ctx.sf?.failedCalls) return 0;
            const key = ctx.request ? keyOf.get(ctx.request) : undefined;
            const final = freshness.ttl(ttl, ctx.dependencies, s);
            if (key !== undefined) pending.set(key, { deps: ctx.dependencies, byEvents: final > ttl });
            return final;
          },
        }),
        {
          // Before any Salesforce read of a miss: note the generation it begins at.
          async onExecute({ args }) {
            const request = (args.contextValue as { request?: Request }).request;
            const key = request ? keyOf.get(request) : undefined;
            if (!request || key === undefined || s.ttlMs <= 0) return;
            const generation = await store.generation();
            if (generation === null) return;
            const started = inFlight.get(key) ?? new Map<Request, number>();
            started.set(request, generation);
            inFlight.set(key, started);
          },
          // A 304 only for the request's own current answer, whose ETag it sent.
          onResultProcess({ request, result, setResultProcessor }) {
            const sent = request.headers.get('if-none-match');
            if (!sent || Array.isArray(result) || isAsyncIterable(result)) return;
            const r = result as ExecutionResult;
            const hit = (r.extensions?.responseCache as { hit?: boolean } | undefined)?.hit === true;
            const etag = (r.extensions?.http as { headers?: Record<string, string> } | undefined)?.headers?.ETag;
            if (!hit || !etag || sent !== etag) return;
            setResultProcessor((_r, fetchAPI) => new fetchAPI.Response(null, { status: 304, headers: { ETag: etag } }), 'application/json');
          },
          onResponse({ request }) {
            release(request);
            keyOf.delete(request);
          },
        },
        {
          onExecute({ args }) {
            const request = (args.contextValue as { request?: Request }).request;
            const key = request ? keyOf.get(request) : undefined;
            if (key === undefined || s.staleTtlMs <= 0) return;
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

/**
 * The answer, able to serialise itself (Yoga's `stringify` of a result) with its data's JSON made
 * once, at its first hit, instead of on every hit: the data is most of an answer, and the same on
 * every hit; only the extensions differ. The function travels with the answer where the store
 * keeps objects (this process); a store that keeps JSON (Redis) drops it, and Yoga serialises as
 * usual. Whatever does not have the answer's own data first, serialises as JSON.stringify does.
 */
function withSerializer(answer: ExecutionResult): ExecutionResult & { stringify: (result: ExecutionResult) => string } {
  const data = answer.data;
  let dataJson: string | undefined;
  const stringify = (result: ExecutionResult): string => {
    if (data === undefined || result.data !== data || Object.keys(result)[0] !== 'data') return JSON.stringify(result);
    dataJson ??= JSON.stringify(data);
    const { data: _data, ...rest } = result;
    const tail = JSON.stringify(rest);
    return tail === '{}' ? `{"data":${dataJson}}` : `{"data":${dataJson},${tail.slice(1)}`;
  };
  return Object.assign(answer, { stringify });
}

const isAsyncIterable = (v: unknown): v is AsyncIterable<unknown> => typeof v === 'object' && v !== null && Symbol.asyncIterator in v;
