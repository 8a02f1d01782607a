/**
 * Configuration, parsed once from the environment with zod. `loadConfig(env)` returns a typed,
 * nested object or throws one ConfigError that names every bad or missing variable, without
 * echoing any value (some of them are secrets).
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { isSupportedCountry } from 'libphonenumber-js/max';
import type { Role } from './domain/principal';
import { DEMO_API_KEYS, MIN_KEY_BITS, keyEntropyBits, parseApiKeys, type ApiKeyConfig, type RateLimit } from './domain/api-keys';
import { z } from 'zod';

/** The Salesforce REST API version the gateway speaks. jsforce's own default is 50.0. */
export const DEFAULT_API_VERSION = '62.0';

export type AuthFlow = 'password' | 'client_credentials' | 'jwt';

export interface SalesforceCredentials {
  flow: AuthFlow;
  clientId: string;
  clientSecret?: string;
  username?: string;
  /** Password with the security token appended, for the password flow. */
  password?: string;
  /** PEM private key for the JWT bearer flow. */
  privateKey?: string;
  /** The token endpoint, e.g. https://login.salesforce.com/services/oauth2/token or the My Domain one. */
  tokenUrl: string;
  /** JWT `aud`: https://login.salesforce.com, or https://test.salesforce.com for sandboxes. */
  audience: string;
  /** The org's base URL; taken from the token response when not set. */
  instanceUrl?: string;
}

/** How the gateway reads the org: timeouts, caches, phone parsing and org-specific fields. */
export type ConsentPolicy = Record<'SMS' | 'EMAIL', 'opt-out' | 'opt-in'>;

export interface GatewaySettings {
  /** Region for numbers without a country code (ISO 3166 alpha-2). @default 'US' */
  defaultRegion: string;
  /** Salesforce calls one GraphQL request may cost, priced before it runs and counted while it runs. @default 12 */
  upstreamCallsPerRequest: number;
  /** Mutation fields one request may run. @default 1 */
  maxMutationsPerRequest: number;
  /** SMS follow-ups one customer may get per hour; 0 switches the limit off. @default 3 */
  smsPerCustomerPerHour: number;
  /** Per channel: `opt-out` sends unless the customer opted out; `opt-in` only when they opted in. @default opt-out */
  consentPolicy: ConsentPolicy;
  /** Per-call Salesforce timeout. @default 10_000 */
  salesforceTimeoutMs: number;
  /** Time budget of one GraphQL request; clients may ask for less (X-Request-Timeout-Ms). @default 2_500 */
  requestDeadlineMs: number;
  /** The shortest deadline a client may ask for with X-Request-Timeout-Ms. @default 500 */
  clientDeadlineFloorMs: number;
  /** Attempts per Salesforce call, retries included. @default 6 */
  salesforceMaxAttempts: number;
  /** While the API limit is spent, one probe call this often. @default 30_000 */
  limitProbeMs: number;
  /** Retries one request may spend across all its Salesforce calls. @default 3 */
  retriesPerRequest: number;
  /** Consecutive failed Salesforce calls that open the outage breaker. @default 5 */
  outageFailures: number;
  /** While the outage breaker is open, one probe this often. @default 5_000 */
  outageProbeMs: number;
  /** How long describe results (picklists) are cached. @default 600_000 */
  describeCacheTtlMs: number;
  /** Checkbox for SMS opt-out; null disables it. @default 'SMS_Opt_Out__c' */
  smsOptOutField: string | null;
  emailOptInField: string | null;
  smsOptInField: string | null;
  callOptInField: string | null;
  /** Unique external-ID field for idempotency keys, on Case and Task. @default 'Gateway_Request_Key__c' */
  idempotencyKeyField: string;
  /** Text(64) field for input fingerprints, on Case and Task. @default 'Gateway_Request_Fingerprint__c' */
  fingerprintField: string;
  /** Origin of cases that name none, if the org's picklist has it. @default 'Phone' */
  defaultCaseOrigin: string | null;
  /** @default 30_000 */
  pendingTimeoutMs: number;
}

