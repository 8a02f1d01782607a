/**
 * startTestGateway(): the emulators on port 0, a real jsforce connection logged in to them, and
 * the gateway built with createGateway. `execute` goes through Yoga's whole HTTP pipeline.
 */
import { pino } from 'pino';
import { DEMO_CREDENTIALS, DEMO_JWT_PRIVATE_KEY_FILE, startEmulators, type RunningEmulators } from '../../src/emulator/index';
import type { AuthFlow, SalesforceCredentials } from '../../src/config';
import { createGateway, type Gateway } from '../../src/gateway';
import { TtlCache } from '../../src/salesforce/cache';
import { createSalesforceApi, type SalesforceApi } from '../../src/salesforce/client';
import { createSalesforceConnection, type LoginGuard, type SalesforceConnection } from '../../src/salesforce/connection';
import { readFileSync } from 'node:fs';

export interface TestGateway {
  emulators: RunningEmulators;
  connection: SalesforceConnection;
  sf: SalesforceApi;
  yoga: Gateway;
  /** POSTs a GraphQL operation to /graphql and returns the parsed body. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ data?: T; errors?: GraphQLErrorBody[] }>;
  close(): Promise<void>;
}

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; retryable?: boolean; [k: string]: unknown };
}

export function demoCredentials(url: string, flow: AuthFlow = 'password'): SalesforceCredentials {
  return {
    flow,
    clientId: DEMO_CREDENTIALS.clientId,
    clientSecret: DEMO_CREDENTIALS.clientSecret,
    username: DEMO_CREDENTIALS.username,
    password: DEMO_CREDENTIALS.password + DEMO_CREDENTIALS.securityToken,
    privateKey: readFileSync(DEMO_JWT_PRIVATE_KEY_FILE, 'utf8'),
    tokenUrl: `${url}/services/oauth2/token`,
    audience: 'https://login.salesforce.com',
  };
}

export interface TestGatewayOptions {
  flow?: AuthFlow;
  guard?: LoginGuard;
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const emulators = await startEmulators({ port: 0, host: '127.0.0.1' });
  const connection = createSalesforceConnection({ apiVersion: '62.0', credentials: demoCredentials(emulators.url, options.flow), guard: options.guard });
  await connection.login();
  const sf = createSalesforceApi(connection);
  const logger = pino({ level: 'silent' });
  const yoga = createGateway({ config: { env: 'test' }, logger, services: { sf, describeCache: new TtlCache(60_000), logger } });
  return {
    emulators,
    connection,
    sf,
    yoga,
    async graphql(query, variables, headers = {}) {
      const res = await yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as never;
    },
    close: () => emulators.close(),
  };
}
