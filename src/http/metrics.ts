/**
 * Prometheus metrics (prom-client): Yoga's own series through its plugin (operations by name and
 * outcome, with durations), and ours: Salesforce calls by kind and status, retries, logins, the
 * org's daily API usage and limit, circuit states, response-cache hits and misses, follow-ups by
 * channel and status, and webhook reports, and (in the gateway's process) the process's own.
 * Labels never carry a phone number, email, name or Id.
 * Each app has its own registry.
 */
import { createCounter, createHistogram, usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SalesforceApi } from '../salesforce/api';
import type { SalesforceObserver } from '../salesforce/observer';
import type { BudgetGovernor, BudgetRefusalReason } from './policy/budget';
import { operationLabel } from './trusted-documents';
import type { AnsweredOperation } from './use-request-log';

export interface Metrics {
  registry: Registry;
  salesforce: SalesforceObserver;
  followUp(channel: string, status: string): void;
  webhookReport(outcome: 'accepted' | 'refused'): void;
  cacheResult(hit: boolean): void;
  budgetRefusal(role: string, reason: BudgetRefusalReason): void;
  /** Change events received, and the subscription's state. */
  changeEvents: { event(object: string, changeType: string): void; state(state: string): void; applied(lagMs: number): void };
  /** A last known answer served, marked stale, while Salesforce failed. */
  staleAnswer(): void;
  /** Cache entities dropped, by what dropped them (`event`: a change event; `lost`: a refused replay id). */
  invalidations(source: 'event' | 'lost', entities: number): void;
  /** Reads the client's API usage and circuits when scraped. */
  watch(sf: SalesforceApi): void;
  /** Reads the daily budget when scraped. */
  watchBudget(governor: BudgetGovernor): void;
  /** Reads the open subscriptions and the customers watched live when scraped. */
  watchSubscriptions(source: { open(): number; watched(): number }): void;
  /** A background refresh of org metadata (describe), by outcome. */
  metadataRefresh(outcome: 'ok' | 'failed'): void;
  /** Reads the metadata cache's state when scraped. */
  watchMetadata(source: { health(): { failing: unknown[] } }): void;
  /** A GraphQL request answered: its outcome for the objectives, and its error codes. */
  answered(o: AnsweredOperation): void;
  /** Reads whether the shared state (Redis) answers when scraped. */
  watchSharedState(source: { healthy(): Promise<boolean> }): void;
  /** A customerUpdated re-read, by outcome (`sent`, `unchanged`, `failed`, `refused`: the budget). */
  liveRead(outcome: LiveReadOutcome): void;
}

export type LiveReadOutcome = 'sent' | 'unchanged' | 'failed' | 'refused';

const OBJECTS = new Set(['Contact', 'Account', 'Case', 'Task', 'CaseComment']);
const SUBSCRIPTION_STATES = ['connecting', 'connected', 'down', 'stopped'];

const CIRCUIT_VALUE: Record<string, number> = { closed: 0, 'half-open': 0.5, open: 1, isolated: 1 };