/** Where follow-ups go out. */
export interface MessagingSettings {
  /** A Twilio-compatible Messages API; null when no SMS provider is configured. */
  sms: { baseUrl: string; accountSid: string; authToken: string; from: string } | null;
  /** This gateway's public URL, for the provider's delivery-status callbacks; null: no callbacks. */
  publicBaseUrl: string | null;
  /** emailSimple senderType. @default 'CurrentUser' */
  emailSenderType: 'CurrentUser' | 'DefaultWorkflowUser' | 'OrgWideEmailAddress';
  /** Provider call timeout. @default 5_000 */
  timeoutMs: number;
}

/** Who may call, and how often. */
export interface SecuritySettings {
  apiKeys: ApiKeyConfig[];
  /** True when the demo keys are in use (embedded emulator, no keys configured). */
  demoKeys: boolean;
  rateLimits: Record<Role, RateLimit>;
  /** Origins allowed by CORS; empty: no cross-origin access. */
  corsOrigins: string[];
  /** Failed authentications allowed per minute, per client address and per wrong key; then 429 for wrong keys. @default 10 */
  authFailuresPerMinute: number;
  /** Proxies (addresses or CIDR ranges) whose X-Forwarded-For names the client. @default none */
  trustedProxies: string[];
  /**
   * Agent and frontend keys may run only the trusted documents (schema/operations), by
   * `documentId`; designers may send any query. @default true in production, false otherwise
   */
  trustedDocumentsOnly: boolean;
}

/** The HTTP server's limits (src/http/server.ts). */
export interface ServerSettings {
  host: string;
  port: number;
  /** Largest /graphql body. @default 1_048_576 (1 MiB) */
  maxBodyBytes: number;
  /** Largest webhook body, checked before any signature work. @default 65_536 */
  maxWebhookBodyBytes: number;
  /** Time to receive a whole request. @default 10_000 */
  requestTimeoutMs: number;
  /** Time to receive the headers. @default 5_000 */
  headersTimeoutMs: number;
  /** Idle keep-alive sockets close after this. @default 5_000 */
  keepAliveTimeoutMs: number;
  /** Open connections at most. @default 1_000 */
  maxConnections: number;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  security: SecuritySettings;
  server: ServerSettings;
  gateway: GatewaySettings;
  messaging: MessagingSettings;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Prometheus /metrics: off, on the gateway's port, or on a port of its own. */
  metrics: { enabled: boolean; port: number | null };
  /** On SIGTERM, requests in flight get this long to finish. @default 10_000 */
  shutdownGraceMs: number;
  /** OpenTelemetry traces over OTLP/HTTP; null: off (no span is made). */
  tracing: TracingSettings | null;
  /** Where replicas share state (docs/operations.md, "Several replicas"). */
  sharedState: SharedStateSettings;
  cache: CacheSettings;
  changeEvents: ChangeEventsSettings | null;
  budget: BudgetSettings;
  /** `embedded`: no Salesforce configured, the gateway runs the local emulator with demo credentials. */
  salesforce: { mode: 'embedded'; emulatorPort: number; apiVersion: string; flow: AuthFlow } | OrgSettings;
}

export interface TracingSettings {
  /** Where spans are posted (OTLP/HTTP JSON), e.g. http://127.0.0.1:4318/v1/traces. */
  tracesUrl: string;
  /** The `service.name` of every span. @default 'salesforce-customer-gateway' */
  serviceName: string;
}

export interface SharedStateSettings {
  /** Redis, e.g. redis://127.0.0.1:6379/0; null keeps the state in this process. */
  redisUrl: string | null;
  /** Prefix of every key, so that deployments (and tests) can share one Redis. @default 'sfgw:' */
  keyPrefix: string;
}

/** The org's daily Salesforce API budget (http/budget.ts). */
export interface BudgetSettings {
  /** Fraction of the org's daily limit past which only the agent role is served. @default 0.8 */
  reserveFrom: number;
  /** Per role, the fraction of the org's daily limit its requests may spend in a rolling 24 h; 1: no cap. @default agent 1, designer 0.05, frontend 0.2 */
  shares: Record<Role, number>;
}

/** Response caching of read operations (docs/operations.md, "Response cache"). */
export interface CacheSettings {
  /** Default TTL of a cached answer; 0 switches the cache off. @default 60_000 */
  ttlMs: number;
  /** TTL of answers holding only the org's picklists (caseOptions). @default 600_000 */
  optionsTtlMs: number;
  /** TTL of answers while the change-event subscription is healthy (changes arrive as events). @default 86_400_000 */
  eventsTtlMs: number;
  /** How long the last known answer is kept to serve, marked stale, while Salesforce fails. 0: never. @default 86_400_000 */
  staleTtlMs: number;
}

