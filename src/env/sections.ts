/**
 * One section per concern: the variables it reads and the settings it gives, typed by
 * inference. Cross-variable rules (SMS whole or not at all, opt-in needs its field, API keys
 * with an org) are checked in the section that owns them. config.ts assembles them.
 */
import { isSupportedCountry } from 'libphonenumber-js/max';
import { z } from 'zod';
import { DEMO_API_KEYS, MIN_KEY_BITS, keyEntropyBits, parseApiKeys, type RateLimit } from '../domain/api-keys';
import { ROLES, type Role } from '../domain/principal';
import { MAX, fieldWithDefault, flag, int, isProxyEntry, list, optionalField, policy, port, requiredField, section, text, url } from './values';

const roleShares = z
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
  });

export const runtime = section({
  env: ['NODE_ENV', z.enum(['development', 'production', 'test']).default('development')],
  logLevel: ['LOG_LEVEL', z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')],
  /** On SIGTERM, requests in flight get this long to finish. */
  shutdownGraceMs: ['SHUTDOWN_GRACE_MS', int(0, 600_000, 10_000)],
});

export const server = section({
  host: ['HOST', z.string().trim().min(1).default('127.0.0.1')],
  port: ['PORT', port(4000)],
  maxBodyBytes: ['HTTP_MAX_BODY_BYTES', int(1024, 64 * 1024 * 1024, 1024 * 1024)],
  /** Checked before any signature work. */
  maxWebhookBodyBytes: ['WEBHOOK_MAX_BODY_BYTES', int(1024, 1024 * 1024, 64 * 1024)],
  requestTimeoutMs: ['HTTP_REQUEST_TIMEOUT_MS', int(100, 300_000, 10_000)],
  headersTimeoutMs: ['HTTP_HEADERS_TIMEOUT_MS', int(100, 300_000, 5_000)],
  keepAliveTimeoutMs: ['HTTP_KEEP_ALIVE_TIMEOUT_MS', int(100, 300_000, 5_000)],
  maxConnections: ['HTTP_MAX_CONNECTIONS', int(1, 1_000_000, 1_000)],
  /** Open subscriptions one API key may hold. */
  subscriptionsPerKey: ['SUBSCRIPTIONS_PER_KEY', int(1, 10_000, 10)],
  /** Open subscriptions one process holds at most. */
  maxSubscriptions: ['SUBSCRIPTIONS_MAX', int(1, 1_000_000, 1_000)],
});

/** How the gateway reads and writes the org: budgets, deadlines, resilience, org-specific fields. */
export const gateway = section({
  defaultRegion: [
    'PHONE_DEFAULT_REGION',
    z
      .string()
      .trim()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 region such as US or GB')
      .refine(isSupportedCountry, 'is not a region libphonenumber knows')
      .default('US'),
  ],
  upstreamCallsPerRequest: ['UPSTREAM_CALLS_PER_REQUEST', int(1, 1_000, 12)],
  maxMutationsPerRequest: ['MAX_MUTATIONS_PER_REQUEST', int(1, 100, 1)],
  /** 0 switches the limit off. */
  smsPerCustomerPerHour: ['SMS_PER_CUSTOMER_PER_HOUR', int(0, 1_000, 3)],
  smsPolicy: ['CONSENT_POLICY_SMS', policy],
  emailPolicy: ['CONSENT_POLICY_EMAIL', policy],
  salesforceTimeoutMs: ['SALESFORCE_TIMEOUT_MS', int(100, 120_000, 10_000)],
  /** Clients may ask for less (X-Request-Timeout-Ms), down to clientDeadlineFloorMs. */
  requestDeadlineMs: ['REQUEST_DEADLINE_MS', int(100, 120_000, 2_500)],
  clientDeadlineFloorMs: ['CLIENT_DEADLINE_FLOOR_MS', int(0, 120_000, 500)],
  salesforceMaxAttempts: ['SALESFORCE_MAX_ATTEMPTS', int(1, 10, 6)],
  limitProbeMs: ['LIMIT_PROBE_INTERVAL_MS', int(100, MAX, 30_000)],
  retriesPerRequest: ['SALESFORCE_RETRIES_PER_REQUEST', int(0, 20, 3)],
  outageFailures: ['OUTAGE_BREAKER_FAILURES', int(1, 100, 5)],
  outageProbeMs: ['OUTAGE_PROBE_INTERVAL_MS', int(100, 600_000, 5_000)],
  describeCacheTtlMs: ['DESCRIBE_CACHE_TTL_MS', int(0, MAX, 600_000)],
  smsOptOutField: ['SALESFORCE_SMS_OPT_OUT_FIELD', fieldWithDefault('SMS_Opt_Out__c')],
  emailOptInField: ['SALESFORCE_EMAIL_OPT_IN_FIELD', optionalField],
  smsOptInField: ['SALESFORCE_SMS_OPT_IN_FIELD', optionalField],
  callOptInField: ['SALESFORCE_CALL_OPT_IN_FIELD', optionalField],
  idempotencyKeyField: ['SALESFORCE_IDEMPOTENCY_KEY_FIELD', requiredField('Gateway_Request_Key__c')],
  fingerprintField: ['SALESFORCE_FINGERPRINT_FIELD', requiredField('Gateway_Request_Fingerprint__c')],
  defaultCaseOrigin: [
    'CASE_DEFAULT_ORIGIN',
    z
      .string()
      .trim()
      .max(40)
      .default('Phone')
      .transform((v) => (v === '' ? null : v)),
  ],
  pendingTimeoutMs: ['FOLLOW_UP_PENDING_TIMEOUT_MS', int(1000, MAX, 30_000)],
})
  .transform(({ smsPolicy, emailPolicy, ...g }) => ({ ...g, consentPolicy: { SMS: smsPolicy, EMAIL: emailPolicy } }))
  .superRefine((g, ctx) => {
    // An opt-in policy with no field to record the opt-in would refuse every follow-up.
    for (const [name, field] of [
      ['SMS', g.smsOptInField],
      ['EMAIL', g.emailOptInField],
    ] as const)
      if (g.consentPolicy[name] === 'opt-in' && !field)
        ctx.addIssue({
          code: 'custom',
          path: [`CONSENT_POLICY_${name}`],
          message: `opt-in needs SALESFORCE_${name}_OPT_IN_FIELD, the Contact checkbox that records the opt-in`,
        });
  });

export const messaging = section({
  baseUrl: ['SMS_PROVIDER_URL', url.default('https://api.twilio.com')],
  accountSid: ['SMS_ACCOUNT_SID', text],
  authToken: ['SMS_AUTH_TOKEN', text],
  from: ['SMS_FROM', text],
  /** This gateway's public URL, for the provider's delivery-status callbacks; null: no callbacks. */
  publicBaseUrl: ['PUBLIC_BASE_URL', url.optional().transform((u) => u ?? null)],
  emailSenderType: ['EMAIL_SENDER_TYPE', z.enum(['CurrentUser', 'DefaultWorkflowUser', 'OrgWideEmailAddress']).default('CurrentUser')],
  timeoutMs: ['MESSAGING_TIMEOUT_MS', int(100, 60_000, 5_000)],
})
  .superRefine((m, ctx) => {
    // A Twilio-compatible Messages API, configured whole or not at all.
    const missing = (['SMS_ACCOUNT_SID', 'SMS_AUTH_TOKEN', 'SMS_FROM'] as const).filter((_, i) => [m.accountSid, m.authToken, m.from][i] === undefined);
    if (missing.length > 0 && missing.length < 3)
      for (const k of missing) ctx.addIssue({ code: 'custom', path: [k], message: 'required when any SMS_ variable is set' });
  })
  .transform(({ baseUrl, accountSid, authToken, from, ...m }) => ({
    ...m,
    sms: accountSid && authToken && from ? { baseUrl, accountSid, authToken, from } : null,
  }));

export const observability = section({
  /** Prometheus /metrics: off, on the gateway's port, or on a port of its own. */
  metricsEnabled: ['METRICS_ENABLED', flag('true')],
  metricsPort: ['METRICS_PORT', z.coerce.number().int().min(0).max(65535).optional()],
  otlpBase: ['OTEL_EXPORTER_OTLP_ENDPOINT', url.optional()],
  otlpTraces: ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', url.optional()],
  serviceName: [
    'OTEL_SERVICE_NAME',
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits or . _ -')
      .default('salesforce-customer-gateway'),
  ],
}).transform((o) => ({
  metrics: { enabled: o.metricsEnabled, port: o.metricsPort ?? null },
  // OpenTelemetry traces over OTLP/HTTP: the signal's own URL as given, else the base URL + /v1/traces; null: off.
  tracing: o.otlpTraces || o.otlpBase ? { tracesUrl: o.otlpTraces ?? `${o.otlpBase}/v1/traces`, serviceName: o.serviceName } : null,
}));

export const sharedState = section({
  /** Redis; null keeps the state in this process. */
  redisUrl: [
    'REDIS_URL',
    z
      .string()
      .trim()
      .regex(/^rediss?:\/\/[^\s]+$/, 'must be a redis:// or rediss:// URL')
      .optional()
      .transform((u) => u ?? null),
  ],
  /** Prefix of every key, so that deployments (and tests) can share one Redis. */
  keyPrefix: [
    'REDIS_KEY_PREFIX',
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9:._-]{1,64}$/, 'must be 1-64 letters, digits or : . _ -')
      .default('sfgw:'),
  ],
});

