/**
 * createApp(config, overrides?): the one composition root. It builds the whole gateway (the
 * shared Salesforce connection and client, the stores, the delivery channels and Yoga), logs in,
 * and returns it with a `close()`. It opens no port and reads no environment: main.ts, the tests
 * and the benchmarks all call it.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { printSchema, type GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { Config, OrgSettings } from './config';
import type { ActivityFeed } from './domain/activity';
import type { CountryCode } from './domain/phone';
import { makeReadContext, type AppServices } from './http/context';
import { createActivityFeed } from './http/activity-feed';
import { channelOf, openEvents, type Channel, type Events } from './http/events';
import { createLiveCustomers } from './http/live-customers';
import { createSubscriptionSlots, type SubscriptionSlots } from './http/subscription-slots';
import { createBudgetGovernor } from './http/policy/budget';
import { createMetrics, type Metrics } from './http/metrics';
import { createTracing } from './http/tracing';
import { responseCache, type ResponseCache } from './http/use-cache';
import { Freshness } from './cache/freshness';
import { phoneTag } from './cache/tags';
import { nationalNumberOf } from './domain/phone';
import { CHANGE_EVENT_OBJECTS } from './salesforce/objects';
import { createChangeEvents, type ChangeEvents, type ChangeEventsOptions } from './change-events/subscription';
import { createGateway, securityFrom, type Gateway, type GatewayDeps } from './http/yoga';
import { createLogger } from './logger';
import type { Channels } from './domain/delivery';
import { createEmailChannel } from './salesforce/email';
import { createSmsChannel } from './messaging/sms';
import { MetadataCache } from './salesforce/cache';
import type { SalesforceApi, SalesforceApiOptions } from './salesforce/api';
import { createSalesforceApi } from './salesforce/client';
import { createSalesforceConnection, type LoginGuard, type SalesforceConnection } from './salesforce/connection';
import { memorySharedState, type SharedState } from './shared-state/index';
import { redisSharedState } from './shared-state/redis';
import { schema as baseSchema } from './schema/index';
import { withOrgFields } from './schema/org-fields';
import { checkOrgShape, type OrgSetup } from './services/org-shape';

/** A configuration whose Salesforce is an org (main.ts turns embedded mode into the emulator's org). */
export type AppConfig = Omit<Config, 'salesforce'> & { salesforce: OrgSettings };

export interface AppOverrides {
  /** @default a pino logger at config.logLevel */
  logger?: Logger;
  /** Login rate limit (tests shorten it). */
  loginGuard?: LoginGuard;
  /** Retry and timeout tuning of the Salesforce client beyond the configuration (tests). */
  api?: Omit<SalesforceApiOptions, 'timeoutMs' | 'maxAttempts' | 'limitProbeMs'> &
    Partial<Pick<SalesforceApiOptions, 'timeoutMs' | 'maxAttempts' | 'limitProbeMs'>>;
  /** Armor limits; the defaults fit the contract's operations. */
  limits?: GatewayDeps['limits'];
  /** false builds the naive N+1 baseline of the benchmark (no DataLoader batching). */
  batch?: boolean;
  /**
   * Tests only: accept an http instance URL in production (the in-process emulator serves http;
   * the https refusal and a production gateway over TLS have tests of their own).
   */
  allowHttpInstanceUrl?: boolean;
  /** Change-event tuning beyond the configuration (tests: keepalive grace, reconnect delay). */
  changeEvents?: Partial<Pick<ChangeEventsOptions, 'keepaliveGraceMs' | 'reconnectBaseMs'>>;
  /**
   * Export the process's own metrics (CPU, memory, event-loop delay, GC): main.ts, whose process
   * is the app's alone. @default false
   */
  processMetrics?: boolean;
  /**
   * Tests only: the time the cache and the change-event health go by (the memory stores' TTLs
   * included; Redis keeps its own), so that a test advances it instead of waiting. @default Date.now
   */
  clock?: () => number;
}

