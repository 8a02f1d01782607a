/**
 * startTestGateway(): the emulators on port 0, a real jsforce connection logged in to them, and
 * the gateway built with createGateway. `execute` goes through Yoga's whole HTTP pipeline.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { SeedFixtures } from 'salesforce-emulator';
import { control } from './emulator';
import { pino, type Logger } from 'pino';
import { DEMO_SMS, startEmulators, type EmulatorOptions, type RunningEmulators } from 'salesforce-emulator';
import type { Channels } from '../../src/messaging/channel';
import { createEmailChannel } from '../../src/messaging/email';
import { createSmsChannel } from '../../src/messaging/sms';
import { demoCredentials } from './credentials';

export { demoCredentials };
import { loadConfig, type AuthFlow, type GatewaySettings, type SalesforceCredentials, type SecuritySettings } from '../../src/config';
import { createServices } from '../../src/context';
import { createGateway, securityFrom, type Gateway, type GatewayDeps } from '../../src/gateway';
import { TtlCache } from '../../src/salesforce/cache';
import { createSalesforceApi, type SalesforceApi, type SalesforceApiOptions } from '../../src/salesforce/client';
import { createSalesforceConnection, type LoginGuard, type SalesforceConnection } from '../../src/salesforce/connection';

export interface TestGateway {
  emulators: RunningEmulators;
  connection: SalesforceConnection;
  sf: SalesforceApi;
  yoga: Gateway;
  /** Runs a typed operation (from `graphql()` in test/__generated__) through POST /graphql. */
  execute<R, V>(document: TypedDocumentNode<R, V>, variables?: V): Promise<{ data?: R | null; errors?: GraphQLErrorBody[] }>;
  /** POSTs a GraphQL operation to /graphql and returns the parsed body. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ data?: T; errors?: GraphQLErrorBody[] }>;
  close(): Promise<void>;
}

export const AGENT_KEY = 'demo-agent-key';
export const DESIGNER_KEY = 'demo-designer-key';
export const FRONTEND_KEY = 'demo-frontend-key';

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; retryable?: boolean; [k: string]: unknown };
}

export interface TestGatewayOptions {
  flow?: AuthFlow;
  guard?: LoginGuard;
  settings?: Partial<GatewaySettings>;
  /** false builds the naive N+1 baseline (no DataLoader batching). */
  batch?: boolean;
  /** Where the SMS provider's status callbacks go. @default 'http://gateway.test' */
  publicBaseUrl?: string;
  api?: SalesforceApiOptions;
  logger?: Logger;
  env?: 'test' | 'production';
  /** Emulator options, e.g. other org credentials or SMS auth token (canaries). */
  emulator?: EmulatorOptions;
  /** Overrides of the demo org credentials the gateway logs in with. */
  credentials?: Partial<SalesforceCredentials>;
  security?: Partial<SecuritySettings>;
  limits?: GatewayDeps['limits'];
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const emulators = await startEmulators({ port: 0, host: '127.0.0.1', ...options.emulator });
  const connection = createSalesforceConnection({
    apiVersion: '62.0',
    credentials: { ...demoCredentials(emulators.url, options.flow), ...options.credentials },
    guard: options.guard,
  });
  await connection.login();
  const sf = createSalesforceApi(connection, options.api);
  const logger = options.logger ?? pino({ level: 'silent' });
  const settings = loadConfig({}).gateway;
  const publicBaseUrl = options.publicBaseUrl ?? 'http://gateway.test';
  const smsAuthToken = options.emulator?.smsAuthToken ?? DEMO_SMS.authToken;
  const channels: Channels = {
    EMAIL: createEmailChannel(sf, 'CurrentUser'),
    SMS: createSmsChannel({ baseUrl: emulators.url, ...DEMO_SMS, authToken: smsAuthToken, publicBaseUrl, timeoutMs: 5_000 }),
  };
  const services = createServices(sf, logger, { ...settings, ...options.settings }, new TtlCache(60_000), channels);
  const yoga = createGateway({
    config: { env: options.env ?? 'test' },
    logger,
    security: securityFrom({ ...loadConfig({}).security, ...options.security }),
    limits: options.limits,
    services: { ...services, settings: { ...services.settings, batch: options.batch ?? true } },
    smsWebhook: { authToken: smsAuthToken, publicBaseUrl },
  });
  const graphql: TestGateway['graphql'] = async (query, variables, headers = {}) => {
    // The demo agent key unless the test says otherwise ('' sends no Authorization at all).
    const all: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${AGENT_KEY}`, ...headers };
    const res = await yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: Object.fromEntries(Object.entries(all).filter(([, v]) => v !== '')),
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as never;
  };
  return {
    emulators,
    connection,
    sf,
    yoga,
    graphql,
    execute: (document, variables) => graphql(print(document), variables as Record<string, unknown> | undefined) as never,
    close: () => emulators.close(),
  };
}

export interface UsedGateway extends TestGateway {
  ids: SeedFixtures;
  /** The emulator's API requests since the last reset or `mark()`. */
  calls(): Promise<{ apiRequests: number; byKind: Record<string, number> }>;
  /** The SOQL/SOSL statements received since the last reset. */
  statements(): Promise<{ kind: string; statement?: string; status: number }[]>;
}

/** One gateway per test file (beforeAll), the emulator reset before each test. */
export function useTestGateway(options: TestGatewayOptions = {}): UsedGateway {
  const used = {} as UsedGateway;
  beforeAll(async () => {
    Object.assign(used, await startTestGateway(options));
    used.ids = used.emulators.salesforce.fixtures;
    used.calls = () => control(used.emulators.url, 'GET', 'stats');
    used.statements = async () => (await control<{ requests: { kind: string; statement?: string; status: number }[] }>(used.emulators.url, 'GET', 'requests')).requests;
  });
  afterAll(() => used.close());
  beforeEach(() => control(used.emulators.url, 'POST', 'reset'));
  return used;
}
