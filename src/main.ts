/**
 * The process: env → loadConfig → (outside production, with no org configured: the embedded
 * emulator, src/dev/embedded.ts) → createApp → listen. Closes everything on SIGTERM/SIGINT. The
 * only module that reads `process.env`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppConfig } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { EmbeddedError, startEmbedded } from './dev/embedded';
import { createHttpServer } from './http/server';
import { pino } from 'pino';
import { createLogger } from './logger';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

/** With `--print-schema`, stdout carries the schema alone: the banner and the logs go to stderr. */
const printing = process.argv.includes('--print-schema');
const logger = printing ? createLogger(config.logLevel, pino.destination(2)) : createLogger(config.logLevel);
const say = printing ? console.error : console.log;
const closers: (() => Promise<void>)[] = [];

/** Delivery reports come back to this gateway: its public URL, or where it listens. */
const publicBaseUrl = config.messaging.publicBaseUrl ?? (config.server.port === 0 ? null : `http://${config.server.host}:${config.server.port}`);

let appConfig: AppConfig;
if (config.salesforce.mode === 'embedded') {
  const smsOptInFieldSet = process.env.SALESFORCE_SMS_OPT_IN_FIELD !== undefined;
  const embedded = await startEmbedded(config, { publicBaseUrl, smsOptInFieldSet }).catch((e: unknown) => {
    console.error(`Start-up failed: ${e instanceof EmbeddedError ? e.message : String(e)}`);
    process.exit(1);
  });
  closers.push(embedded.close);
  appConfig = embedded.appConfig;
  logger.info('no Salesforce org configured: started the local Salesforce emulator with its demo org');
  for (const line of embedded.banner) say(line);
} else {
  appConfig = { ...config, salesforce: config.salesforce, messaging: { ...config.messaging, publicBaseUrl } };
}

/** A start-up failure: plain lines naming what to check, no stack trace, exit 1. */
async function fail(message: string): Promise<never> {
  console.error(`Start-up failed: ${message}`);
  for (const close of closers) await close().catch(() => undefined);
  process.exit(1);
}

let app: Awaited<ReturnType<typeof createApp>>;
try {
  app = await createApp(appConfig, { logger, processMetrics: true });
} catch (e) {
  // The login and the shared store say what failed, name the variable, and echo no credential.
  app = await fail(e instanceof Error ? e.message : String(e));
}
closers.unshift(() => app.close());
// `--print-schema`: this deployment's schema (the base one with the org file's fields), then exit.
if (printing) {
  process.stdout.write(`${app.printSchema()}\n`);
  for (const close of closers) await close().catch(() => undefined);
  process.exit(0);
}
const server = createHttpServer(app.yoga, config.server);
await new Promise<void>((resolve, reject) => {
  server.once('error', reject);
  server.listen(config.server.port, config.server.host, resolve);
}).catch((e: NodeJS.ErrnoException) =>
  fail(`the gateway cannot listen on ${config.server.host}:${config.server.port} (${e.code ?? e.message}): check HOST and PORT, or stop what holds the port.`),
);
if (config.metrics.enabled && config.metrics.port !== null) {
  // /metrics bound apart, for a scraper on another network than the callers'.
  const metricsServer = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    app.metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': app.metrics.registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    metricsServer.once('error', reject);
    metricsServer.listen(config.metrics.port!, config.server.host, resolve);
  }).catch((e: NodeJS.ErrnoException) =>
    fail(`/metrics cannot listen on ${config.server.host}:${config.metrics.port} (${e.code ?? e.message}): check METRICS_PORT.`),
  );
  closers.unshift(() => new Promise<void>((resolve) => metricsServer.close(() => resolve())));
  console.log(`Metrics: http://${config.server.host}:${(metricsServer.address() as AddressInfo).port}/metrics`);
}
/**
 * SIGTERM: stop accepting, let the requests in flight finish (writes included) for up to
 * SHUTDOWN_GRACE_MS, then close what is left, Redis and the emulator, and exit 0.
 */
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  logger.info({ graceMs: config.shutdownGraceMs }, 'shutting down: draining requests in flight');
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  // Open subscriptions complete now: their clients reconnect elsewhere, and their sockets free.
  await app.subscriptions.end();
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
  await drained;
  clearTimeout(timer);
  for (const close of closers) await close().catch(() => undefined);
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());

// Printed once the handlers above are in place: whoever waits for this line may send SIGTERM.
const { address, port } = server.address() as AddressInfo;
const host = address.includes(':') ? `[${address}]` : address;
console.log(`Gateway: http://${host}:${port}/graphql`);
if (config.security.demoKeys) {
  console.log('Demo API keys (Authorization: Bearer <key>):');
  for (const k of config.security.apiKeys) console.log(`  ${k.role.padEnd(9)} ${k.key}`);
}
