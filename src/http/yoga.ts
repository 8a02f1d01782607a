/**
 * createGateway(deps) builds the Yoga app: schema, per-request context, error masking, GraphiQL.
 * It reads no environment and opens no port; main.ts and the tests do that.
 */
import { GraphQLError } from 'graphql';
import { createYoga, useExecutionCancellation, useReadinessCheck, type GraphiQLOptions, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import type { Logger } from 'pino';
import type { CacheSettings, Config, SecuritySettings } from '../config';
import type { SalesforceApi } from '../salesforce/api';
import type { GraphQLSchema } from 'graphql';
import type { Context } from '../schema/context';
import type { SharedState } from '../shared-state/index';
import { schema as baseSchema } from '../schema/index';
import { ApiKeys, RateLimiter, presentedKey, type LimiterStore } from './policy/api-keys';
import { DEMO_API_KEYS } from '../domain/api-keys';
import { makeContext, type AppServices } from './context';
import { maskError } from './errors';
import { graphiqlDocument } from './graphiql-examples';
import { useCachedActivity } from './use-activity';
import { useAuth } from './use-auth';
import type { BudgetGovernor } from './policy/budget';
import { budgetAdmission, useBudget } from './use-budget';
import type { ChangeEvents } from '../change-events/subscription';
import { usePages, useEdgePaths, useParamBounds } from './edge';
import { trustedProxyList } from './policy/edge-rules';
import { useRequestLog } from './use-request-log';
import { useMetrics, type Metrics } from './metrics';
import { useSmsStatusWebhook } from './use-sms-status-webhook';
import { useUpstreamBudget } from './use-upstream-budget';
import { TOO_COMPLEX_MESSAGE, useInputErrors } from './use-input-errors';
import type { ResponseCache } from './use-cache';
import type { Tracing } from './tracing';
import { DOCUMENT_ID_PARAM } from './trusted-documents';
import { useTrustedDocuments } from './use-trusted-documents';
import type { LiveCustomers } from './live-customers';
import type { MetadataCache } from '../salesforce/cache';
import { useLiveCustomers } from './use-live-customers';

export interface SecurityDeps {
  keys: ApiKeys;
  authFailuresPerMinute: number;
  limiterStore: LimiterStore;
  rateLimiter: RateLimiter;
  /** Origins allowed by CORS; empty: none. */
  corsOrigins: string[];
  /** The demo keys are in use: GraphiQL opens with the demo designer key filled in. */
  demoKeys: boolean;
  /** Agent and frontend keys may run only the trusted documents. */
  trustedDocumentsOnly: boolean;
  /** Proxies whose X-Forwarded-For is believed (addresses and CIDR ranges). */
  trustedProxies: string[];
}

/**
 * Limits from the contract's real operations (test/security.test.ts runs them): the deepest is 11
 * levels, and the heaviest (50 customers × 5 cases × 3 follow-ups) costs 12,000 with armor's cost
 * model at depth factor 1 (it multiplies by literal `first` values; Relay connections add two
 * levels per list, so the default exponential depth factor would price them out).
 */
export const ARMOR_LIMITS = { maxDepth: 14, maxAliases: 20, maxDirectives: 10, maxTokens: 2_000, maxCost: 20_000 } as const;

export interface GatewayDeps {
  config: Pick<Config, 'env'>;
  /** The upstream budget of one request (http/policy/upstream-price.ts). */
  budget: { maxCalls: number; maxMutations: number };
  services: AppServices;
  logger: Logger;
  security: SecurityDeps;
  /** Armor limits; the defaults fit the contract's operations. */
  limits?: Partial<Record<keyof typeof ARMOR_LIMITS, number>>;
  /** The SMS provider's delivery reports; off when no SMS provider is configured. */
  smsWebhook?: { authToken: string; publicBaseUrl: string | null } | null;
  metrics: Metrics;
  /** Where /metrics is served on this server; false: not here. */
  metricsEndpoint: string | false;
  /** The response cache and its settings. */
  cache: ResponseCache;
  cacheSettings: CacheSettings;
  /** What replicas share; /ready reports whether it answers. */
  sharedState: Pick<SharedState, 'kind' | 'healthy'>;
  /** OpenTelemetry (http/tracing.ts); its plugins are none when it is off. */
  tracing: Pick<Tracing, 'plugins' | 'traceIdOf'>;
  /** The org's daily budget (http/policy/budget.ts). */
  governor: BudgetGovernor;
  /** The change-event subscription (src/change-events); null when off. */
  changeEvents: Pick<ChangeEvents, 'health'> | null;
  /** customerUpdated's watches (http/live-customers.ts). */
  live: LiveCustomers;
  /** The schema served: the base one, or with the org's own fields (schema/org-fields.ts). @default the base schema */
  schema?: GraphQLSchema;
}

export type Gateway = YogaServerInstance<Record<string, unknown>, Context>;

const DEMO_AGENT_KEY = DEMO_API_KEYS.find((k) => k.role === 'agent')!.key;

const READY_PATH = '/ready';

/**
 * A plugin whose `onRequest` runs only for requests on `path`. Yoga's readiness check matches
 * every request against its endpoint with a URL pattern, which costs more than the rest of a
 * cached answer's edge; useEdgePaths has already refused a URL that ends in the path without
 * being it, so the path alone decides.
 */
function onPath<P extends Plugin>(path: string, plugin: P): P {
  const { onRequest } = plugin;
  if (!onRequest) return plugin;
  return { ...plugin, onRequest: (payload) => (payload.url.pathname === path ? onRequest(payload) : undefined) };
}

/** The header CSRF prevention asks of a GET or a simple POST (a cross-site form cannot send it). */
const CSRF_HEADER = 'x-graphql-yoga-csrf';

export function createGateway({
  config,
  services,
  logger,
  smsWebhook,
  security,
  limits,
  budget,
  sharedState,
  cache,
  cacheSettings,
  metrics,
  metricsEndpoint,
  tracing,
  governor,
  changeEvents,
  live,
  schema = baseSchema,
}: GatewayDeps): Gateway {
  const production = config.env === 'production';
  const l = { ...ARMOR_LIMITS, ...limits };
  const refused = { exposeLimits: false, errorMessage: TOO_COMPLEX_MESSAGE };
  const armor = new EnvelopArmor({
    maxDepth: { n: l.maxDepth, ...refused },
    maxAliases: { n: l.maxAliases, ...refused },
    maxDirectives: { n: l.maxDirectives, ...refused },
    maxTokens: { n: l.maxTokens, ...refused },
    costLimit: { maxCost: l.maxCost, depthCostFactor: 1, ...refused },
    // Suggestions are stripped per role in useAuth (designers keep them).
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return createYoga<Record<string, unknown>, Context>({
    schema,
    plugins: [
      useRequestLog(logger, tracing.traceIdOf, metrics.answered),
      useEdgePaths(),
      usePages(),
      ...tracing.plugins,
      ...useMetrics(metrics, metricsEndpoint),
      onPath(
        READY_PATH,
        useReadinessCheck({
          endpoint: READY_PATH,
          check: readiness(services.sf, logger, security.keys, sharedState, governor, changeEvents, services.describeCache),
        }),
      ),
      useBudget(governor),
      useExecutionCancellation(),
      ...(smsWebhook ? [useSmsStatusWebhook({ ...smsWebhook, sf: services.sf, logger, metrics })] : []),
      useAuth({
        keys: security.keys,
        rateLimiter: security.rateLimiter,
        authFailuresPerMinute: security.authFailuresPerMinute,
        limiterStore: security.limiterStore,
        production,
        trustedProxies: trustedProxyList(security.trustedProxies),
        logger,
        admit: budgetAdmission(governor),
      }),
      useParamBounds(),
      useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }),
      useTrustedDocuments(security.trustedDocumentsOnly),
      ...armor.plugins,
      useInputErrors(logger),
      ...cache.plugins(cacheSettings),
      useCachedActivity(services.activity),
      useLiveCustomers(live),
      useUpstreamBudget({
        ...budget,
        // The edge took one point for the request already; the price pays for the rest.
        spend: (context, price) => {
          const principal = (context as Context).principal;
          return principal ? security.rateLimiter.take(principal, price - 1) : Promise.resolve(0);
        },
      }),
    ],
    cors: security.corsOrigins.length > 0 ? { origin: security.corsOrigins, methods: ['GET', 'POST'], credentials: false } : false,
    context: makeContext(services),
    graphqlEndpoint: '/graphql',
    extraParamNames: [DOCUMENT_ID_PARAM],
    // Bundled GraphiQL: no CDN, which many networks cannot reach.
    renderGraphiQL,
    // In production only designers get GraphiQL; useAuth asks the others for a key.
    graphiql: (request) =>
      production && security.keys.authenticate(presentedKey(request.headers.get('authorization')))?.role !== 'designer'
        ? false
        : graphiqlOptions(security.demoKeys),
    maskedErrors: { maskError: maskError(logger), isDev: false },
    landingPage: false,
    // The HTTP server (http/server.ts) bounds every body by its declared length (HTTP_MAX_BODY_BYTES)
    // and refuses one that declares none. Yoga's own limit (25 MB) would pipe each body through a
    // stream whose abort signal and DOMException cost more CPU than the rest of a cached answer
    // (bench/context.ts measures both).
    maxRequestBodySize: false,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      // Coded errors are expected outcomes (already logged where they arose); the rest is ours to fix.
      error: (...args) =>
        args[0] instanceof GraphQLError && typeof args[0].extensions.code === 'string'
          ? logger.debug({ code: args[0].extensions.code, path: args[0].path }, 'graphql error answered')
          : logger.error({ err: args[0] }, 'graphql server error'),
    },
  });
}

