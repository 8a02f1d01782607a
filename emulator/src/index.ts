/**
 * The local emulators in one HTTP server: the Salesforce REST API (`/services/...`), the control
 * API (`/__emulator/...`) and a Twilio-compatible SMS provider (`/2010-04-01/...`). It imports
 * nothing from the gateway.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { selfSignedCertificate } from './tls';
import type { AddressInfo } from 'node:net';
import { handleControl } from './salesforce/control';
import { readBody, send } from './http';
import { SalesforceEmulator, type SalesforceEmulatorOptions } from './salesforce/server';
import { SmsEmulator } from './sms/server';
import { SfError } from './salesforce/errors';

export { DEMO_CREDENTIALS, DEMO_JWT_CERTIFICATE_FILE, DEMO_JWT_PRIVATE_KEY_FILE } from './salesforce/oauth';
export type { Faults } from './salesforce/server';
export { DEMO_SMS, twilioSignature } from './sms/server';

export interface EmulatorOptions extends SalesforceEmulatorOptions {
  /** The SMS account's auth token. @default DEMO_SMS.authToken */
  smsAuthToken?: string;
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /**
   * Serve the REST API (and OAuth, control, SMS) over https with a self-signed certificate made at
   * start, so that a production-mode gateway, which takes only https, can be tried locally.
   * `certificateFile`: where to write the certificate (PEM), e.g. for NODE_EXTRA_CA_CERTS.
   */
  tls?: boolean | { certificateFile?: string };
}

export interface RunningEmulators {
  /** e.g. `http://127.0.0.1:4010`: the org's instance URL and login URL alike. */
  url: string;
  port: number;
  salesforce: SalesforceEmulator;
  sms: SmsEmulator;
  /** The HTTP server, for tests that watch its connections. */
  server: Server;
  /** The certificate (PEM) with `tls`; null over plain http. */
  certificate: string | null;
  reset(): void;
  close(): Promise<void>;
}

export async function startEmulators(options: EmulatorOptions = {}): Promise<RunningEmulators> {
  const salesforce = new SalesforceEmulator(options);
  const sms = new SmsEmulator(options.smsAuthToken);
  let baseUrl = '';
  // Node refuses request lines and headers over 16 KiB itself (431); let the emulator apply
  // Salesforce's own rules (414 for a long URI) instead.
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    // Runs of slashes in the path count as one, as Salesforce's servers take them (clients that
    // join an instance URL ending in "/" with "/services/..." send "//services/...").
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = (q < 0 ? raw : raw.slice(0, q)).replace(/\/{2,}/g, '/');
    const url = new URL(path + (q < 0 ? '' : raw.slice(q)), baseUrl);
    const route = async () => {
      if (url.pathname.startsWith('/__emulator/')) return handleControl(req, res, url, salesforce, sms);
      if (url.pathname.startsWith('/2010-04-01/')) {
        if (await sms.handle(req, res, url, (await readBody(req)).toString('utf8'))) return;
      } else if (await salesforce.handle(req, res, url, baseUrl)) return;
      send(res, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }], { 'Content-Type': 'application/json;charset=UTF-8' });
    };
    const work = route();
    work.catch((e: unknown) => {
      const status = e instanceof SfError ? e.status : 500;
      const body = e instanceof SfError ? e.errors : [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred.' }];
      if (!(e instanceof SfError)) console.error('emulator error', e);
      send(res, status, body, { 'Content-Type': 'application/json;charset=UTF-8' });
    });
  };
  let certificate: string | null = null;
  let server: Server;
  if (options.tls) {
    const pems = await selfSignedCertificate();
    certificate = pems.cert;
    if (typeof options.tls === 'object' && options.tls.certificateFile) writeFileSync(options.tls.certificateFile, pems.cert);
    server = createTlsServer({ key: pems.key, cert: pems.cert, maxHeaderSize: 64 * 1024 }, handler) as unknown as Server;
  } else server = createServer({ maxHeaderSize: 64 * 1024 }, handler);
  // Keep-alive sockets must not hold the process open after close().
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  baseUrl = `${options.tls ? 'https' : 'http'}://${address.includes(':') ? `[${address}]` : address}:${port}`;
  return {
    url: baseUrl,
    port,
    salesforce,
    sms,
    server,
    certificate,
    reset: () => {
      salesforce.reset();
      sms.reset();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export { control, stats, type EmulatorStats } from './control-client';
export { createOrgSchema, type FieldDef, type ObjectDef } from './salesforce/schema';
export { SEED_COUNTS, type SeedFixtures } from './salesforce/seed';
export { LOYALTY_TIERS, ORG_PROFILES, PRODUCT_LINES, STRICT_RULE_MESSAGE, type OrgProfile, type ProfileFixtures } from './salesforce/profiles';
export { idChecksum, normaliseId } from './salesforce/ids';
export { NO_PUBSUB_FAULTS, startPubSub, type PubSubFaults, type PubSubOptions, type RunningPubSub } from './pubsub/server';
export { ALL_CHANGE_EVENTS, CDC_OBJECTS, GAP_TYPES, topicOf, type GapType } from './pubsub/change-events';
/** The emulator's seeded dice (mulberry32), for benchmarks that must see the same run every time. */
export { dice } from './salesforce/faults';