/** Change Data Capture over the Pub/Sub API (src/change-events); null: off. */
export interface ChangeEventsSettings {
  /** `host:port`. @default 'api.pubsub.salesforce.com:7443' */
  endpoint: string;
  /** Check the Pub/Sub server's certificate. @default true (false only for the local emulator) */
  verifyTls: boolean;
}

/** A Salesforce org to log in to. */
export type OrgSettings = { mode: 'org'; apiVersion: string } & SalesforceCredentials;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const optionalText = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string())
  .optional()
  .transform((s) => (s === '' ? undefined : s));

const httpsUrl = z
  .string()
  .trim()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
  .transform((u) => u.replace(/\/+$/, ''));

/** An IP address or a CIDR range (`10.0.0.0/8`, `::1`). */
function isProxyEntry(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}(__c)?$/;

/** An sObject field API name, e.g. SMS_Opt_Out__c; `none` switches the field off. */
const fieldName = z
  .string()
  .trim()
  .regex(/^(none|[A-Za-z][A-Za-z0-9_]{0,39}(__c)?)$/, 'must be a field API name such as SMS_Opt_Out__c, or none')
  .optional()
  .transform((v) => (v === undefined || v === '' || v === 'none' ? null : v));

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: port(4000),
  HTTP_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  WEBHOOK_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024)
    .default(64 * 1024),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(5_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(5_000),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
  UPSTREAM_CALLS_PER_REQUEST: z.coerce.number().int().min(1).max(1_000).default(12),
  MAX_MUTATIONS_PER_REQUEST: z.coerce.number().int().min(1).max(100).default(1),
  CONSENT_POLICY_SMS: z.enum(['opt-out', 'opt-in']).default('opt-out'),
  CONSENT_POLICY_EMAIL: z.enum(['opt-out', 'opt-in']).default('opt-out'),
  SMS_PER_CUSTOMER_PER_HOUR: z.coerce.number().int().min(0).max(1_000).default(3),
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).optional(),
  EMULATOR_PORT: port(4010),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PHONE_DEFAULT_REGION: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 region such as US or GB')
    .refine(isSupportedCountry, 'is not a region libphonenumber knows')
    .default('US'),
  SALESFORCE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  REQUEST_DEADLINE_MS: z.coerce.number().int().min(100).max(120_000).default(2_500),
  CLIENT_DEADLINE_FLOOR_MS: z.coerce.number().int().min(0).max(120_000).default(500),
  SALESFORCE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(6),
  LIMIT_PROBE_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  SALESFORCE_RETRIES_PER_REQUEST: z.coerce.number().int().min(0).max(20).default(3),
  OUTAGE_BREAKER_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  OUTAGE_PROBE_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  DESCRIBE_CACHE_TTL_MS: z.coerce.number().int().min(0).default(600_000),
  SALESFORCE_SMS_OPT_OUT_FIELD: fieldName.default('SMS_Opt_Out__c'),
  SALESFORCE_EMAIL_OPT_IN_FIELD: fieldName,
  SALESFORCE_SMS_OPT_IN_FIELD: fieldName,
  SALESFORCE_CALL_OPT_IN_FIELD: fieldName,
  SALESFORCE_IDEMPOTENCY_KEY_FIELD: z.string().trim().regex(FIELD_NAME, 'must be a field API name').default('Gateway_Request_Key__c'),
  SALESFORCE_FINGERPRINT_FIELD: z.string().trim().regex(FIELD_NAME, 'must be a field API name').default('Gateway_Request_Fingerprint__c'),
  CASE_DEFAULT_ORIGIN: z.string().trim().max(40).default('Phone'),
  FOLLOW_UP_PENDING_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  SMS_PROVIDER_URL: httpsUrl.default('https://api.twilio.com'),
  SMS_ACCOUNT_SID: optionalText,
  SMS_AUTH_TOKEN: optionalText,
  SMS_FROM: optionalText,
  PUBLIC_BASE_URL: httpsUrl.optional(),
  GATEWAY_API_KEYS: optionalText,
  GATEWAY_API_KEYS_FILE: optionalText,
  RATE_LIMIT_AGENT: z.coerce.number().positive().optional(),
  RATE_LIMIT_DESIGNER: z.coerce.number().positive().optional(),
  RATE_LIMIT_FRONTEND: z.coerce.number().positive().optional(),
  METRICS_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: httpsUrl.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpsUrl.optional(),
  OTEL_SERVICE_NAME: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits or . _ -')
    .default('salesforce-customer-gateway'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\/[^\s]+$/, 'must be a redis:// or rediss:// URL')
    .optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9:._-]{1,64}$/, 'must be 1-64 letters, digits or : . _ -')
    .default('sfgw:'),
  CACHE_TTL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  CACHE_OPTIONS_TTL_MS: z.coerce.number().int().min(0).max(86_400_000).default(600_000),
  CACHE_EVENTS_TTL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 86_400_000)
    .default(86_400_000),
  CACHE_STALE_TTL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 86_400_000)
    .default(86_400_000),
  CHANGE_EVENTS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  PUBSUB_ENDPOINT: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/, 'must be host:port, such as api.pubsub.salesforce.com:7443')
    .default('api.pubsub.salesforce.com:7443'),
  TRUSTED_DOCUMENTS_ONLY: z.enum(['true', 'false']).optional(),
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((o) => o.trim().replace(/\/+$/, ''))
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'must be a comma-separated list of origins such as https://app.example.com'))),
  BUDGET_RESERVE_FROM: z.coerce.number().min(0).max(1).default(0.8),
  BUDGET_ROLE_SHARES: z
    .string()
    .default('agent=1,designer=0.05,frontend=0.2')
    .transform((v, ctx) => {
      const shares: Record<Role, number> = { agent: 1, designer: 0.05, frontend: 0.2 };
      for (const entry of v
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean)) {
        const m = /^(agent|designer|frontend)=(0(?:\.\d+)?|1(?:\.0+)?)$/.exec(entry);
        if (!m) {
          ctx.addIssue({
            code: 'custom',
            message: 'must be a comma-separated list of role=fraction, such as frontend=0.2,designer=0.05 (fractions from 0 to 1)',
          });
          return z.NEVER;
        }
        shares[m[1] as Role] = Number(m[2]);
      }
      return shares;
    }),
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine(isProxyEntry, 'must be a comma-separated list of IP addresses or CIDR ranges such as 10.0.0.0/8'))),
  EMAIL_SENDER_TYPE: z.enum(['CurrentUser', 'DefaultWorkflowUser', 'OrgWideEmailAddress']).default('CurrentUser'),
  MESSAGING_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  SALESFORCE_AUTH_FLOW: z.enum(['password', 'client_credentials', 'jwt']).default('password'),
  SALESFORCE_API_VERSION: z
    .string()
    .trim()
    .regex(/^\d{2}\.0$/, 'must look like 62.0')
    .default(DEFAULT_API_VERSION),
  SALESFORCE_CLIENT_ID: optionalText,
  SALESFORCE_CLIENT_SECRET: optionalText,
  SALESFORCE_USERNAME: optionalText,
  SALESFORCE_PASSWORD: optionalText,
  SALESFORCE_SECURITY_TOKEN: optionalText,
  SALESFORCE_TOKEN_URL: httpsUrl.optional(),
  SALESFORCE_INSTANCE_URL: httpsUrl.optional(),
  SALESFORCE_LOGIN_AUDIENCE: httpsUrl.optional(),
  SALESFORCE_PRIVATE_KEY: optionalText,
  SALESFORCE_PRIVATE_KEY_FILE: optionalText,
});