export interface App {
  yoga: Gateway;
  /** The schema served: the base schema, with the org's own fields when the org file declares some. */
  schema: GraphQLSchema;
  /** That schema as SDL (`npm start -- --print-schema`). */
  printSchema(): string;
  metrics: Metrics;
  connection: SalesforceConnection;
  /** The shared Salesforce client. */
  sf: SalesforceApi;
  logger: Logger;
  /** The change-event subscription; null when off. */
  changeEvents: ChangeEvents | null;
  /** The agent-activity feed (benchmarks publish on it directly). */
  activity: ActivityFeed;
  /**
   * The open subscriptions, of every kind. `end()` completes each of them, so that a shutdown
   * need not wait them out.
   */
  subscriptions: Pick<SubscriptionSlots, 'open' | 'end'>;
  /** What the replicas share (tests and benchmarks read the cache's size from it). */
  sharedState: SharedState;
  close(): Promise<void>;
}

export async function createApp(config: AppConfig, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const g = config.gateway;
  const metrics = createMetrics(overrides.processMetrics ?? false);
  const clock = overrides.clock ?? Date.now;
  const state = await openSharedState(config, clock, logger);
  // Anything that fails from here on closes the shared state it opened.
  const started = await (async () => {
    const { connection, sf } = await connectSalesforce(config, state, metrics, overrides, logger);
    // The org's own shape, checked against describe: a field the org file names wrongly stops start-up here.
    const describeCache = new MetadataCache({ ttlMs: g.describeCacheTtlMs, sf, onRefresh: metrics.metadataRefresh });
    const consentFields = {
      smsOptOutField: g.smsOptOutField,
      emailOptInField: g.emailOptInField,
      smsOptInField: g.smsOptInField,
      callOptInField: g.callOptInField,
    };
    const org = await checkOrgShape(sf, describeCache, consentFields, config.org);
    const events = await eventsFor(config, state);
    return { connection, sf, describeCache, org, events };
  })().catch(async (e: unknown) => {
    await state.close();
    throw e;
  });
  const { connection, sf, describeCache, org, events } = started;
  const slots = createSubscriptionSlots(config.server.subscriptionsPerKey, config.server.maxSubscriptions);
  const prefix = config.sharedState.keyPrefix;
  const activity = createActivityFeed({ eventTarget: events.target(), shared: events.shared, topic: `${prefix}agent-activity`, slots });
  const schema = withOrgFields(baseSchema, org.orgFields.custom ?? {});
  const writes = channelOf<string[]>(events, `${prefix}written-tags`);
  const { changeEvents, freshness, cache } = freshnessFor(config, { state, connection, sf, metrics, logger, clock, org, overrides, writes });
  changeEvents?.start();
  const tracing = createTracing(config.tracing);
  if (config.tracing) logger.info({ serviceName: config.tracing.serviceName }, 'tracing: spans go to the OTLP endpoint');
  const services = servicesFor(config, { state, sf, metrics, logger, describeCache, org, cache, freshness, tracing, activity, batch: overrides.batch });
  const governor = createBudgetGovernor(state.budget, config.budget, metrics.budgetRefusal);
  metrics.watchBudget(governor);
  const live = createLiveCustomers({
    slots,
    freshness,
    newContext: makeReadContext(services),
    governor,
    // The short TTL; with the cache off (0), a minute.
    shortTtlMs: config.cache.ttlMs > 0 ? config.cache.ttlMs : 60_000,
    logger,
    clock,
    onRead: metrics.liveRead,
  });
  metrics.watchSubscriptions({ open: slots.open, watched: live.watched });
  metrics.watchMetadata(describeCache);
  metrics.watchSharedState(state);
  const { sms, publicBaseUrl } = config.messaging;
  const yoga = createGateway({
    governor,
    changeEvents,
    live,
    config,
    logger,
    services,
    security: securityFrom(config.security, state.limiter),
    sharedState: state,
    cache,
    cacheSettings: config.cache,
    metrics,
    // Served on the gateway's port unless METRICS_PORT binds it apart (main.ts) or it is off.
    metricsEndpoint: config.metrics.enabled && config.metrics.port === null ? '/metrics' : false,
    budget: { maxCalls: g.upstreamCallsPerRequest, maxMutations: g.maxMutationsPerRequest },
    limits: overrides.limits,
    smsWebhook: sms ? { authToken: sms.authToken, publicBaseUrl } : null,
    tracing,
    schema,
  });
  return {
    yoga,
    schema,
    printSchema: () => printSchema(schema),
    metrics,
    connection,
    sf,
    logger,
    changeEvents,
    sharedState: state,
    activity,
    subscriptions: slots,
    close: async () => {
      await changeEvents?.stop();
      describeCache.close();
      await slots.end();
      live.close();
      await yoga.dispose();
      await events.close();
      await tracing.shutdown();
      await state.close();
    },
  };
}

