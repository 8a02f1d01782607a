/**
 * The "voice call" run of `npm run bench`: one whole PolyAI call as the kit makes it
 * (caller lookup, createCase, updateCase, recordConsent, an SMS, logCall), with the Salesforce
 * calls of each step counted by the emulator. Cold: a fresh gateway (describe not yet cached);
 * warm: the next call on the same gateway. The naive baseline is the same gateway with batching
 * and the compiled caller context off. It ends with the voice calls one org's allowance carries.
 */
import { pino } from 'pino';
import { startEmulators } from 'salesforce-emulator';
import { createApp, type App } from '../src/app';
import { testConfig } from '../test/support/config';
import { VOICE_CALL_STEPS as STEPS, wholeVoiceCall, type VoiceCallStep as Step } from '../test/support/voice-call';

export async function runVoiceCall(): Promise<void> {
  const emulators = await startEmulators({ port: 0 });
  const stats = async () => ((await (await fetch(`${emulators.url}/__emulator/stats`)).json()) as { apiRequests: number }).apiRequests;
  const logger = pino({ level: 'silent' });
  const config = testConfig(emulators.url, { cache: { ttlMs: 60_000 } });
  const ada = emulators.salesforce.fixtures.contacts.ada;

  async function wholeCall(app: App, tag: string): Promise<Record<Step, number>> {
    const counts = {} as Record<Step, number>;
    await wholeVoiceCall(
      async (name, document, variables) => {
        const before = await stats();
        const res = await app.yoga.fetch('http://bench/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
          body: JSON.stringify({ query: document, variables }),
        });
        const body = (await res.json()) as { data?: Record<string, Record<string, unknown>>; errors?: unknown[] };
        if (body.errors) throw new Error(`${name} failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
        counts[name] = (await stats()) - before;
        return Object.values(body.data!)[0]!;
      },
      ada,
      tag,
    );
    return counts;
  }

  const gateway = await createApp(config, { logger });
  const cold = await wholeCall(gateway, 'cold');
  const warm = await wholeCall(gateway, 'warm');
  const baselineApp = await createApp(config, { logger, batch: false });
  await wholeCall(baselineApp, 'baseline-cold');
  const baseline = await wholeCall(baselineApp, 'baseline-warm');
  const total = (c: Record<Step, number>) => STEPS.reduce((n, s) => n + c[s], 0);

  console.log('\nVoice call: Salesforce API calls per step (counted by the emulator)\n');
  console.log('| step | gateway cold | gateway warm | naive baseline (warm) |');
  console.log('|---|---:|---:|---:|');
  for (const s of STEPS) console.log(`| ${s} | ${cold[s]} | ${warm[s]} | ${baseline[s]} |`);
  console.log(`| **whole call** | **${total(cold)}** | **${total(warm)}** | **${total(baseline)}** |`);
  const perAllowance = Math.floor(100_000 / total(warm));
  console.log(
    `\nVoice calls per 100,000 API calls: ${perAllowance.toLocaleString('en-US')} (warm), against ${Math.floor(100_000 / total(baseline)).toLocaleString('en-US')} for the baseline (${(total(baseline) / total(warm)).toFixed(2)}x the calls).`,
  );
  console.log(
    `An Enterprise org with 150 licences (100,000 + 150 × 1,000 = 250,000 calls a day) carries ${Math.floor(250_000 / total(warm)).toLocaleString('en-US')} voice calls a day, if nothing else spent its allowance.`,
  );

  await gateway.close();
  await baselineApp.close();
  await emulators.close();
}