/** Every environment variable the gateway reads (docs/configuration.md lists each). */
export const ENV_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

/** Variables whose presence means "talk to a real org" rather than the embedded emulator. */
const ORG_VARIABLES = [
  'SALESFORCE_CLIENT_ID',
  'SALESFORCE_CLIENT_SECRET',
  'SALESFORCE_USERNAME',
  'SALESFORCE_PASSWORD',
  'SALESFORCE_TOKEN_URL',
  'SALESFORCE_INSTANCE_URL',
  'SALESFORCE_PRIVATE_KEY',
  'SALESFORCE_PRIVATE_KEY_FILE',
] as const;

/**
 * Parses the environment. Never reads `process.env` itself: main.ts passes it in.
 * @throws ConfigError listing every problem (names only, never values)
 */
export function loadConfig(env: Record<string, string | undefined>, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    // zod issues carry the path and a message; the input value is left out on purpose.
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const embedded = !ORG_VARIABLES.some((k) => env[k] !== undefined && env[k] !== '');
  const keyProblems: string[] = [];
  let keysText = e.GATEWAY_API_KEYS;
  if (e.GATEWAY_API_KEYS_FILE) {
    try {
      keysText = [keysText, readFile(e.GATEWAY_API_KEYS_FILE)].filter(Boolean).join('\n');
    } catch {
      keyProblems.push('GATEWAY_API_KEYS_FILE: cannot be read');
    }
  }
  const parsedKeys = parseApiKeys(keysText ?? '');
  keyProblems.push(...parsedKeys.problems.map((p) => `GATEWAY_API_KEYS: ${p}`));
  // An opt-in policy with no field to record the opt-in would refuse every follow-up.
  for (const [policy, field, name] of [
    [e.CONSENT_POLICY_SMS, e.SALESFORCE_SMS_OPT_IN_FIELD, 'SMS'],
    [e.CONSENT_POLICY_EMAIL, e.SALESFORCE_EMAIL_OPT_IN_FIELD, 'EMAIL'],
  ] as const) {
    if (policy === 'opt-in' && !field)
      keyProblems.push(`CONSENT_POLICY_${name}: opt-in needs SALESFORCE_${name}_OPT_IN_FIELD, the Contact checkbox that records the opt-in`);
  }
  if (e.NODE_ENV === 'production') {
    // Guessable keys are refused in production; the names say which, the keys never appear.
    for (const k of parsedKeys.keys) {
      if (keyEntropyBits(k.key) < MIN_KEY_BITS) {
        keyProblems.push(
          `GATEWAY_API_KEYS: the key of ${k.name} is too easy to guess (at least ${MIN_KEY_BITS} bits of randomness: use \`openssl rand -base64 32\`)`,
        );
      }
    }
  }
  const demoKeys = embedded && parsedKeys.keys.length === 0 && keyProblems.length === 0;
  if (!embedded && parsedKeys.keys.length === 0 && keyProblems.length === 0) {
    keyProblems.push('GATEWAY_API_KEYS or GATEWAY_API_KEYS_FILE: required with a real Salesforce org');
  }
  // Rates are Salesforce calls per second, spent by each request's price. Demo mode allows
  // plenty, so that demos and tests are not throttled. A burst always fits one request's budget.
  const rate = (perSecond: number | undefined, orgDefault: number): RateLimit => {
    const r = perSecond ?? (embedded ? 1_000 : orgDefault);
    return { perSecond: r, burst: Math.max(e.UPSTREAM_CALLS_PER_REQUEST, Math.ceil(r * 2)) };
  };
  const base = {
    env: e.NODE_ENV,
    security: {
      apiKeys: demoKeys ? [...DEMO_API_KEYS] : parsedKeys.keys,
      demoKeys,
      rateLimits: {
        agent: rate(e.RATE_LIMIT_AGENT, 20),
        designer: rate(e.RATE_LIMIT_DESIGNER, 5),
        frontend: rate(e.RATE_LIMIT_FRONTEND, 10),
      },
      corsOrigins: e.CORS_ORIGINS,
      // Demo mode (local, in-process tests) is not throttled; a real org's gateway is.
      authFailuresPerMinute: e.AUTH_FAILURES_PER_MINUTE ?? (embedded ? 1_000 : 10),
      trustedProxies: e.TRUSTED_PROXIES,
      trustedDocumentsOnly: e.TRUSTED_DOCUMENTS_ONLY === undefined ? e.NODE_ENV === 'production' : e.TRUSTED_DOCUMENTS_ONLY === 'true',
    },
    server: {
      host: e.HOST,
      port: e.PORT,
      maxBodyBytes: e.HTTP_MAX_BODY_BYTES,
      maxWebhookBodyBytes: e.WEBHOOK_MAX_BODY_BYTES,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    },
    logLevel: e.LOG_LEVEL,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    // The OTLP convention: the signal's own URL as given, else the base URL + /v1/traces.
    tracing:
      e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || e.OTEL_EXPORTER_OTLP_ENDPOINT
        ? { tracesUrl: e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${e.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces`, serviceName: e.OTEL_SERVICE_NAME }
        : null,
    metrics: { enabled: e.METRICS_ENABLED, port: e.METRICS_PORT ?? null },
    sharedState: { redisUrl: e.REDIS_URL ?? null, keyPrefix: e.REDIS_KEY_PREFIX },
    cache: { ttlMs: e.CACHE_TTL_MS, optionsTtlMs: e.CACHE_OPTIONS_TTL_MS, eventsTtlMs: e.CACHE_EVENTS_TTL_MS, staleTtlMs: e.CACHE_STALE_TTL_MS },
    // In embedded mode main.ts points it at the emulator's own Pub/Sub server.
    changeEvents: e.CHANGE_EVENTS ? { endpoint: e.PUBSUB_ENDPOINT, verifyTls: true } : null,
    budget: { reserveFrom: e.BUDGET_RESERVE_FROM, shares: e.BUDGET_ROLE_SHARES },
    gateway: {
      defaultRegion: e.PHONE_DEFAULT_REGION,
      upstreamCallsPerRequest: e.UPSTREAM_CALLS_PER_REQUEST,
      maxMutationsPerRequest: e.MAX_MUTATIONS_PER_REQUEST,
      smsPerCustomerPerHour: e.SMS_PER_CUSTOMER_PER_HOUR,
      consentPolicy: { SMS: e.CONSENT_POLICY_SMS, EMAIL: e.CONSENT_POLICY_EMAIL },
      salesforceTimeoutMs: e.SALESFORCE_TIMEOUT_MS,
      requestDeadlineMs: e.REQUEST_DEADLINE_MS,
      clientDeadlineFloorMs: e.CLIENT_DEADLINE_FLOOR_MS,
      salesforceMaxAttempts: e.SALESFORCE_MAX_ATTEMPTS,
      limitProbeMs: e.LIMIT_PROBE_INTERVAL_MS,
      retriesPerRequest: e.SALESFORCE_RETRIES_PER_REQUEST,
      outageFailures: e.OUTAGE_BREAKER_FAILURES,
      outageProbeMs: e.OUTAGE_PROBE_INTERVAL_MS,
      describeCacheTtlMs: e.DESCRIBE_CACHE_TTL_MS,
      smsOptOutField: e.SALESFORCE_SMS_OPT_OUT_FIELD,
      emailOptInField: e.SALESFORCE_EMAIL_OPT_IN_FIELD,
      smsOptInField: e.SALESFORCE_SMS_OPT_IN_FIELD,
      callOptInField: e.SALESFORCE_CALL_OPT_IN_FIELD,
      idempotencyKeyField: e.SALESFORCE_IDEMPOTENCY_KEY_FIELD,
      fingerprintField: e.SALESFORCE_FINGERPRINT_FIELD,
      defaultCaseOrigin: e.CASE_DEFAULT_ORIGIN === '' ? null : e.CASE_DEFAULT_ORIGIN,
      pendingTimeoutMs: e.FOLLOW_UP_PENDING_TIMEOUT_MS,
    },
    messaging: {
      sms:
        e.SMS_ACCOUNT_SID && e.SMS_AUTH_TOKEN && e.SMS_FROM
          ? { baseUrl: e.SMS_PROVIDER_URL, accountSid: e.SMS_ACCOUNT_SID, authToken: e.SMS_AUTH_TOKEN, from: e.SMS_FROM }
          : null,
      publicBaseUrl: e.PUBLIC_BASE_URL ?? null,
      emailSenderType: e.EMAIL_SENDER_TYPE,
      timeoutMs: e.MESSAGING_TIMEOUT_MS,
    },
  } as const;
  // The SMS provider is configured whole or not at all.
  const smsMissing = (['SMS_ACCOUNT_SID', 'SMS_AUTH_TOKEN', 'SMS_FROM'] as const).filter((k) => e[k] === undefined);
  const smsProblems = smsMissing.length > 0 && smsMissing.length < 3 ? smsMissing.map((k) => `${k}: required when any SMS_ variable is set`) : [];
  if (embedded) {
    if (e.NODE_ENV === 'production') {
      // Fail closed: a production gateway with no org would take real callers' cases into a
      // demo org that vanishes on restart.
      throw new ConfigError([
        'NODE_ENV=production needs a Salesforce org: set SALESFORCE_CLIENT_ID, SALESFORCE_TOKEN_URL and the credentials of SALESFORCE_AUTH_FLOW (docs/salesforce-org.md); the demo emulator runs only outside production',
      ]);
    }
    if (smsProblems.length + keyProblems.length > 0) throw new ConfigError([...smsProblems, ...keyProblems]);
    return { ...base, salesforce: { mode: 'embedded', emulatorPort: e.EMULATOR_PORT, apiVersion: e.SALESFORCE_API_VERSION, flow: e.SALESFORCE_AUTH_FLOW } };
  }
  const problems: string[] = [...smsProblems, ...keyProblems];
  if (e.NODE_ENV === 'production') {
    // Credentials, tokens and messages travel to these: never in clear text in production.
    const clear = (name: string, url: string | undefined) =>
      url !== undefined && !url.startsWith('https://') && problems.push(`${name}: must be an https URL in production`);
    clear('SALESFORCE_TOKEN_URL', e.SALESFORCE_TOKEN_URL);
    clear('SALESFORCE_INSTANCE_URL', e.SALESFORCE_INSTANCE_URL);
    if (base.messaging.sms) clear('SMS_PROVIDER_URL', e.SMS_PROVIDER_URL);
  }
  const need = (name: string, value: string | undefined) => {
    if (value === undefined) problems.push(`${name}: required for the ${e.SALESFORCE_AUTH_FLOW} flow`);
    return value;
  };
  const clientId = need('SALESFORCE_CLIENT_ID', e.SALESFORCE_CLIENT_ID) ?? '';
  const tokenUrl = need('SALESFORCE_TOKEN_URL', e.SALESFORCE_TOKEN_URL) ?? '';
  const credentials: SalesforceCredentials = {
    flow: e.SALESFORCE_AUTH_FLOW,
    clientId,
    tokenUrl,
    audience: e.SALESFORCE_LOGIN_AUDIENCE ?? defaultAudience(tokenUrl),
    instanceUrl: e.SALESFORCE_INSTANCE_URL,
  };
  switch (e.SALESFORCE_AUTH_FLOW) {
    case 'password':
      credentials.clientSecret = need('SALESFORCE_CLIENT_SECRET', e.SALESFORCE_CLIENT_SECRET);
      credentials.username = need('SALESFORCE_USERNAME', e.SALESFORCE_USERNAME);
      credentials.password = need('SALESFORCE_PASSWORD', e.SALESFORCE_PASSWORD);
      if (credentials.password !== undefined && e.SALESFORCE_SECURITY_TOKEN) credentials.password += e.SALESFORCE_SECURITY_TOKEN;
      break;
    case 'client_credentials':
      credentials.clientSecret = need('SALESFORCE_CLIENT_SECRET', e.SALESFORCE_CLIENT_SECRET);
      if (/^https:\/\/(login|test)\.salesforce\.com\//.test(tokenUrl)) {
        // Salesforce answers "request not supported on this domain" (reference §0.3).
        problems.push('SALESFORCE_TOKEN_URL: the client credentials flow needs the org\u2019s My Domain token URL, not login/test.salesforce.com');
      }
      break;
    case 'jwt': {
      credentials.username = need('SALESFORCE_USERNAME', e.SALESFORCE_USERNAME);
      if (e.SALESFORCE_PRIVATE_KEY) credentials.privateKey = e.SALESFORCE_PRIVATE_KEY.replace(/\\n/g, '\n');
      else if (e.SALESFORCE_PRIVATE_KEY_FILE) {
        try {
          credentials.privateKey = readFile(e.SALESFORCE_PRIVATE_KEY_FILE);
        } catch {
          problems.push('SALESFORCE_PRIVATE_KEY_FILE: cannot be read');
        }
      } else problems.push('SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE: required for the jwt flow');
      if (credentials.privateKey !== undefined && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(credentials.privateKey)) {
        problems.push('SALESFORCE_PRIVATE_KEY: must be a PEM private key');
      }
      break;
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...base, salesforce: { mode: 'org', apiVersion: e.SALESFORCE_API_VERSION, ...credentials } };
}

/** Salesforce wants the login host as `aud`, even when the token request goes to My Domain. */
function defaultAudience(tokenUrl: string): string {
  return /^https:\/\/(test\.salesforce\.com|[^/]+\.sandbox\.my\.salesforce\.com)\//.test(tokenUrl)
    ? 'https://test.salesforce.com'
    : 'https://login.salesforce.com';
}
