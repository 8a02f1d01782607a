/**
 * Embedded mode, for development only (loadConfig refuses it in production): with no org
 * configured, `npm start` starts the local Salesforce emulator (and its Pub/Sub API) and points
 * the gateway at its demo org. The emulator is a dev dependency, imported here alone: the
 * gateway's own modules never load it, and the build (dist/main.js) leaves it out.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '../app';
import { orgFileAt, type Config } from '../config';

export interface Embedded {
  appConfig: AppConfig;
  /** Stops the emulator (and its Pub/Sub API), last of all. */
  close(): Promise<void>;
  /** What to print about it. */
  banner: string[];
}

export interface EmbeddedOptions {
  /** Where delivery reports come back to. */
  publicBaseUrl: string | null;
  /** Whether SALESFORCE_SMS_OPT_IN_FIELD was set (even empty): the demo's SMS opt-in is named only when not. */
  smsOptInFieldSet: boolean;
}

/** Why embedded mode could not start: one plain line for the operator. */
export class EmbeddedError extends Error {}

/** Starts the emulator and returns the configuration that points the gateway at its demo org. */
export async function startEmbedded(config: Config, o: EmbeddedOptions): Promise<Embedded> {
  if (config.salesforce.mode !== 'embedded') throw new Error('startEmbedded: an org is configured');
  const emulator = await import('salesforce-emulator').catch(() => null);
  if (!emulator) {
    // The build and production installs have no emulator: it is a dev dependency shipped as TypeScript.
    throw new EmbeddedError(
      'no Salesforce org is configured and the local emulator is not available here (it runs with `npm start`); set SALESFORCE_CLIENT_ID, SALESFORCE_TOKEN_URL and the credentials of SALESFORCE_AUTH_FLOW.',
    );
  }
  const { startEmulators, startPubSub, DEMO_CREDENTIALS, DEMO_JWT_PRIVATE_KEY_FILE, DEMO_SMS } = emulator;
  const { emulatorPort: port, profile } = config.salesforce;
  const emulators = await startEmulators({ port, profile }).catch((e: NodeJS.ErrnoException) => {
    // The port and its variable named (a gateway left running holds it, say).
    throw new EmbeddedError(
      `the local Salesforce emulator cannot listen on 127.0.0.1:${port} (${e.code ?? e.message}): check EMULATOR_PORT, or stop what holds the port.`,
    );
  });
  // Its change events over the Pub/Sub API (TLS, self-signed), on a free port the gateway is told.
  // Keepalives every 5 s (Salesforce: about 270 s), so that the demo shows a healthy subscription soon.
  const pubsub = config.changeEvents ? await startPubSub(emulators.salesforce, { keepaliveMs: 5_000 }) : null;
  // A profile other than the demo org shows its shape: its example org file, unless one is named.
  const org = config.org ?? (profile === 'demo' ? null : orgFileAt(fileURLToPath(new URL(`../../docs/your-org/${profile}.json`, import.meta.url))));
  const appConfig: AppConfig = {
    ...config,
    org,
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
    changeEvents: pubsub ? { endpoint: pubsub.endpoint, verifyTls: false } : null,
    // The demo org records an SMS opt-in too: name it, so that "yes, text me" shows as OPTED_IN
    // (GraphiQL's example 6), unless the environment says otherwise.
    gateway: { ...config.gateway, smsOptInField: config.gateway.smsOptInField ?? (o.smsOptInFieldSet ? null : 'SMS_Opt_In__c') },
    // The emulator's SMS provider too, unless a real one is configured.
    messaging: {
      ...config.messaging,
      publicBaseUrl: o.publicBaseUrl,
      sms: config.messaging.sms ?? { baseUrl: emulators.url, accountSid: DEMO_SMS.accountSid, authToken: DEMO_SMS.authToken, from: DEMO_SMS.from },
    },
  };
  return {
    appConfig,
    close: async () => {
      await pubsub?.close();
      await emulators.close();
    },
    banner: [
      `Salesforce emulator: ${emulators.url}  (${profile} org; control API at ${emulators.url}/__emulator/stats)`,
      ...(pubsub ? [`Salesforce emulator change events (Pub/Sub API, gRPC over TLS): ${pubsub.endpoint}`] : []),
    ],
  };
}