/** Response caching of reads; change events over the Pub/Sub API keep it fresh. */
export const cache = section({
  /** 0 switches the cache off. */
  ttlMs: ['CACHE_TTL_MS', int(0, 86_400_000, 60_000)],
  /** Answers holding only the org's picklists (caseOptions). */
  optionsTtlMs: ['CACHE_OPTIONS_TTL_MS', int(0, 86_400_000, 600_000)],
  /** While the change-event subscription is healthy. */
  eventsTtlMs: ['CACHE_EVENTS_TTL_MS', int(0, 7 * 86_400_000, 86_400_000)],
  /** The last known answer, served marked stale while Salesforce fails; 0: never. */
  staleTtlMs: ['CACHE_STALE_TTL_MS', int(0, 7 * 86_400_000, 86_400_000)],
  /** Answers kept at most, and as many last known ones (docs/operations.md, "Sizing Redis"). */
  maxEntries: ['CACHE_MAX_ENTRIES', int(10, 10_000_000, 10_000)],
});
export const changeEvents = section({
  on: ['CHANGE_EVENTS', flag('true')],
  endpoint: [
    'PUBSUB_ENDPOINT',
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/, 'must be host:port, such as api.pubsub.salesforce.com:7443')
      .default('api.pubsub.salesforce.com:7443'),
  ],
  // In embedded mode main.ts points it at the emulator's own Pub/Sub server (self-signed).
}).transform((c) => (c.on ? { endpoint: c.endpoint, verifyTls: true } : null));

