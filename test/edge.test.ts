/**
 * Issue 19, "Security: the edge holds": each finding of the review reproduced over HTTP, and shown
 * to fail now. Items that depend on the production configuration run on it.
 */
import { describe, expect, it } from 'vitest';
import { control } from './support/emulator';
import { startTestGateway, type TestGateway } from './support/gateway';

const LOOKUP = `query CallerLookup($phone: String!) { customersByPhone(phone: $phone) { outcome bestMatch { customer { name } } } }`;
const ADA = '+14155550134';

async function withGateway<T>(options: Parameters<typeof startTestGateway>[0], run: (gw: TestGateway) => Promise<T>): Promise<T> {
  const gw = await startTestGateway(options);
  try {
    return await run(gw);
  } finally {
    await gw.close();
  }
}

describe('1. a caller’s own deadline never counts against Salesforce’s health', () => {
  it('1 ms deadlines from frontend keys do not open the outage breaker for the agent', async () => {
    await withGateway({ settings: { outageFailures: 3, outageProbeMs: 60_000 } }, async (gw) => {
      // Salesforce is slow but healthy: 1.2 s an answer, inside the gateway's 2.5 s budget and
      // beyond the attacker's floored 1 s deadline.
      await control(gw.emulators.url, 'PUT', 'faults', { latencyMs: 1_200 });
      const attacks = await Promise.all(
        Array.from({ length: 8 }, () => gw.graphql(LOOKUP, { phone: ADA }, { authorization: 'Bearer demo-frontend-key', 'x-request-timeout-ms': '1' })),
      );
      for (const a of attacks) expect(a.errors?.[0]?.extensions?.code).toBe('UPSTREAM_TIMEOUT');
      expect(gw.sf.health().outageCircuit).toBe('closed');
      // The agent, with the gateway's own deadline, is answered.
      const agent = await gw.graphql(LOOKUP, { phone: ADA });
      expect(agent.errors).toBeUndefined();
      expect(agent.data).toMatchObject({ customersByPhone: { outcome: 'UNIQUE_MATCH' } });
    });
  });

  it('a deadline below the floor is raised to it: a 300 ms answer comes back to a 1 ms ask', async () => {
    await withGateway({}, async (gw) => {
      await control(gw.emulators.url, 'PUT', 'faults', { latencyMs: 300 });
      const res = await gw.graphql(LOOKUP, { phone: ADA }, { 'x-request-timeout-ms': '1' });
      expect(res.errors).toBeUndefined();
      expect(res.data).toMatchObject({ customersByPhone: { outcome: 'UNIQUE_MATCH' } });
    });
  });

  it('the gateway’s own deadline still counts: a hanging Salesforce opens the breaker', async () => {
    await withGateway({ settings: { outageFailures: 2, outageProbeMs: 60_000, requestDeadlineMs: 300 } }, async (gw) => {
      await control(gw.emulators.url, 'PUT', 'faults', { latencyMs: 2_000 });
      for (let i = 0; i < 3; i++) await gw.graphql(LOOKUP, { phone: ADA });
      expect(gw.sf.health().outageCircuit).toBe('open');
    });
  });
});
