import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
import { DEFAULT_API_VERSION } from '../src/env/salesforce';

const org = {
  GATEWAY_API_KEYS: 'voice-agent:agent:agent-key-0123456789',
  SALESFORCE_CLIENT_ID: 'cid',
  SALESFORCE_CLIENT_SECRET: 'secret-canary',
  SALESFORCE_USERNAME: 'api@example.com',
  SALESFORCE_PASSWORD: 'pw-canary',
  SALESFORCE_TOKEN_URL: 'https://login.salesforce.com/services/oauth2/token',
  SALESFORCE_INSTANCE_URL: 'https://example.my.salesforce.com',
};

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env, () => {
      throw new Error('no such file');
    });
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('uses the embedded emulator when no Salesforce variable is set, with defaults', () => {
    expect(loadConfig({})).toEqual({
      env: 'development',
      security: {
        apiKeys: [
          { name: 'demo-agent', role: 'agent', key: 'demo-agent-key' },
          { name: 'demo-designer', role: 'designer', key: 'demo-designer-key' },
          { name: 'demo-frontend', role: 'frontend', key: 'demo-frontend-key' },
        ],
        demoKeys: true,
        // Salesforce calls per second, spent by each request's price; demo mode allows plenty.
        rateLimits: { agent: { perSecond: 1_000, burst: 2_000 }, designer: { perSecond: 1_000, burst: 2_000 }, frontend: { perSecond: 1_000, burst: 2_000 } },
        corsOrigins: [],
        authFailuresPerMinute: 1_000,
        trustedProxies: [],
        trustedDocumentsOnly: false,
      },
      server: {
        host: '127.0.0.1',
        port: 4000,
        maxBodyBytes: 1_048_576,
        maxWebhookBodyBytes: 65_536,
        requestTimeoutMs: 10_000,
        headersTimeoutMs: 5_000,
        keepAliveTimeoutMs: 5_000,
        maxConnections: 1_000,
        subscriptionsPerKey: 10,
        maxSubscriptions: 1_000,
      },
      logLevel: 'info',
      shutdownGraceMs: 10_000,
      tracing: null,
      metrics: { enabled: true, port: null },
      sharedState: { redisUrl: null, keyPrefix: 'sfgw:' },
      cache: { ttlMs: 60_000, optionsTtlMs: 600_000, eventsTtlMs: 86_400_000, staleTtlMs: 86_400_000, maxEntries: 10_000 },
      changeEvents: { endpoint: 'api.pubsub.salesforce.com:7443', verifyTls: true },
      budget: { reserveFrom: 0.8, shares: { agent: 1, designer: 0.05, frontend: 0.2 } },
      gateway: {
        defaultRegion: 'US',
        upstreamCallsPerRequest: 12,
        maxMutationsPerRequest: 1,
        smsPerCustomerPerHour: 3,
        consentPolicy: { SMS: 'opt-out', EMAIL: 'opt-out' },
        salesforceTimeoutMs: 10_000,
        requestDeadlineMs: 2_500,
        clientDeadlineFloorMs: 500,
        salesforceMaxAttempts: 6,
        limitProbeMs: 30_000,
        retriesPerRequest: 3,
        outageFailures: 5,
        outageProbeMs: 5_000,
        describeCacheTtlMs: 600_000,
        smsOptOutField: 'SMS_Opt_Out__c',
        emailOptInField: null,
        smsOptInField: null,
        callOptInField: null,
        idempotencyKeyField: 'Gateway_Request_Key__c',
        fingerprintField: 'Gateway_Request_Fingerprint__c',
        defaultCaseOrigin: 'Phone',
        pendingTimeoutMs: 30_000,
      },
      messaging: { sms: null, publicBaseUrl: null, emailSenderType: 'CurrentUser', timeoutMs: 5_000 },
      salesforce: { mode: 'embedded', emulatorPort: 4010, apiVersion: DEFAULT_API_VERSION, flow: 'password', profile: 'demo' },
      org: null,
    });
    expect(DEFAULT_API_VERSION).toBe('62.0');
  });

  it('reads the PolyAI setup fields for the password flow, appending the security token', () => {
    const c = loadConfig({ ...org, SALESFORCE_SECURITY_TOKEN: 'TOKEN', PORT: '8080' });
    expect(c.server.port).toBe(8080);
    expect(c.salesforce).toMatchObject({
      mode: 'org',
      flow: 'password',
      clientId: 'cid',
      password: 'pw-canaryTOKEN',
      tokenUrl: org.SALESFORCE_TOKEN_URL,
      instanceUrl: org.SALESFORCE_INSTANCE_URL,
      audience: 'https://login.salesforce.com',
    });
  });

  it('fails closed in production with no org: no emulator, no demo keys', () => {
    const e = problems({ NODE_ENV: 'production' });
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatch(/^NODE_ENV=production needs a Salesforce org: set SALESFORCE_CLIENT_ID, SALESFORCE_TOKEN_URL/);
    // With an org configured, the demo keys are never accepted, whatever the mode.
    const withOrg = loadConfig({ NODE_ENV: 'production', ...org, GATEWAY_API_KEYS: 'voice-agent:agent:Vh3q9ZrT1Lw8Xt2PmKc7Ys4Bn6Du0Ea5' });
    expect(withOrg.security.demoKeys).toBe(false);
    expect(withOrg.security.apiKeys.map((k) => k.key)).not.toContain('demo-agent-key');
  });

  it('lists every problem at once, naming variables and never echoing values', () => {
    const e = problems({ SALESFORCE_PASSWORD: 'pw-canary', PORT: 'eighty', SALESFORCE_TOKEN_URL: 'not a url' });
    expect(e.problems.join('\n')).toMatch(/PORT/);
    expect(e.problems.join('\n')).toMatch(/SALESFORCE_TOKEN_URL/);
    expect(e.message).not.toContain('pw-canary');
    expect(e.message).not.toContain('eighty');
    const missing = problems({ SALESFORCE_PASSWORD: 'pw-canary' });
    expect(missing.problems).toEqual([
      'GATEWAY_API_KEYS or GATEWAY_API_KEYS_FILE: required with a real Salesforce org',
      'SALESFORCE_CLIENT_ID: required for the password flow',
      'SALESFORCE_TOKEN_URL: required for the password flow',
      'SALESFORCE_CLIENT_SECRET: required for the password flow',
      'SALESFORCE_USERNAME: required for the password flow',
    ]);
  });

  it('requires a My Domain token URL for client credentials', () => {
    const e = problems({ ...org, SALESFORCE_AUTH_FLOW: 'client_credentials' });
    expect(e.problems).toEqual([expect.stringMatching(/^SALESFORCE_TOKEN_URL: the client credentials flow needs the org.s My Domain/)]);
    const ok = loadConfig({ ...org, SALESFORCE_AUTH_FLOW: 'client_credentials', SALESFORCE_TOKEN_URL: 'https://acme.my.salesforce.com/services/oauth2/token' });
    expect(ok.salesforce).toMatchObject({ flow: 'client_credentials', clientSecret: 'secret-canary' });
  });

  it('takes a JWT key inline or from a file, and picks the sandbox audience for sandbox hosts', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----';
    const inline = loadConfig({
      ...org,
      SALESFORCE_AUTH_FLOW: 'jwt',
      SALESFORCE_PRIVATE_KEY: pem,
      SALESFORCE_TOKEN_URL: 'https://acme--dev.sandbox.my.salesforce.com/services/oauth2/token',
    });
    expect(inline.salesforce).toMatchObject({
      flow: 'jwt',
      privateKey: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----',
      audience: 'https://test.salesforce.com',
    });
    const fromFile = loadConfig(
      { ...org, SALESFORCE_AUTH_FLOW: 'jwt', SALESFORCE_PRIVATE_KEY_FILE: '/keys/k.pem' },
      () => '-----BEGIN RSA PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----',
    );
    expect(fromFile.salesforce).toMatchObject({ flow: 'jwt', privateKey: expect.stringContaining('BEGIN RSA PRIVATE KEY') });
    expect(problems({ ...org, SALESFORCE_AUTH_FLOW: 'jwt', SALESFORCE_PRIVATE_KEY_FILE: '/nope' }).problems).toEqual([
      'SALESFORCE_PRIVATE_KEY_FILE: cannot be read',
    ]);
    expect(problems({ ...org, SALESFORCE_AUTH_FLOW: 'jwt' }).problems).toEqual([
      'SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE: required for the jwt flow',
    ]);
  });

  it('reads org-specific consent fields and switches the SMS opt-out off with none', () => {
    expect(loadConfig({ SALESFORCE_SMS_OPT_OUT_FIELD: 'none', SALESFORCE_EMAIL_OPT_IN_FIELD: 'Email_Opt_In__c' }).gateway).toMatchObject({
      smsOptOutField: null,
      emailOptInField: 'Email_Opt_In__c',
    });
    expect(problems({ SALESFORCE_SMS_OPT_OUT_FIELD: "x' OR Id != '" }).problems).toEqual([
      'SALESFORCE_SMS_OPT_OUT_FIELD: must be a field API name such as SMS_Opt_Out__c, or none',
    ]);
    expect(problems({ PHONE_DEFAULT_REGION: 'usa' }).problems[0]).toMatch(/^PHONE_DEFAULT_REGION/);
  });

  it('takes the SMS provider whole or not at all', () => {
    expect(problems({ SMS_ACCOUNT_SID: 'AC1' }).problems).toEqual([
      'SMS_AUTH_TOKEN: required when any SMS_ variable is set',
      'SMS_FROM: required when any SMS_ variable is set',
    ]);
    const c = loadConfig({ SMS_ACCOUNT_SID: 'AC1', SMS_AUTH_TOKEN: 'tok', SMS_FROM: '+15005550006', PUBLIC_BASE_URL: 'https://gw.example.com/' });
    expect(c.messaging).toMatchObject({
      sms: { baseUrl: 'https://api.twilio.com', accountSid: 'AC1', from: '+15005550006' },
      publicBaseUrl: 'https://gw.example.com',
    });
  });

  it('reads API keys with roles, never echoing a key in its complaints', () => {
    const c = loadConfig({ ...org, GATEWAY_API_KEYS: 'voice:agent:k1-0123456789abcdef, studio:designer:k2-0123456789abcdef', RATE_LIMIT_AGENT: '50' });
    expect(c.security.apiKeys.map((k) => [k.name, k.role])).toEqual([
      ['voice', 'agent'],
      ['studio', 'designer'],
    ]);
    expect(c.security).toMatchObject({ demoKeys: false, rateLimits: { agent: { perSecond: 50, burst: 100 }, designer: { perSecond: 5 } } });
    const bad = problems({ ...org, GATEWAY_API_KEYS: 'voice:admin:secret-canary-0123456789,short:agent:tiny-canary' });
    expect(bad.problems).toEqual([
      'GATEWAY_API_KEYS: entry 1 (voice): the role must be agent, designer or frontend',
      'GATEWAY_API_KEYS: entry 2 (short): the key must have at least 16 characters',
    ]);
    expect(bad.message).not.toMatch(/canary/);
    const file = loadConfig(
      { ...org, GATEWAY_API_KEYS: undefined as never, GATEWAY_API_KEYS_FILE: '/keys' },
      () => '# keys\nfront:frontend:f-0123456789abcdef\n',
    );
    expect(file.security.apiKeys).toEqual([{ name: 'front', role: 'frontend', key: 'f-0123456789abcdef' }]);
    expect(loadConfig({ CORS_ORIGINS: 'https://studio.example.com/, http://localhost:3000' }).security.corsOrigins).toEqual([
      'https://studio.example.com',
      'http://localhost:3000',
    ]);
  });

  it('pins the API version format', () => {
    expect(problems({ SALESFORCE_API_VERSION: 'v62' }).problems).toEqual(['SALESFORCE_API_VERSION: must look like 62.0']);
  });

  it('turns tracing on with an OTLP endpoint, by the OTLP convention for the traces URL', () => {
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/' }).tracing).toEqual({
      tracesUrl: 'http://127.0.0.1:4318/v1/traces',
      serviceName: 'salesforce-customer-gateway',
    });
    expect(
      loadConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://otel.example.com/traces',
        OTEL_SERVICE_NAME: 'gw-eu',
      }).tracing,
    ).toEqual({
      tracesUrl: 'https://otel.example.com/traces',
      serviceName: 'gw-eu',
    });
    expect(problems({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }).problems).toEqual([expect.stringMatching(/^OTEL_EXPORTER_OTLP_ENDPOINT: /)]);
  });
});

