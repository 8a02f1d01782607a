/**
 * The process: env → loadConfig → (outside production, with no org configured: the embedded
 * emulator) → createApp → listen. Closes everything on SIGTERM/SIGINT. The only module that reads
 * `process.env`.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createApp, type AppConfig } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { createHttpServer } from './http/server';
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

const logger = createLogger(config.logLevel);
const closers: (() => Promise<void>)[] = [];

/** Delivery reports come back to this gateway: its public URL, or where it listens. */
const publicBaseUrl = config.messaging.publicBaseUrl ?? (config.server.port === 0 ? null : `http://${config.server.host}:${config.server.port}`);

let appConfig: AppConfig;
if (config.salesforce.mode === 'embedded') {
  // Development only (loadConfig refuses embedded mode in production). The emulator is a dev
  // dependency, imported here alone: the gateway's own modules never load it.
  const { startEmulators, DEMO_CREDENTIALS, DEMO_JWT_PRIVATE_KEY_FILE, DEMO_SMS } = await import('salesforce-emulator');
  const emulators = await startEmulators({ port: config.salesforce.emulatorPort });
  closers.push(() => emulators.close());
  appConfig = {
    ...config,
    salesforce: {
      mode: 'org',
      apiVersion: config.salesforce.apiVersion,
      flow: config.salesforce.flow,
      clientId: DEMO_CREDENTIALS.clientId,
      clientSecret: DEMO_CREDENTIALS.clientSecret,
      username: DEMO_CREDENTIALS.username,
      password: DEMO_CREDENTIALS.password + DEMO_CREDENTIALS.securityToken,
      privateKey: readFileSync(DEMO_JWT_PRIVATE_KEY_FILE, 'utf8'),
      tokenUrl: `${emulators.url}/services/oauth2/token`,
      audience: 'https://login.salesforce.com',
    },
    // The emulator's SMS provider too, unless a real one is configured.
    messaging: {
      ...config.messaging,
      publicBaseUrl,
      sms: config.messaging.sms ?? { baseUrl: emulators.url, accountSid: DEMO_SMS.accountSid, authToken: DEMO_SMS.authToken, from: DEMO_SMS.from },
    },
  };
  logger.info({ url: emulators.url }, 'no Salesforce org configured: started the local Salesforce emulator with its demo org');
  console.log(`Salesforce emulator: ${emulators.url}  (demo org; control API at ${emulators.url}/__emulator/stats)`);
} else {
  appConfig = { ...config, salesforce: config.salesforce, messaging: { ...config.messaging, publicBaseUrl } };
}

const app = await createApp(appConfig, { logger });
closers.unshift(() => app.close());
const server = createHttpServer(app.yoga, config.server);
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
