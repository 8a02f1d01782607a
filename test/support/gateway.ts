/**
 * startTestGateway(): the emulators on port 0 and the gateway built by createApp against them,
 * logged in with a real jsforce connection. `execute` goes through Yoga's whole HTTP pipeline.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { pino, type Logger } from 'pino';
import { control, startEmulators, type EmulatorOptions, type RunningEmulators, type SeedFixtures } from 'salesforce-emulator';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createApp, type AppOverrides } from '../../src/app';
import type { Gateway } from '../../src/http/yoga';
import type { SalesforceApi, SalesforceApiOptions } from '../../src/salesforce/api';
import type { LoginGuard, SalesforceConnection } from '../../src/salesforce/connection';
import { testConfig, type ConfigOptions } from './config';

export { demoCredentials } from './credentials';
export { testConfig };

export interface TestGateway {
  emulators: RunningEmulators;
  connection: SalesforceConnection;
  sf: SalesforceApi;
  yoga: Gateway;
  /** Runs a typed operation (from `graphql()` in test/__generated__) through POST /graphql. */
  execute<R, V>(document: TypedDocumentNode<R, V>, variables?: V): Promise<{ data?: R | null; errors?: GraphQLErrorBody[] }>;
  /** POSTs a GraphQL operation to /graphql and returns the parsed body. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ data?: T; errors?: GraphQLErrorBody[] }>;
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

export interface TestGatewayOptions extends Omit<ConfigOptions, 'emulator'> {
  guard?: LoginGuard;
  /** false builds the naive N+1 baseline (no DataLoader batching). */
  batch?: boolean;
  api?: SalesforceApiOptions;
  logger?: Logger;
  /** Emulator options, e.g. other org credentials or SMS auth token (canaries). */
  emulator?: EmulatorOptions;
  limits?: AppOverrides['limits'];
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const emulators = await startEmulators({ port: 0, host: '127.0.0.1', ...options.emulator });
  const overrides: AppOverrides = {
    logger: options.logger ?? pino({ level: 'silent' }),
    loginGuard: options.guard,
    api: options.api,
    limits: options.limits,
    batch: options.batch ?? true,
    // The in-process emulator serves http; production's https refusal is tested in tls.test.ts.
    allowHttpInstanceUrl: true,
  };
  const app = await createApp(testConfig(emulators.url, options), overrides);
  const { yoga, connection, sf } = app;
  const graphql: TestGateway['graphql'] = async (query, variables, headers = {}) => {
    // The demo agent key unless the test says otherwise ('' sends no Authorization at all).
    const all: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${AGENT_KEY}`,
      ...headers,
    };
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
    close: async () => {
      await app.close();
      await emulators.close();
    },
  };
}

export interface UsedGateway extends TestGateway {
  ids: SeedFixtures;
  /** The emulator's API requests since the last reset or `mark()`. */
  calls(): Promise<{ apiRequests: number; byKind: Record<string, number> }>;
  /** The SOQL/SOSL statements received since the last reset. */
  statements(): Promise<{ kind: string; statement?: string; status: number }[]>;
  /** Sequential rounds of Salesforce calls since the last reset: calls that overlapped count once. */
  rounds(): Promise<number>;
}

/** One gateway per test file (beforeAll), the emulator reset before each test. */
export function useTestGateway(options: TestGatewayOptions = {}): UsedGateway {
  const used = {} as UsedGateway;
  beforeAll(async () => {
    Object.assign(used, await startTestGateway(options));
    used.ids = used.emulators.salesforce.fixtures;
    used.calls = () => control(used.emulators.url, 'GET', 'stats');
    used.rounds = async () => roundsOf((await control<{ requests: Timed[] }>(used.emulators.url, 'GET', 'requests')).requests);
    used.statements = async () =>
      (await control<{ requests: { kind: string; statement?: string; status: number }[] }>(used.emulators.url, 'GET', 'requests')).requests;
  });
  afterAll(() => used.close());
  beforeEach(() => control(used.emulators.url, 'POST', 'reset'));
  return used;
}

interface Timed {
  arrived: number;
  answered: number;
}

/** The longest chain of calls each of which arrived after the one before was answered. */
export function roundsOf(requests: readonly Timed[]): number {
  const sorted = [...requests].sort((a, b) => a.answered - b.answered);
  const depth: number[] = [];
  sorted.forEach((r, i) => {
    const before = sorted.slice(0, i).map((p, j) => (p.answered < r.arrived ? depth[j]! : 0));
    depth[i] = 1 + Math.max(0, ...before);
  });
  return Math.max(0, ...depth);
}