describe('TRUSTED_PROXIES', () => {
  it('takes addresses and CIDR ranges, and names a bad entry without echoing it', () => {
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8, ::1,192.168.1.7' }).security.trustedProxies).toEqual(['10.0.0.0/8', '::1', '192.168.1.7']);
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES/);
    expect(() => loadConfig({ TRUSTED_PROXIES: 'proxy.internal' })).toThrow(/TRUSTED_PROXIES/);
  });
});

describe('the daily budget', () => {
  it('reads the reserve and role shares, and names a bad share', () => {
    expect(loadConfig({ BUDGET_RESERVE_FROM: '0.9', BUDGET_ROLE_SHARES: 'frontend=0.5, designer=0' }).budget).toEqual({
      reserveFrom: 0.9,
      shares: { agent: 1, designer: 0, frontend: 0.5 },
    });
    expect(() => loadConfig({ BUDGET_ROLE_SHARES: 'frontend=2' })).toThrow(/BUDGET_ROLE_SHARES/);
    expect(() => loadConfig({ BUDGET_ROLE_SHARES: 'robot=0.1' })).toThrow(/BUDGET_ROLE_SHARES/);
    expect(() => loadConfig({ BUDGET_RESERVE_FROM: '1.5' })).toThrow(/BUDGET_RESERVE_FROM/);
  });
});