/** The org's daily API budget (http/policy/budget.ts): past `reserveFrom` only agents are served; each role's share of the day. */
export const budget = section({
  reserveFrom: ['BUDGET_RESERVE_FROM', z.coerce.number().min(0).max(1).default(0.8)],
  shares: ['BUDGET_ROLE_SHARES', roleShares],
});

/**
 * Who may call, and how often. Keys are required with an org; the demo keys serve embedded mode.
 * @param context what other sections decide: embedded mode, production (NODE_ENV, read by the
 *   runtime section) and one request's call budget (a rate's burst fits it)
 */
export function security(context: { embedded: boolean; production: boolean; callsPerRequest: number }, readFile: (path: string) => string) {
  const { embedded, production, callsPerRequest } = context;
  return section({
    keys: ['GATEWAY_API_KEYS', text],
    keysFile: ['GATEWAY_API_KEYS_FILE', text],
    agent: ['RATE_LIMIT_AGENT', z.coerce.number().positive().optional()],
    designer: ['RATE_LIMIT_DESIGNER', z.coerce.number().positive().optional()],
    frontend: ['RATE_LIMIT_FRONTEND', z.coerce.number().positive().optional()],
    corsOrigins: ['CORS_ORIGINS', list((o) => /^https?:\/\/[^/\s]+$/.test(o), 'must be a comma-separated list of origins such as https://app.example.com')],
    authFailures: ['AUTH_FAILURES_PER_MINUTE', z.coerce.number().int().min(1).max(100_000).optional()],
    /** Proxies whose X-Forwarded-For names the client. */
    trustedProxies: ['TRUSTED_PROXIES', list(isProxyEntry, 'must be a comma-separated list of IP addresses or CIDR ranges such as 10.0.0.0/8')],
    trustedOnly: ['TRUSTED_DOCUMENTS_ONLY', z.enum(['true', 'false']).optional()],
  }).transform((s, ctx) => {
    const problem = (variable: string, message: string) => ctx.addIssue({ code: 'custom', path: [variable], message });
    let keysText = s.keys ?? '';
    if (s.keysFile) {
      try {
        keysText = [keysText, readFile(s.keysFile)].filter(Boolean).join('\n');
      } catch {
        problem('GATEWAY_API_KEYS_FILE', 'cannot be read');
      }
    }
    const parsed = parseApiKeys(keysText);
    for (const p of parsed.problems) problem('GATEWAY_API_KEYS', p);
    // Guessable keys are refused in production; the names say which, the keys never appear.
    if (production)
      for (const k of parsed.keys.filter((k) => keyEntropyBits(k.key) < MIN_KEY_BITS))
        problem('GATEWAY_API_KEYS', `the key of ${k.name} is too easy to guess (at least ${MIN_KEY_BITS} bits of randomness: use \`openssl rand -base64 32\`)`);
    const fine = parsed.problems.length === 0 && parsed.keys.length === 0;
    if (!embedded && fine) problem('GATEWAY_API_KEYS or GATEWAY_API_KEYS_FILE', 'required with a real Salesforce org');
    const demoKeys = embedded && fine;
    // Salesforce calls per second, spent by each request's price. Demo mode allows plenty; a burst always fits one request.
    const orgRates: Record<Role, number> = { agent: 20, designer: 5, frontend: 10 };
    const rate = (role: Role): RateLimit => {
      const r = s[role] ?? (embedded ? 1_000 : orgRates[role]);
      return { perSecond: r, burst: Math.max(callsPerRequest, Math.ceil(r * 2)) };
    };
    return {
      apiKeys: demoKeys ? [...DEMO_API_KEYS] : parsed.keys,
      /** The demo keys are in use (embedded emulator, no keys configured). */
      demoKeys,
      rateLimits: Object.fromEntries(ROLES.map((r) => [r, rate(r)])) as Record<Role, RateLimit>,
      corsOrigins: s.corsOrigins,
      /** Failed authentications per minute, per client address and per wrong key; demo mode is not throttled. */
      authFailuresPerMinute: s.authFailures ?? (embedded ? 1_000 : 10),
      trustedProxies: s.trustedProxies,
      /** Agent and frontend keys may run only the trusted documents (schema/operations). */
      trustedDocumentsOnly: s.trustedOnly === undefined ? production : s.trustedOnly === 'true',
    };
  });
}