/** `processMetrics`: also the process's own (one app per process: they watch the whole process). */
export function createMetrics(processMetrics = false): Metrics {
  const registry = new Registry();
  // CPU, memory, event-loop delay (nodejs_eventloop_lag_*), garbage collection (nodejs_gc_*).
  if (processMetrics) collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const calls = new Counter({
    name: 'salesforce_calls_total',
    help: 'Salesforce HTTP attempts, by kind and status',
    labelNames: ['kind', 'status'],
    registers: [registry],
  });
  const retries = new Counter({
    name: 'salesforce_retries_total',
    help: 'Retries decided by the retry layer, by kind',
    labelNames: ['kind'],
    registers: [registry],
  });
  const logins = new Counter({ name: 'salesforce_logins_total', help: 'Salesforce logins, by outcome', labelNames: ['outcome'], registers: [registry] });
  const cache = new Counter({ name: 'gateway_response_cache_total', help: 'Response-cache lookups, by result', labelNames: ['result'], registers: [registry] });
  const followUps = new Counter({
    name: 'gateway_follow_ups_total',
    help: 'Follow-ups recorded, by channel and status',
    labelNames: ['channel', 'status'],
    registers: [registry],
  });
  const reports = new Counter({
    name: 'gateway_webhook_reports_total',
    help: 'SMS delivery reports, by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const budgetRefusals = new Counter({
    name: 'gateway_budget_refusals_total',
    help: 'Requests refused by the daily budget governor, by role and reason',
    labelNames: ['role', 'reason'],
    registers: [registry],
  });
  const changeEvents = new Counter({
    name: 'gateway_change_events_total',
    help: 'Change events received over the Pub/Sub API, by object and change type',
    labelNames: ['object', 'change_type'],
    registers: [registry],
  });
  const subscription = new Gauge({
    name: 'gateway_change_events_state',
    help: 'The change-event subscription: 1 in the labelled state, 0 otherwise',
    labelNames: ['state'],
    registers: [registry],
  });
  const invalidations = new Counter({
    name: 'gateway_cache_invalidations_total',
    help: 'Cache entities dropped by change events (source="event") or after missed changes (source="lost")',
    labelNames: ['source'],
    registers: [registry],
  });
  const stale = new Counter({
    name: 'gateway_stale_answers_total',
    help: 'Last known answers served, marked stale, while Salesforce failed',
    registers: [registry],
  });
  let watched: SalesforceApi | null = null;
  let governor: BudgetGovernor | null = null;
  new Gauge({
    name: 'gateway_budget_calls',
    help: "Salesforce calls of each role's requests over the rolling 24 hours, and each role's cap (calls; absent: no cap)",
    labelNames: ['role', 'measure'],
    registers: [registry],
    async collect() {
      if (!governor) return;
      const status = await governor.status();
      for (const [role, r] of Object.entries(status.roles)) {
        this.set({ role, measure: 'used' }, r.calls24h);
        if (r.cap !== null) this.set({ role, measure: 'cap' }, r.cap);
      }
    },
  });
  new Gauge({
    name: 'gateway_budget_refusing',
    help: 'Whether the budget governor refuses the role now (1) or not (0)',
    labelNames: ['role'],
    registers: [registry],
    async collect() {
      if (!governor) return;
      const status = await governor.status();
      for (const role of ['agent', 'designer', 'frontend']) this.set({ role }, status.refusing.includes(role as never) ? 1 : 0);
    },
  });
  let subscriptions: { open(): number; watched(): number } | null = null;
  new Gauge({
    name: 'gateway_subscriptions_open',
    help: 'Open subscriptions (customerUpdated and agentActivity) in this process',
    registers: [registry],
    collect() {
      if (subscriptions) this.set(subscriptions.open());
    },
  });
  new Gauge({
    name: 'gateway_live_customers_watched',
    help: 'Customers followed by customerUpdated in this process (one watch per role and customer)',
    registers: [registry],
    collect() {
      if (subscriptions) this.set(subscriptions.watched());
    },
  });
  const metadataRefreshes = new Counter({
    name: 'gateway_metadata_refresh_total',
    help: 'Background refreshes of org metadata (describe), by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });
  let metadata: { health(): { failing: unknown[] } } | null = null;
  new Gauge({
    name: 'gateway_metadata_failing',
    help: 'Metadata entries whose last refresh failed (still served, older than DESCRIBE_CACHE_TTL_MS)',
    registers: [registry],
    collect() {
      if (metadata) this.set(metadata.health().failing.length);
    },
  });
  const operations = new Counter({
    name: 'gateway_operations_total',
    help: 'GraphQL requests by operation, role and outcome: ok (answered, a stale answer included), failed (the gateway or Salesforce failed it), refused (a limit: rate, budget, subscriptions), invalid (the request was wrong)',
    labelNames: ['operationName', 'role', 'outcome'],
    registers: [registry],
  });
  const errorCodes = new Counter({
    name: 'gateway_errors_total',
    help: 'Errors answered, by code',
    labelNames: ['code'],
    registers: [registry],
  });
  const changeLag = new Histogram({
    name: 'gateway_change_event_lag_seconds',
    help: 'From a change committed in Salesforce to its change event applied here (cache dropped, live subscribers told)',
    buckets: [0.25, 0.5, 1, 2, 3, 5, 10, 30, 60],
    registers: [registry],
  });
  let sharedState: { healthy(): Promise<boolean> } | null = null;
  new Gauge({
    name: 'gateway_shared_state_up',
    help: 'Whether the shared state (Redis, or this process) answers: 1 or 0',
    registers: [registry],
    async collect() {
      if (sharedState) this.set((await sharedState.healthy().catch(() => false)) ? 1 : 0);
    },
  });
  const liveReads = new Counter({
    name: 'gateway_live_reads_total',
    help: 'customerUpdated re-reads, by outcome: sent, unchanged (nothing sent), failed, refused (the role budget)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  new Gauge({
    name: 'salesforce_api_usage',
    help: 'The org daily API usage and limit, from Sforce-Limit-Info',
    labelNames: ['measure'],
    registers: [registry],
    collect() {
      const usage = watched?.health().apiUsage;
      if (usage) {
        this.set({ measure: 'used' }, usage.used);
        this.set({ measure: 'limit' }, usage.limit);
      }
    },
  });
  new Gauge({
    name: 'salesforce_circuit_state',
    help: 'Circuit state: 0 closed, 0.5 half-open, 1 open',
    labelNames: ['circuit'],
    registers: [registry],
    collect() {
      if (!watched) return;
      const h = watched.health();
      for (const [circuit, state] of [
        ['limit', h.limitCircuit],
        ['auth', h.authCircuit],
        ['outage', h.outageCircuit],
      ] as const)
        this.set({ circuit }, CIRCUIT_VALUE[state] ?? 1);
    },
  });
  return {
    registry,
    salesforce: {
      call: (kind, status) => calls.inc({ kind, status }),
      retry: (kind) => retries.inc({ kind }),
      login: (outcome) => logins.inc({ outcome }),
    },
    followUp: (channel, status) => followUps.inc({ channel, status }),
    webhookReport: (outcome) => reports.inc({ outcome }),
    watch: (sf) => {
      watched = sf;
    },
    watchBudget: (g) => {
      governor = g;
    },
    budgetRefusal: (role, reason) => budgetRefusals.inc({ role, reason }),
    watchSubscriptions: (source) => {
      subscriptions = source;
    },
    liveRead: (outcome) => liveReads.inc({ outcome }),
    answered: (o) => {
      const codes = o.codes.map((c) => (ERROR_CODES.has(c) ? c : 'other'));
      for (const code of codes) errorCodes.inc({ code });
      operations.inc({ operationName: operationLabel(o.operation ?? undefined), role: o.role ?? 'none', outcome: outcomeOf(o.status, codes) });
    },
    watchSharedState: (source) => {
      sharedState = source;
    },
    metadataRefresh: (outcome) => metadataRefreshes.inc({ outcome }),
    watchMetadata: (source) => {
      metadata = source;
    },
    changeEvents: {
      event: (object, changeType) =>
        changeEvents.inc({ object: OBJECTS.has(object) ? object : 'other', change_type: /^[A-Z_]{1,20}$/.test(changeType) ? changeType : 'other' }),
      // How long after its commit in Salesforce a change was applied (the freshness objective).
      applied: (lagMs) => changeLag.observe(Math.max(0, lagMs) / 1_000),
      state: (state) => {
        for (const s of SUBSCRIPTION_STATES) subscription.set({ state: s }, s === state ? 1 : 0);
      },
    },
    staleAnswer: () => stale.inc(),
    invalidations: (source, entities) => invalidations.inc({ source }, entities),
    cacheResult: (hit) => cache.inc({ result: hit ? 'hit' : 'miss' }),
  };
}

/** Codes that mean the gateway or Salesforce failed an answer (the availability objective). */
const FAILED = new Set(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'UPSTREAM_LIMIT', 'UPSTREAM_AUTH', 'STATE_UNAVAILABLE', 'INTERNAL_ERROR']);
/** Codes of a limit the client met. */
const REFUSED = new Set(['RATE_LIMITED', 'BUDGET_EXHAUSTED', 'SUBSCRIPTION_LIMIT']);
/** The codes errors are counted by; any other is `other`. */
const ERROR_CODES = new Set([
  ...FAILED,
  ...REFUSED,
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'PERSISTED_QUERY_NOT_FOUND',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
]);

function outcomeOf(status: number, codes: readonly string[]): 'ok' | 'failed' | 'refused' | 'invalid' {
  if (status >= 500 || codes.some((c) => FAILED.has(c))) return 'failed';
  if (codes.some((c) => REFUSED.has(c))) return 'refused';
  if (status >= 400 || codes.length > 0) return 'invalid';
  return 'ok';
}

/** The labels of Yoga's series: a closed set, whatever a client sends. */
interface OperationParams {
  operationName?: string;
  operationType?: string;
  errorPhase?: string;
}
const OPERATION_TYPES = new Set(['query', 'mutation', 'subscription']);
const PHASES = new Set(['parse', 'validate', 'context', 'execute', 'subscribe']);
const METHODS = new Set(['GET', 'POST', 'OPTIONS', 'HEAD']);
const operationLabels = (p: OperationParams) => ({
  // The trusted document's name, or `other`: never the client's string.
  operationName: operationLabel(p.operationName),
  operationType: p.operationType && OPERATION_TYPES.has(p.operationType) ? p.operationType : 'unknown',
});
const OPERATION = ['operationName', 'operationType'] as const;

/**
 * Yoga's Prometheus plugin on our registry, and the cache counter. `endpoint` false serves no
 * /metrics on this server (METRICS_PORT binds it apart, or METRICS_ENABLED=false turns it off).
 * Every label takes its value from a closed set: the operation name is a trusted document's or
 * `other`, and no series carries a path, URL or client.
 */
export function useMetrics(metrics: Metrics, endpoint: string | false): Plugin[] {
  const registry = metrics.registry;
  const duration = <Phase>(name: string, help: string, phases: [Phase, ...Phase[]]) =>
    createHistogram({ registry, histogram: { name, help, labelNames: [...OPERATION] }, fillLabelsFn: (p: OperationParams) => operationLabels(p), phases });
  return [
    usePrometheus({
      registry,
      endpoint,
      metrics: {
        graphql_envelop_request: createCounter({
          registry,
          counter: { name: 'graphql_envelop_request', help: 'GraphQL operations executed, by operation', labelNames: [...OPERATION] },
          fillLabelsFn: (p: OperationParams) => operationLabels(p),
        }),
        graphql_envelop_request_duration: duration('graphql_envelop_request_duration', 'Time from parse to the end of execution, by operation', [
          'execute',
          'subscribe',
        ]),
        graphql_envelop_error_result: createCounter({
          registry,
          counter: { name: 'graphql_envelop_error_result', help: 'Errors answered, by operation and phase', labelNames: [...OPERATION, 'phase'] },
          fillLabelsFn: (p: OperationParams) => ({ ...operationLabels(p), phase: p.errorPhase && PHASES.has(p.errorPhase) ? p.errorPhase : 'unknown' }),
        }),
        graphql_envelop_phase_parse: duration('graphql_envelop_phase_parse', 'Time spent parsing, by operation', ['parse']),
        graphql_envelop_phase_validate: duration('graphql_envelop_phase_validate', 'Time spent validating, by operation', ['validate']),
        graphql_envelop_phase_context: duration('graphql_envelop_phase_context', 'Time spent building the context, by operation', ['context']),
        graphql_envelop_phase_execute: duration('graphql_envelop_phase_execute', 'Time spent executing, by operation', ['execute']),
        graphql_envelop_phase_subscribe: false,
        graphql_envelop_execute_resolver: false,
        graphql_yoga_http_duration: createHistogram({
          registry,
          histogram: {
            name: 'graphql_yoga_http_duration',
            help: 'Time spent on the HTTP request, by operation, method and status',
            labelNames: [...OPERATION, 'method', 'statusCode'],
          },
          fillLabelsFn: (p: OperationParams, { request, response }: { request: Request; response: Response }) => ({
            ...operationLabels(p),
            method: METHODS.has(request.method) ? request.method : 'other',
            statusCode: response.status,
          }),
        }),
        // Off: deprecated fields and schema changes say nothing here, and the request-time
        // summary duplicates the histogram.
        graphql_envelop_deprecated_field: false,
        graphql_envelop_schema_change: false,
        graphql_envelop_request_time_summary: false,
      },
    }),
    {
      onResultProcess({ result }) {
        for (const r of Array.isArray(result) ? result : [result]) {
          const hit = (r as { extensions?: { responseCache?: { hit?: boolean } } }).extensions?.responseCache?.hit;
          if (typeof hit === 'boolean') metrics.cacheResult(hit);
        }
      },
    },
  ];
}
