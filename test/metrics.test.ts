/** Prometheus /metrics: Yoga's series and ours, no personal data in labels. */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { DEMO_SMS, twilioSignature } from 'salesforce-emulator';
import { createApp } from '../src/app';
import { control } from './support/emulator';
import { testConfig, useTestGateway } from './support/gateway';

const gw = useTestGateway({ cache: { ttlMs: 60_000 } });

const metrics = async () => {
  const res = await gw.yoga.fetch('http://gateway.test/metrics');
  expect(res.status).toBe(200);
  return res.text();
};
const value = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}"=,.]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);

describe('/metrics', () => {
  it('needs no key, and reports operations, Salesforce calls by kind and status, usage, circuits and cache results', async () => {
    const lookup = '{ customersByPhone(phone: "+14155550134") { outcome bestMatch { customer { id name email } } } }';
    await gw.graphql(lookup);
    await gw.graphql(lookup);
    const text = await metrics();
    expect(text).toMatch(/^graphql_envelop_request_duration_bucket\{.*operationType="query".*\} \d+/m);
    expect(value(text, 'salesforce_calls_total{kind="query",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'salesforce_calls_total{kind="search",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'gateway_response_cache_total{result="hit"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'gateway_response_cache_total{result="miss"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'salesforce_api_usage{measure="limit"}')).toBe(100_000);
    expect(value(text, 'salesforce_circuit_state{circuit="outage"}')).toBe(0);
    expect(value(text, 'salesforce_logins_total{outcome="ok"}')).toBeGreaterThanOrEqual(1);
    // No phone number, email, name or Salesforce Id in any label.
    expect(text).not.toMatch(/4155550134|@|Lovelace|003[A-Za-z0-9]{12}/);
  });

  it('counts operations by outcome for the objectives, errors by code, and whether the shared state answers', async () => {
    const before = await metrics();
    const count = (text: string, series: string) => (Number.isNaN(value(text, series)) ? 0 : value(text, series));
    // A trusted document's operation, answered; one failed by Salesforce; one refused as wrong.
    const lookup = 'query CallerLookup { customersByPhone(phone: "+14155550134") { outcome } }';
    await gw.graphql(lookup);
    await control(gw.emulators.url, 'PUT', 'faults', { errorRate: 1 });
    const failed = await gw.graphql('{ customer(id: "0035g0000000009AAA") { name } }');
    await control(gw.emulators.url, 'DELETE', 'faults');
    expect(failed.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    await gw.graphql('{ customer(id: "nope") { name } }');
    const text = await metrics();
    const ok = 'gateway_operations_total{operationName="CallerLookup",role="agent",outcome="ok"}';
    expect(count(text, ok) - count(before, ok)).toBe(1);
    const failedSeries = 'gateway_operations_total{operationName="other",role="agent",outcome="failed"}';
    expect(count(text, failedSeries) - count(before, failedSeries)).toBe(1);
    const invalid = 'gateway_operations_total{operationName="other",role="agent",outcome="invalid"}';
    expect(count(text, invalid) - count(before, invalid)).toBe(1);
    expect(count(text, 'gateway_errors_total{code="UPSTREAM_UNAVAILABLE"}') - count(before, 'gateway_errors_total{code="UPSTREAM_UNAVAILABLE"}')).toBe(1);
    expect(count(text, 'gateway_errors_total{code="BAD_USER_INPUT"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'gateway_shared_state_up')).toBe(1);
  });

  it('counts retries, follow-ups by channel and status, and webhook reports', async () => {
    await control(gw.emulators.url, 'PUT', 'faults', { failNext: 1 });
    await gw.graphql(`{ customer(id: "${gw.ids.contacts.grace}") { name } }`);
    const sent = await gw.graphql<{ sendFollowUp: { followUp: { id: string } } }>(
      `mutation { sendFollowUp(input: { customerId: "${gw.ids.contacts.ada}", channel: SMS, body: "Hi", idempotencyKey: "metrics-1" }) { ... on SendFollowUpSuccess { followUp { id } } } }`,
    );
    const id = sent.data!.sendFollowUp.followUp.id;
    const url = `http://gateway.test/webhooks/sms/status?followUp=${id}`;
    const params = { MessageStatus: 'delivered', MessageSid: 'SM1' };
    await gw.yoga.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(DEMO_SMS.authToken, url, params) },
      body: new URLSearchParams(params).toString(),
    });
    await gw.yoga.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'forged' },
      body: new URLSearchParams(params).toString(),
    });
    const text = await metrics();
    expect(value(text, 'salesforce_retries_total{kind="query"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'salesforce_calls_total{kind="query",status="503"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'gateway_follow_ups_total{channel="SMS",status="SENT"}')).toBe(1);
    expect(value(text, 'gateway_follow_ups_total{channel="SMS",status="DELIVERED"}')).toBe(1);
    expect(value(text, 'gateway_webhook_reports_total{outcome="accepted"}')).toBe(1);
    expect(value(text, 'gateway_webhook_reports_total{outcome="refused"}')).toBe(1);
  });

  it('can be switched off', async () => {
    const off = await createApp({ ...testConfig(gw.emulators.url), metrics: { enabled: false, port: null } }, { logger: pino({ level: 'silent' }) });
    try {
      expect((await off.yoga.fetch('http://gateway.test/metrics')).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
