/**
 * The one entry point with side effects: config → embedded emulator when no org is configured →
 * the shared Salesforce connection → gateway → listen. Closes everything on SIGTERM/SIGINT.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig, type SalesforceCredentials } from './config';
import { createServices } from './context';
import { createGateway, securityFrom } from './gateway';
import { createLogger } from './logger';
import { TtlCache } from './salesforce/cache';
import { createSalesforceApi } from './salesforce/client';
import { createSalesforceConnection } from './salesforce/connection';
import type { Channels } from './messaging/channel';
import { createEmailChannel } from './messaging/email';
import { createSmsChannel } from './messaging/sms';

let config;
try {
  config = loadConfig(process.env);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

const logger = createLogger(config.logLevel);
const closers: (() => Promise<void>)[] = [];

let credentials: SalesforceCredentials;
let sms = config.messaging.sms;
if (config.salesforce.mode === 'embedded') {
  // Imported only here: the gateway itself never depends on the emulator.
  const { startEmulators, DEMO_CREDENTIALS, DEMO_JWT_PRIVATE_KEY_FILE, DEMO_SMS } = await import('salesforce-emulator');
  const { readFileSync } = await import('node:fs');
  const emulators = await startEmulators({ port: config.salesforce.emulatorPort });
  closers.push(() => emulators.close());
  credentials = {
    flow: config.salesforce.flow,
    clientId: DEMO_CREDENTIALS.clientId,
    clientSecret: DEMO_CREDENTIALS.clientSecret,
    username: DEMO_CREDENTIALS.username,
    password: DEMO_CREDENTIALS.password + DEMO_CREDENTIALS.securityToken,
    privateKey: readFileSync(DEMO_JWT_PRIVATE_KEY_FILE, 'utf8'),
    tokenUrl: `${emulators.url}/services/oauth2/token`,
    audience: 'https://login.salesforce.com',
  };
  // The emulator's SMS provider too, unless a real one is configured.
  sms ??= { baseUrl: emulators.url, accountSid: DEMO_SMS.accountSid, authToken: DEMO_SMS.authToken, from: DEMO_SMS.from };
  logger.info({ url: emulators.url }, 'no Salesforce org configured: started the local Salesforce emulator with its demo org');
  console.log(`Salesforce emulator: ${emulators.url}  (demo org; control API at ${emulators.url}/__emulator/stats)`);
} else {
  credentials = config.salesforce;
}

const connection = createSalesforceConnection({ apiVersion: config.salesforce.apiVersion, credentials });
await connection.login();
logger.info({ flow: credentials.flow, apiVersion: connection.apiVersion }, 'logged in to Salesforce');

const sf = createSalesforceApi(connection, {
  timeoutMs: config.gateway.salesforceTimeoutMs,
  maxAttempts: config.gateway.salesforceMaxAttempts,
  limitProbeMs: config.gateway.limitProbeMs,
});
// Delivery reports come back to this gateway; its public URL is configured, or where it listens.
const publicBaseUrl = config.messaging.publicBaseUrl ?? (config.server.port === 0 ? null : `http://${config.server.host}:${config.server.port}`);
const channels: Channels = { EMAIL: createEmailChannel(sf, config.messaging.emailSenderType) };
if (sms) channels.SMS = createSmsChannel({ ...sms, publicBaseUrl, timeoutMs: config.messaging.timeoutMs });
const services = createServices(sf, logger, config.gateway, new TtlCache(config.gateway.describeCacheTtlMs), channels);
const yoga = createGateway({ config, logger, services, security: securityFrom(config.security), smsWebhook: sms ? { authToken: sms.authToken, publicBaseUrl } : null });
const server = createServer(yoga);
await new Promise<void>((resolve) => server.listen(config.server.port, config.server.host, resolve));
const { address, port } = server.address() as AddressInfo;
const host = address.includes(':') ? `[${address}]` : address;
console.log(`Gateway: http://${host}:${port}/graphql`);
if (config.security.demoKeys) {
  console.log('Demo API keys (Authorization: Bearer <key>):');
  for (const k of config.security.apiKeys) console.log(`  ${k.role.padEnd(9)} ${k.key}`);
}

const shutdown = async () => {
  server.close();
  server.closeAllConnections();
  for (const close of closers) await close();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