/**
 * GraphiQL opens one tab of examples. A reload finds that tab again instead of opening an empty
 * one beside it: GraphiQL keeps a stored tab only when it matches the page's query, variables and
 * headers (https://github.com/graphql/graphiql/issues/4435), so the page names the query with GraphiQL's own `query`
 * prop, which Yoga's page hands to GraphiQL with the rest (its options type omits it), and leaves
 * the tab's headers empty. In demo mode the agent key goes with every request instead
 * (`additionalHeaders`); an `Authorization` header in the Headers pane replaces it.
 *
 * GraphiQL sends a subscription as a GET (Server-Sent Events), which CSRF prevention refuses
 * without its header: the page sends that header with every request too.
 */
function graphiqlOptions(demoKeys: boolean): GraphiQLOptions {
  const query = graphiqlDocument(demoKeys);
  const options: GraphiQLOptions & { query: string } = {
    title: 'Salesforce Customer Gateway',
    query,
    defaultQuery: query,
    additionalHeaders: { [CSRF_HEADER]: 'graphiql', ...(demoKeys ? { Authorization: `Bearer ${DEMO_AGENT_KEY}` } : {}) },
  };
  return options;
}

/**
 * `GET /ready`: one cheap Salesforce call (`/limits`), answered with the API usage Salesforce
 * counts and the state of the circuits. A probe every few seconds would spend the org's daily
 * API budget (15,000 on some editions), so a successful check is reused for `cacheMs`.
 */
