/**
 * `npm run emulator`: the local Salesforce emulator alone: REST on EMULATOR_PORT (default 4010),
 * its Pub/Sub API (change events, gRPC over TLS) on EMULATOR_PUBSUB_PORT (default 4011).
 */
import { DEMO_CREDENTIALS, ORG_PROFILES, startEmulators, startPubSub, type OrgProfile } from './index';

const port = Number(process.env.EMULATOR_PORT ?? 4010);
// EMULATOR_JSFORCE_TEST_OBJECTS=true loads jsforce's test package objects (README, "Other clients").
// EMULATOR_TLS_CERT_FILE=path serves https with a self-signed certificate written there (README, "TLS").
const certificateFile = process.env.EMULATOR_TLS_CERT_FILE;
// EMULATOR_ORG_PROFILE=demo|b2c|strict picks the org's shape (README, "Org profiles").
const profile = (process.env.EMULATOR_ORG_PROFILE ?? 'demo') as OrgProfile;
if (!ORG_PROFILES.includes(profile)) {
  console.error(`EMULATOR_ORG_PROFILE must be one of ${ORG_PROFILES.join(', ')}.`);
  process.exit(1);
}
const emulators = await startEmulators({
  port,
  host: process.env.EMULATOR_HOST ?? '127.0.0.1',
  jsforceTestObjects: process.env.EMULATOR_JSFORCE_TEST_OBJECTS === 'true',
  profile,
  ...(certificateFile ? { tls: { certificateFile } } : {}),
});
const pubsub = await startPubSub(emulators.salesforce, { port: Number(process.env.EMULATOR_PUBSUB_PORT ?? 4011) });
console.log(`Salesforce emulator listening on ${emulators.url} (org profile: ${profile})`);
console.log(`  Pub/Sub API: ${pubsub.endpoint} (change events; TLS with a self-signed certificate)`);
console.log(`  token URL:   ${emulators.url}/services/oauth2/token`);
console.log(`  credentials: client id ${DEMO_CREDENTIALS.clientId}, username ${DEMO_CREDENTIALS.username}`);
console.log(`  control API: ${emulators.url}/__emulator/stats`);
if (certificateFile) console.log(`  certificate: ${certificateFile} (trust it with NODE_EXTRA_CA_CERTS)`);
const stop = () =>
  void pubsub
    .close()
    .then(() => emulators.close())
    .then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
