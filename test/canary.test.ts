/**
 * Canary test: recognisable fake secrets everywhere (org credentials, security token, SMS auth
 * token, API keys), the whole flow at trace level (failed logins, expired sessions, upstream
 * errors, refused requests, webhooks), and not one canary (nor the live access token) in anything
 * logged or returned.
 */
import { describe, expect, it } from 'vitest';
import { twilioSignature } from 'salesforce-emulator';
import { createLogger } from '../src/logger';
import { createSalesforceConnection } from '../src/salesforce/connection';
import { control } from './support/emulator';
import { demoCredentials } from './support/credentials';
import { startTestGateway } from './support/gateway';
import { memorySessionStore } from '../src/shared-state/session';

const CANARY = {
  clientSecret: 'canary-client-secret-5f1e77',
  password: 'canary-password-9c2b11',
  securityToken: 'CANARYTOKEN7d4a42',
  wrongPassword: 'canary-wrong-password-0e9d3',
  smsAuthToken: 'canary-sms-token-1a8e90',
  agentKey: 'canary-agent-key-3b6f5d',
  designerKey: 'canary-designer-key-8a0c',
  bogusKey: 'canary-bogus-key-6c2a4e',
};

describe('secrets stay secret', () => {
  it('no canary appears in logs or responses, whatever happens', async () => {
    const logs: string[] = [];
    const logger = createLogger('trace', { write: (line: string) => void logs.push(line) });
    const seen: string[] = [];
    const gw = await startTestGateway({
      logger,
      emulator: {
        credentials: { clientSecret: CANARY.clientSecret, password: CANARY.password, securityToken: CANARY.securityToken },
        smsAuthToken: CANARY.smsAuthToken,
      },
      credentials: { clientSecret: CANARY.clientSecret, password: CANARY.password + CANARY.securityToken },
      security: {
        apiKeys: [
          { name: 'voice', role: 'agent', key: CANARY.agentKey },
          { name: 'studio', role: 'designer', key: CANARY.designerKey },
        ],
        demoKeys: false,
      },
    });
    const tokens = new Set<string>();
    const record = async (res: Response) => {
      seen.push(`${res.status} ${JSON.stringify([...res.headers])} ${await res.text()}`);
      if (gw.connection.conn.accessToken) tokens.add(gw.connection.conn.accessToken);
    };
    const fetch = async (url: string, init: RequestInit = {}) => record(await gw.yoga.fetch(url, init));
    const call = (query: string, variables: Record<string, unknown> = {}, key = CANARY.agentKey) =>
      fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables }),
      });
    try {
      const ids = gw.emulators.salesforce.fixtures;
      // A failed login, reported as main.ts would.
      const wrong = createSalesforceConnection({
        session: memorySessionStore(),
        apiVersion: '62.0',
        credentials: demoCredentials(gw.emulators.url, 'password', { clientSecret: CANARY.clientSecret, password: CANARY.wrongPassword }),
      });
      await wrong.login().catch((err: unknown) => logger.error({ err }, 'Salesforce login failed'));

      // The ordinary flow.
      await call(`{ customersByPhone(phone: "+14155550134") { outcome bestMatch { customer { name cases { edges { node { caseNumber } } } } } } }`);
      await call('mutation($i: CreateCaseInput!) { createCase(input: $i) { __typename } }', {
        i: { customerId: ids.contacts.ada, subject: 'Canary', idempotencyKey: 'canary-1' },
      });
      await call('mutation($i: SendFollowUpInput!) { sendFollowUp(input: $i) { __typename ... on SendFollowUpSuccess { followUp { id } } } }', {
        i: { customerId: ids.contacts.ada, channel: 'SMS', body: 'Hello', idempotencyKey: 'canary-2' },
      });
      await call('mutation($i: SendFollowUpInput!) { sendFollowUp(input: $i) { __typename } }', {
        i: { customerId: ids.contacts.ada, channel: 'EMAIL', subject: 'Hi', body: 'Hello', idempotencyKey: 'canary-3' },
      });
      // Delivery reports, good and forged.
      const [sms] = (await control<{ messages: { id: string; statusCallback: string }[] }>(gw.emulators.url, 'GET', 'outbox')).messages.filter((m) =>
        m.id.startsWith('SM'),
      );
      const params = { MessageSid: sms!.id, MessageStatus: 'delivered' };
      for (const token of [CANARY.smsAuthToken, 'forged-token']) {
        await fetch(sms!.statusCallback, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(token, sms!.statusCallback, params) },
          body: new URLSearchParams(params).toString(),
        });
      }
      // Expired sessions: a re-login with the canary credentials.
      await control(gw.emulators.url, 'POST', 'sessions/expire');
      await call(`{ customer(id: "${ids.contacts.grace}") { name } }`);
      // Upstream errors of every kind.
      for (const errorCode of ['SERVER_UNAVAILABLE', 'REQUEST_LIMIT_EXCEEDED', 'UNABLE_TO_LOCK_ROW']) {
        await control(gw.emulators.url, 'PUT', 'faults', { errorRate: 1, errorCode });
        await call(`{ customer(id: "${ids.contacts.katherine}") { name } }`);
      }
      await control(gw.emulators.url, 'PUT', 'faults', { rejectTokens: true });
      await call(`{ customer(id: "${ids.contacts.tim}") { name } }`);
      await control(gw.emulators.url, 'DELETE', 'faults');
      // Refused callers: a bogus key, a wrong role, no key; GraphiQL and readiness.
      await call('{ __typename }', {}, CANARY.bogusKey);
      await call('mutation($i: CreateCaseInput!) { createCase(input: $i) { __typename } }', { i: { subject: 'x', idempotencyKey: 'k' } }, CANARY.designerKey);
      await fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      await fetch('http://gateway.test/graphql', { headers: { accept: 'text/html', authorization: `Bearer ${CANARY.designerKey}` } });
      await fetch('http://gateway.test/ready');

      expect(logs.length).toBeGreaterThan(10);
      expect(seen.length).toBeGreaterThan(15);
      expect(tokens.size).toBeGreaterThan(0);
      const everything = [...logs, ...seen].join('\n');
      // The flow really ran: failed login, upstream errors and refusals all left traces.
      expect(everything).toMatch(/Salesforce refused the login/);
      expect(everything).toMatch(/UPSTREAM_LIMIT/);
      expect(everything).toMatch(/UNAUTHENTICATED/);
      for (const [name, secret] of Object.entries(CANARY)) expect(everything.includes(secret), name).toBe(false);
      for (const token of tokens) expect(everything.includes(token), 'an access token').toBe(false);
    } finally {
      await gw.close();
    }
  });
});