/**
 * What the replicas share (Redis with REDIS_URL, else this process). Claims, budget counters and
 * the session must never be evicted to make room: Redis must run noeviction, and the cache bounds
 * itself (docs/operations.md, "Sizing Redis").
 */
async function openSharedState(config: AppConfig, clock: () => number, logger: Logger): Promise<SharedState> {
  const responses = { maxEntries: config.cache.maxEntries, clock };
  const { redisUrl, keyPrefix } = config.sharedState;
  const state = redisUrl ? await redisSharedState({ url: redisUrl, keyPrefix, responses }) : memorySharedState(responses);
  const policy = await state.evictionPolicy();
  if (policy !== null && policy !== 'noeviction') {
    await state.close();
    throw new Error(
      `Redis's maxmemory-policy is ${policy}: it may evict idempotency claims, budget counters or the session. Set maxmemory-policy noeviction (the response cache bounds itself with CACHE_MAX_ENTRIES).`,
    );
  }
  if (state.kind === 'redis' && policy === null) logger.warn("Redis's maxmemory-policy could not be read (CONFIG refused): make sure it is noeviction");
  return state;
}

/** The one shared connection, logged in, and the client every call goes through. */
async function connectSalesforce(config: AppConfig, state: SharedState, metrics: Metrics, overrides: AppOverrides, logger: Logger) {
  const g = config.gateway;
  const connection = createSalesforceConnection({
    apiVersion: config.salesforce.apiVersion,
    credentials: config.salesforce,
    guard: overrides.loginGuard,
    session: state.session,
    onLogin: metrics.salesforce.login,
    requireHttps: config.env === 'production' && overrides.allowHttpInstanceUrl !== true,
  });
  await connection.login();
  logger.info({ flow: config.salesforce.flow, apiVersion: connection.apiVersion }, 'logged in to Salesforce');
  const sf = createSalesforceApi(connection, {
    timeoutMs: g.salesforceTimeoutMs,
    maxAttempts: g.salesforceMaxAttempts,
    limitProbeMs: g.limitProbeMs,
    retriesPerRequest: g.retriesPerRequest,
    outageFailures: g.outageFailures,
    outageProbeMs: g.outageProbeMs,
    limitFlag: state.limitFlag,
    observer: metrics.salesforce,
    ...overrides.api,
  });
  metrics.watch(sf);
  return { connection, sf };
}

interface Parts {
  state: SharedState;
  connection: SalesforceConnection;
  sf: SalesforceApi;
  metrics: Metrics;
  logger: Logger;
  clock: () => number;
  org: OrgSetup;
  overrides: AppOverrides;
  /** Where our writes' dropped tags cross to every replica (customerUpdated hears them). */
  writes: Channel<string[]>;
}

/**
 * Freshness (src/cache): what answers rest on, what drops them (change events, when on, and our
 * own writes) and how long they live; the response cache that serves them.
 */