function readiness(
  sf: SalesforceApi,
  logger: Logger,
  keys: ApiKeys,
  state: Pick<SharedState, 'kind' | 'healthy'>,
  governor: BudgetGovernor,
  changeEvents: Pick<ChangeEvents, 'health'> | null,
  metadata: Pick<MetadataCache, 'health'>,
  cacheMs = 30_000,
  failureCacheMs = 5_000,
) {
  let last: { at: number; ok: boolean; daily: { used: number; limit: number } | null } | null = null;
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  return async ({ request }: { request: Request }) => {
    const now = Date.now();
    // Failures are reused too, for less time: a probe storm against a dead org makes no calls.
    if (!last || now - last.at >= (last.ok ? cacheMs : failureCacheMs)) {
      try {
        const limits = await sf.withDeadline(now + 2_000).request<{ DailyApiRequests?: { Max: number; Remaining: number } }>('GET', '/limits');
        const daily = limits.DailyApiRequests;
        last = { at: Date.now(), ok: true, daily: daily ? { used: daily.Max - daily.Remaining, limit: daily.Max } : null };
        if (last.daily) await governor.observe(last.daily);
      } catch (e) {
        logger.warn({ err: e }, 'readiness check failed');
        last = { at: Date.now(), ok: false, daily: null };
      }
    }
    // Without the shared store, reads go on but writes are refused: ready, but degraded.
    const shared = await state.healthy();
    const status = !last.ok ? 'unavailable' : shared ? 'ready' : 'degraded';
    // API usage and circuit states are for operators: only with a valid key.
    const detail = keys.authenticate(presentedKey(request.headers.get('authorization'))) !== null;
    const body = detail
      ? {
          status,
          salesforce: { ...sf.health(), ...(last.ok ? { dailyApiRequests: last.daily } : {}) },
          sharedState: { kind: state.kind, available: shared },
          budget: await governor.status(),
          changeEvents: changeEventsDetail(changeEvents),
          // Describes kept fresh in the background; a failing refresh keeps serving the last one.
          metadata: metadata.health(),
        }
      : { status };
    return json(last.ok ? 200 : 503, body);
  };
}

/** The gateway's security from configuration: hashed keys and a rate limiter per key. */
export function securityFrom(
  s: Pick<SecuritySettings, 'apiKeys' | 'rateLimits' | 'corsOrigins' | 'demoKeys' | 'authFailuresPerMinute' | 'trustedDocumentsOnly' | 'trustedProxies'>,
  limiterStore: LimiterStore,
): SecurityDeps {
  return {
    keys: new ApiKeys(s.apiKeys),
    rateLimiter: new RateLimiter(s.rateLimits, limiterStore),
    corsOrigins: s.corsOrigins,
    demoKeys: s.demoKeys,
    authFailuresPerMinute: s.authFailuresPerMinute,
    trustedDocumentsOnly: s.trustedDocumentsOnly,
    trustedProxies: s.trustedProxies,
    limiterStore,
  };
}

/** The subscription as /ready shows it: its state, and which TTL the cache is on because of it. */
function changeEventsDetail(events: Pick<ChangeEvents, 'health'> | null) {
  if (!events) return { state: 'off', healthy: false, cacheTtl: 'short' };
  const h = events.health();
  return {
    ...h,
    lastSignalAt: h.lastSignalAt === null ? null : new Date(h.lastSignalAt).toISOString(),
    cacheTtl: h.healthy ? 'long (change events)' : 'short (no change events)',
  };
}
