/**
 * What operators are given stays true to what the gateway exports: every metric the Grafana
 * dashboard (ops/grafana) and the Prometheus rules (ops/prometheus) name is one /metrics serves,
 * and every alert has its runbook in docs/operations.md. promtool checks and unit-tests the rules
 * in .ci/run (Debian's prometheus package).
 */
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import type { RunningEmulators } from 'salesforce-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app';
import { testConfig } from './support/config';
import { startTestEmulator } from './support/emulator';

const ROOT = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');
/** Our metric names in a text (recorded series, `gateway:…`, are not metric names). */
const metricNames = (text: string) => new Set([...text.matchAll(/\b(?:graphql|gateway|salesforce|nodejs|process)_[a-z0-9_]+\b/g)].map((m) => m[0]));

let em: RunningEmulators;
let app: App;
let exported: Set<string>;
beforeAll(async () => {
  em = await startTestEmulator();
  // As main.ts makes it: with the process's own metrics.
  app = await createApp(testConfig(em.url), { logger: pino({ level: 'silent' }), processMetrics: true });
  // An operation, so that Yoga's own series exist as they do in production.
  await app.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
    body: JSON.stringify({ query: 'query CallerLookup { customersByPhone(phone: "+14155550134") { outcome } }' }),
  });
  const text = await (await app.yoga.fetch('http://gateway.test/metrics')).text();
  exported = new Set(
    [...text.matchAll(/^# TYPE (\S+) (\w+)$/gm)].flatMap(([, name, type]) =>
      type === 'histogram' ? [name!, `${name}_bucket`, `${name}_count`, `${name}_sum`] : [name!],
    ),
  );
});
afterAll(async () => {
  await app.close();
  await em.close();
});

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(read('ops/grafana/gateway-dashboard.json')) as { panels: { title: string; targets: { expr: string }[] }[] };

  it('shows what operators watch: latency, calls per voice call, budget, cache and freshness, the stream, errors', () => {
    const titles = dashboard.panels.map((p) => p.title).join(' | ');
    for (const what of ['latency', 'calls per voice call', 'budget', 'cache', 'freshness', 'stream', 'Errors by code']) expect(titles).toContain(what);
  });

  it('queries only metrics that /metrics exports', () => {
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
    expect(exprs.length).toBeGreaterThan(15);
    const unknown = exprs.flatMap((e) => [...metricNames(e)].filter((n) => !exported.has(n)).map((n) => `${n} in ${e}`));
    expect(unknown).toEqual([]);
  });
});

describe('the Prometheus rules', () => {
  const rules = read('ops/prometheus/gateway-rules.yml');

  it('name only metrics that /metrics exports', () => {
    const names = metricNames(rules);
    expect(names.size).toBeGreaterThan(8);
    expect([...names].filter((n) => !exported.has(n))).toEqual([]);
  });

  it('give every alert a runbook section in docs/operations.md', () => {
    const alerts = [...rules.matchAll(/- alert: (\w+)/g)].map((m) => m[1]!);
    const runbooks = [...rules.matchAll(/runbook_url: docs\/operations\.md#([\w-]+)/g)].map((m) => m[1]!);
    expect(alerts.length).toBeGreaterThanOrEqual(10);
    expect(runbooks.length).toBe(alerts.length);
    const headings = read('docs/operations.md')
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .map((l) => l.replace(/^#+\s*/, '').toLowerCase());
    expect(runbooks.filter((r) => !headings.includes(r))).toEqual([]);
  });
});