function freshnessFor(config: AppConfig, p: Parts) {
  const { metrics, clock } = p;
  // A change in Salesforce drops the cached answers that showed it (the cache exists by then).
  let cacheRef: ResponseCache | null = null;
  const changeEvents = config.changeEvents
    ? createChangeEvents({
        endpoint: config.changeEvents.endpoint,
        verifyTls: config.changeEvents.verifyTls,
        objects: CHANGE_EVENT_OBJECTS,
        connection: p.connection,
        sf: p.sf,
        replays: p.state.replays,
        onChange: async (changes) => metrics.invalidations('event', (await cacheRef?.changed(changes)) ?? 0),
        onLost: async () => {
          metrics.invalidations('lost', 1);
          await cacheRef?.lost();
        },
        logger: p.logger,
        observe: metrics.changeEvents,
        clock,
        ...p.overrides.changeEvents,
      })
    : null;
  const region = config.gateway.defaultRegion as CountryCode;
  const freshness = new Freshness({
    store: p.state.responses,
    events: changeEvents,
    phoneTagOf: (stored) => {
      const national = nationalNumberOf(stored, region);
      return national === null ? null : phoneTag(national);
    },
    orgPhoneFields: p.org.orgFields.phoneFields ?? [],
    clock,
    writes: p.writes,
  });
  // Cache keys (and so ETags) are keyed with a secret every replica derives from the API keys.
  const cache = responseCache(freshness, cacheSecret(config.security.apiKeys), metrics.staleAnswer, clock);
  cacheRef = cache;
  return { changeEvents, freshness, cache };
}

/** What the use cases are given: the client, the channels, the stores, the org's shape and the settings. */
function servicesFor(
  config: AppConfig,
  p: Omit<Parts, 'connection' | 'clock' | 'overrides' | 'writes'> & {
    describeCache: MetadataCache;
    cache: ResponseCache;
    freshness: Freshness;
    tracing: AppServices['tracing'];
    activity: AppServices['activity'];
    batch?: boolean;
  },
): AppServices {
  const g = config.gateway;
  const { sms, publicBaseUrl } = config.messaging;
  const channels: Channels = { EMAIL: createEmailChannel(p.sf, config.messaging.emailSenderType) };
  if (sms) channels.SMS = createSmsChannel({ ...sms, publicBaseUrl, timeoutMs: config.messaging.timeoutMs });
  return {
    // What a write calls to drop the cached answers that showed what it changed.
    written: (records) => p.cache.written(records),
    dependencies: () => p.freshness.dependencies(),
    events: { followUp: p.metrics.followUp },
    sf: p.sf,
    logger: p.logger,
    channels,
    describeCache: p.describeCache,
    idempotency: {
      settings: { keyField: g.idempotencyKeyField, fingerprintField: g.fingerprintField },
      claims: p.state.claims,
      fallback: p.state.fallback,
    },
    settings: {
      defaultRegion: g.defaultRegion as CountryCode,
      defaultCaseOrigin: g.defaultCaseOrigin,
      pendingTimeoutMs: g.pendingTimeoutMs,
      smsPerCustomerPerHour: g.smsPerCustomerPerHour,
      consentPolicy: g.consentPolicy,
      compileContext: p.batch !== false,
      orgFields: p.org.orgFields,
      caseDefaults: p.org.caseDefaults,
    },
    deadlineMs: g.requestDeadlineMs,
    deadlineFloorMs: g.clientDeadlineFloorMs,
    maxCallsPerRequest: g.upstreamCallsPerRequest,
    batch: p.batch,
    tracing: p.tracing,
    activity: p.activity,
  };
}

/**
 * Where events cross replicas (the agent-activity feed, our writes' dropped tags): through Redis
 * (Yoga's Redis event target) when the replicas share one, else in this process.
 */
async function eventsFor(config: AppConfig, state: SharedState): Promise<Events> {
  const redis = 'redis' in state ? (state as SharedState & { redis: Redis }).redis : null;
  return openEvents(redis, config.server.maxSubscriptions);
}

/** The response cache's key secret: the same on every replica with the same keys, unknown to clients. */
function cacheSecret(keys: readonly { name: string; key: string }[]): Buffer {
  const hash = createHash('sha256').update('sfgw response-cache keys v1');
  for (const k of [...keys].sort((a, b) => a.name.localeCompare(b.name))) hash.update(`${k.name}\0${k.key}\0`);
  return hash.digest();
}
