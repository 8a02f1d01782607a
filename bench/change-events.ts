/**
 * The "change events" run of `npm run bench`: a simulated day of repeat callers, the
 * same lookups through a gateway kept fresh by change events and through one on its TTL alone,
 * with Salesforce calls counted by the emulator. Time is compressed: the short TTL is 200 ms and
 * callers come back 300 ms apart, as real callers come back hours after the 60 s TTL; one call
 * in five is followed by a change to that customer made straight through Salesforce.
 */
import { pino } from 'pino';
import { dice, startEmulators, startPubSub } from 'salesforce-emulator';
import { createApp, type App } from '../src/app';
import { testConfig } from '../test/support/config';

const ROUNDS = Number(process.env.BENCH_DAY_ROUNDS ?? 6);
const CALLERS = 12;

export async function runChangeEvents(): Promise<void> {
  const emulators = await startEmulators({ port: 0 });
  const pubsub = await startPubSub(emulators.salesforce, { keepaliveMs: 100 });
  const stats = async () => ((await (await fetch(`${emulators.url}/__emulator/stats`)).json()) as { apiRequests: number }).apiRequests;
  const logger = pino({ level: 'silent' });
  const cache = { ttlMs: 200, eventsTtlMs: 3_600_000, staleTtlMs: 0 };
  const withEvents = await createApp(testConfig(emulators.url, { cache, changeEvents: { endpoint: pubsub.endpoint, verifyTls: false } }), {
    logger,
    changeEvents: { keepaliveGraceMs: 1_000 },
  });
  const ttlOnly = await createApp(testConfig(emulators.url, { cache }), { logger });
  for (let i = 0; i < 100 && !withEvents.changeEvents!.healthy(); i++) await new Promise((r) => setTimeout(r, 50));

  // The callers: customers with a mobile number, as the seed has them.
  const contacts = (
    await withEvents.connection.conn.query<{ Id: string; MobilePhone: string }>(
      `SELECT Id, MobilePhone FROM Contact WHERE MobilePhone != null ORDER BY Id LIMIT ${CALLERS}`,
    )
  ).records;
  const lookup = (app: App, phone: string) =>
    app.yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
      body: JSON.stringify({
        query: 'query($p: String!) { customersByPhone(phone: $p) { outcome bestMatch { customer { name cases(first: 3) { edges { node { status } } } } } } }',
        variables: { p: phone },
      }),
    });

  async function day(app: App): Promise<{ calls: number; lookups: number }> {
    const roll = dice(2026);
    const before = await stats();
    let lookups = 0;
    let changes = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of contacts) {
        await (await lookup(app, c.MobilePhone)).json();
        lookups++;
        if (roll() < 0.2) {
          // Another integration changes the customer; its own calls are not the gateway's.
          await withEvents.connection.conn.sobject('Contact').update({ Id: c.Id, Description: `Changed ${++changes}` });
        }
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    // The other integration's updates are counted by the emulator too: take them out.
    return { calls: (await stats()) - before - changes, lookups };
  }

  const events = await day(withEvents);
  const ttl = await day(ttlOnly);
  console.log('\nChange events: a simulated day of repeat callers (Salesforce API calls, counted by the emulator)\n');
  console.log('| gateway | lookups | Salesforce calls | calls per lookup |');
  console.log('|---|---:|---:|---:|');
  console.log(`| kept fresh by change events | ${events.lookups} | ${events.calls} | ${(events.calls / events.lookups).toFixed(2)} |`);
  console.log(`| TTL only | ${ttl.lookups} | ${ttl.calls} | ${(ttl.calls / ttl.lookups).toFixed(2)} |`);
  console.log(
    `\nCalls saved by change events: ${ttl.calls - events.calls} of ${ttl.calls} (${((1 - events.calls / ttl.calls) * 100).toFixed(0)}%); ${(ttl.calls / Math.max(1, events.calls)).toFixed(1)}x fewer calls.`,
  );

  await withEvents.close();
  await ttlOnly.close();
  await pubsub.close();
  await emulators.close();
}
