/** The gateway's configuration against a running emulator (no test-runner imports: the benchmarks use it too). */
import { DEMO_SMS } from 'salesforce-emulator';
import type { AppConfig } from '../../src/app';
import {
  loadConfig,
  type BudgetSettings,
  type CacheSettings,
  type ChangeEventsSettings,
  type GatewaySettings,
  type SecuritySettings,
  type ServerSettings,
  type SharedStateSettings,
  type TracingSettings,
} from '../../src/config';
import type { OrgFile } from '../../src/env/org-file';
import type { AuthFlow } from '../../src/env/salesforce';
import { demoCredentials, type AnyFlowCredentials } from './credentials';

export interface ConfigOptions {
  flow?: AuthFlow;
  settings?: Partial<GatewaySettings>;
  /** Where the SMS provider's status callbacks go. @default 'http://gateway.test' */
  publicBaseUrl?: string;
  env?: 'test' | 'production';
  /** The emulator's SMS auth token, when a test set another one. */
  emulator?: { smsAuthToken?: string };
  /** Overrides of the demo org credentials the gateway logs in with. */
  credentials?: Partial<AnyFlowCredentials>;
  security?: Partial<SecuritySettings>;
  /** The response cache; off unless a test asks, since the emulator is reset between tests and a cache is not. */
  cache?: Partial<CacheSettings>;
  /** Shared state; this process unless a test names a Redis. */
  sharedState?: Partial<SharedStateSettings>;
  /** OpenTelemetry export; off unless a test asks. */
  tracing?: TracingSettings;
  /** The daily budget governor's settings. */
  budget?: Partial<BudgetSettings>;
  /** Change events over the Pub/Sub API; off unless a test asks. */
  changeEvents?: ChangeEventsSettings;
  /** The org file's contents (SALESFORCE_ORG_FILE); none unless a test names one. */
  org?: OrgFile;
  /** The server section (open subscriptions per key and in all). */
  server?: Partial<ServerSettings>;
}

/** The gateway's configuration against a running emulator: its demo org, its SMS provider and the demo keys. */
export function testConfig(emulatorUrl: string, options: ConfigOptions = {}): AppConfig {
  const base = loadConfig({});
  return {
    ...base,
    env: options.env ?? 'test',
    salesforce: { mode: 'org', apiVersion: '62.0', ...demoCredentials(emulatorUrl, options.flow, options.credentials) },
    // The outage breaker is off unless a test asks: the emulator is reset between tests, a breaker is not.
    gateway: { ...base.gateway, outageFailures: Number.MAX_SAFE_INTEGER, ...options.settings },
    security: { ...base.security, ...options.security },
    server: { ...base.server, ...options.server },
    cache: { ...base.cache, ttlMs: 0, ...options.cache },
    budget: { ...base.budget, ...options.budget },
    changeEvents: options.changeEvents ?? null,
    org: options.org ?? null,
    sharedState: { ...base.sharedState, ...options.sharedState },
    tracing: options.tracing ?? null,
    messaging: {
      ...base.messaging,
      sms: { baseUrl: emulatorUrl, ...DEMO_SMS, authToken: options.emulator?.smsAuthToken ?? DEMO_SMS.authToken },
      publicBaseUrl: options.publicBaseUrl ?? 'http://gateway.test',
    },
  };
}
