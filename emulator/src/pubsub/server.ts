/**
 * The emulated org's Pub/Sub API: gRPC service `eventbus.v1.PubSub` from Salesforce's public proto
 * (forcedotcom/pub-sub-api `pubsub_api.proto`, as the Node client package ships it), over TLS with
 * a self-signed certificate made at start, with Salesforce's auth metadata (`accesstoken`,
 * `instanceurl`, `tenantid`). It serves Change Data Capture: `GetTopic`, `GetSchema`, and
 * `Subscribe` with LATEST, EARLIEST and CUSTOM replay, 8-byte replay ids, flow control by
 * `num_requested`, and empty keepalive `FetchResponse`s while nothing happens.
 *
 * Where Salesforce's own wording is unknown, the status codes follow gRPC's conventions and the
 * messages are marked [unverified] (Pub/Sub API docs, "Handle Errors").
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import avro, { type Type as AvroType } from 'avro-js';
import { selfSignedCertificate } from '../tls';
import type { SalesforceEmulator } from '../salesforce/server';
import type { ObjectDef } from '../salesforce/schema';
import { ALL_CHANGE_EVENTS, CDC_OBJECTS, GAP_TYPES, changeEventSchema, changeEventsOf, topicOf, type ChangeEvent, type GapType } from './change-events';

const require = createRequire(import.meta.url);
/** The public proto, from the client package that ships it (its root, beside package.json). */
const PROTO = join(dirname(require.resolve('salesforce-pubsub-api-client')), '..', 'pubsub_api.proto');

export interface PubSubOptions {
  /** @default 0 (any free port) */
  port?: number;
  /**
   * Where to listen; `localhost` binds its every address (127.0.0.1 and ::1), and clients connect
   * by that name, which the certificate carries (an IP address as the TLS server name draws a
   * deprecation warning from Node). @default 'localhost'
   */
  host?: string;
  /** An empty FetchResponse this often while a subscription waits (Salesforce: about 270 s). @default 270_000 */
  keepaliveMs?: number;
  /** Events kept for replay (Salesforce keeps 72 hours). @default 10_000 */
  retained?: number;
}

/** Switches for tests: a broken stream, events held back, gap events. */
export interface PubSubFaults {
  /** Open streams end with UNAVAILABLE, and new ones are refused. */
  broken: boolean;
  /** Events reach subscribers this much later. */
  delayMs: number;
  /**
   * The next transactions' events go out as gap events of this kind (`GAP_UPDATE` and the like
   * become `GAP_<the real change>`, whatever kind is named; `GAP_OVERFLOW` stays itself), with the
   * header only, as Salesforce sends them when it could not build the event.
   */
  gap: GapType | null;
}

export const NO_PUBSUB_FAULTS: PubSubFaults = { broken: false, delayMs: 0, gap: null };
export { GAP_TYPES };

export interface RunningPubSub {
  /** `host:port`, as a Pub/Sub client takes it (Salesforce: api.pubsub.salesforce.com:7443). */
  endpoint: string;
  port: number;
  /** The server certificate (PEM), for clients that check it. */
  certificate: string;
  faults: PubSubFaults;
  setFaults(f: Partial<PubSubFaults>): PubSubFaults;
  /** Events published so far, by topic. */
  published(): number;
  close(): Promise<void>;
}

interface Logged {
  replayId: bigint;
  event: ChangeEvent;
}

const replayIdBytes = (id: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(id);
  return b;
};

export async function startPubSub(sf: SalesforceEmulator, o: PubSubOptions = {}): Promise<RunningPubSub> {
  const definition = protoLoader.loadSync(PROTO, { keepCase: true });
  const service = (grpc.loadPackageDefinition(definition) as unknown as { eventbus: { v1: { PubSub: { service: grpc.ServiceDefinition } } } }).eventbus.v1
    .PubSub.service;
  const host = o.host ?? 'localhost';
  const keepaliveMs = o.keepaliveMs ?? 270_000;
  const retained = o.retained ?? 10_000;
  const pems = await selfSignedCertificate();

  const objects = new Map<string, { def: ObjectDef; type: AvroType; schemaId: string; schema: string }>();
  for (const name of CDC_OBJECTS) {
    const def = sf.schema.object(name);
    if (!def) continue;
    const schema = JSON.stringify(changeEventSchema(def));
    objects.set(name, { def, type: avro.parse(schema), schemaId: `${name}-${randomUUID().slice(0, 8)}`, schema });
  }
  const schemas = new Map([...objects.values()].map((x) => [x.schemaId, x.schema]));
  const topics = new Map<string, string | null>([
    ...[...objects.entries()].map(([name, x]) => [topicOf(name), x.schemaId] as const),
    [ALL_CHANGE_EVENTS, null],
  ]);

  const log: Logged[] = [];
  let lastReplayId = 0n;
  let commitNumber = 0;
  const faults: PubSubFaults = { ...NO_PUBSUB_FAULTS };
  sf.cdcObjects = CDC_OBJECTS;
  const listeners = new Set<() => void>();
  const streams = new Set<grpc.ServerDuplexStream<unknown, unknown>>();

  const unsubscribe = sf.store.onCommit((t) => {
    const transactionKey = randomUUID();
    commitNumber++;
    const events = changeEventsOf(t, objects, {
      transactionKey,
      commitNumber,
      commitUser: sf.fixtures.integrationUserId,
      id: randomUUID,
      enriched: sf.enrichment.byObject(),
      gap: faults.gap,
    });
    const add = () => {
      for (const event of events) {
        log.push({ replayId: ++lastReplayId, event });
        if (log.length > retained) log.shift();
      }
      for (const l of listeners) l();
    };
    if (events.length === 0) return;
    if (faults.delayMs > 0) setTimeout(add, faults.delayMs).unref();
    else add();
  });

  /** The auth metadata of a call, checked as Salesforce checks it; null when it passes. */
  function refused(metadata: grpc.Metadata): grpc.ServiceError | null {
    const [token] = metadata.get('accesstoken');
    const [tenant] = metadata.get('tenantid');
    const [instance] = metadata.get('instanceurl');
    if (typeof token !== 'string' || sf.oauth.check(`Bearer ${token}`) !== 'ok' || !instance) {
      return status(
        grpc.status.UNAUTHENTICATED,
        'sfdc.platform.eventbus.grpc.service.auth.error: the access token or instance URL is not valid [unverified wording]',
      );
    }
    // The org's Id in either length: the maintained Node client sends the token's 15-character one.
    if (typeof tenant !== 'string' || (tenant !== sf.fixtures.organizationId && tenant !== sf.fixtures.organizationId.slice(0, 15))) {
      return status(grpc.status.PERMISSION_DENIED, 'sfdc.platform.eventbus.grpc.service.auth.error: the tenant id is not this org [unverified wording]');
    }
    return null;
  }

  const server = new grpc.Server();
  server.addService(service, {
    GetTopic(call: grpc.ServerUnaryCall<{ topic_name: string }, unknown>, callback: grpc.sendUnaryData<unknown>) {
      const denied = refused(call.metadata);
      if (denied) return callback(denied);
      const name = call.request.topic_name;
      if (!topics.has(name))
        return callback(status(grpc.status.NOT_FOUND, `sfdc.platform.eventbus.grpc.service.topicname.invalid: no topic ${name} [unverified wording]`));
      callback(null, {
        topic_name: name,
        tenant_guid: sf.fixtures.organizationId,
        can_publish: false,
        can_subscribe: true,
        schema_id: topics.get(name) ?? '',
        rpc_id: randomUUID(),
      });
    },
    GetSchema(call: grpc.ServerUnaryCall<{ schema_id: string }, unknown>, callback: grpc.sendUnaryData<unknown>) {
      const denied = refused(call.metadata);
      if (denied) return callback(denied);
      const schema = schemas.get(call.request.schema_id);
      if (!schema)
        return callback(status(grpc.status.NOT_FOUND, `sfdc.platform.eventbus.grpc.schema.notfound: ${call.request.schema_id} [unverified wording]`));
      callback(null, { schema_json: schema, schema_id: call.request.schema_id, rpc_id: randomUUID() });
    },
    Subscribe(call: grpc.ServerDuplexStream<{ topic_name: string; replay_preset: string | number; replay_id: Buffer; num_requested: number }, unknown>) {
      const denied = refused(call.metadata);
      if (denied || faults.broken) {
        call.emit('error', denied ?? status(grpc.status.UNAVAILABLE, 'the event bus is unavailable'));
        return;
      }
      streams.add(call);
      let topic: string | null = null;
      let credits = 0;
      // The last replay id delivered (or the position to start after).
      let position = 0n;
      let timer: NodeJS.Timeout | undefined;
      const forTopic = (e: ChangeEvent) => topic === ALL_CHANGE_EVENTS || e.topic === topic;
      const send = (entries: Logged[]) => {
        const latest = entries.at(-1)?.replayId ?? lastReplayId;
        call.write({
          events: entries.map((l) => ({
            event: { id: l.event.id, schema_id: l.event.schemaId, payload: l.event.payload, headers: [] },
            replay_id: replayIdBytes(l.replayId),
          })),
          latest_replay_id: replayIdBytes(latest),
          rpc_id: randomUUID(),
          pending_num_requested: credits,
        });
      };
      const keepalive = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          if (credits > 0) send([]);
          keepalive();
        }, keepaliveMs);
        timer.unref();
      };
      const pump = () => {
        if (!topic || credits <= 0) return;
        const due = log.filter((l) => l.replayId > position && forTopic(l.event)).slice(0, credits);
        if (due.length === 0) {
          position = lastReplayId;
          return;
        }
        credits -= due.length;
        position = due.at(-1)!.replayId;
        send(due);
        keepalive();
      };
      listeners.add(pump);
      const end = () => {
        clearTimeout(timer);
        listeners.delete(pump);
        streams.delete(call);
      };
      call.on('data', (request) => {
        if (topic === null) {
          if (!topics.has(request.topic_name)) {
            end();
            call.emit(
              'error',
              status(grpc.status.NOT_FOUND, `sfdc.platform.eventbus.grpc.service.topicname.invalid: no topic ${request.topic_name} [unverified wording]`),
            );
            return;
          }
          const preset = String(request.replay_preset);
          if (preset === 'CUSTOM' || preset === '2') {
            const bytes = request.replay_id;
            const asked = bytes && bytes.length === 8 ? bytes.readBigUInt64BE() : -1n;
            // A replay id this org never gave, or one past the retention window, is refused.
            const oldest = log[0]?.replayId ?? lastReplayId + 1n;
            if (asked < 0n || asked > lastReplayId || asked < oldest - 1n) {
              end();
              // Salesforce ends the stream with INVALID_ARGUMENT and says why in the `error-code`
              // trailer (Pub/Sub API docs, "Handle Errors"); the message text is [unverified].
              call.emit(
                'error',
                status(
                  grpc.status.INVALID_ARGUMENT,
                  'sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted: the replay id is not valid [unverified wording]',
                  'sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted',
                ),
              );
              return;
            }
            position = asked;
          } else if (preset === 'EARLIEST' || preset === '1') position = (log[0]?.replayId ?? lastReplayId + 1n) - 1n;
          else position = lastReplayId;
          topic = request.topic_name;
        }
        credits += Math.max(0, request.num_requested ?? 0);
        pump();
        keepalive();
      });
      call.on('end', () => {
        end();
        call.end();
      });
      call.on('cancelled', end);
      call.on('error', end);
    },
    Publish(_call: unknown, callback: grpc.sendUnaryData<unknown>) {
      callback(status(grpc.status.UNIMPLEMENTED, 'change events are published by the org, not by clients'));
    },
  });

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      `${host.includes(':') ? `[${host}]` : host}:${o.port ?? 0}`,
      grpc.ServerCredentials.createSsl(null, [{ private_key: Buffer.from(pems.key), cert_chain: Buffer.from(pems.cert) }], false),
      (e, p) => (e ? reject(e) : resolve(p)),
    ),
  );

  const running: RunningPubSub = {
    endpoint: `${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    certificate: pems.cert,
    faults,
    setFaults(f) {
      Object.assign(faults, NO_PUBSUB_FAULTS, f);
      if (faults.broken) {
        for (const s of streams) s.emit('error', status(grpc.status.UNAVAILABLE, 'the event bus is unavailable'));
        streams.clear();
      }
      return { ...faults };
    },
    published: () => Number(lastReplayId),
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        if (sf.pubsub === running) sf.pubsub = null;
        for (const s of streams) s.end();
        server.tryShutdown(() => resolve());
        setTimeout(() => server.forceShutdown(), 1_000).unref();
      }),
  };
  // `PUT /__emulator/pubsub/faults` reaches this server.
  sf.pubsub = running;
  return running;
}

/** A gRPC error with Salesforce's trailers: `rpc-id` always, `error-code` when one is given. */
function status(code: grpc.status, details: string, errorCode?: string): grpc.ServiceError {
  const metadata = new grpc.Metadata();
  metadata.set('rpc-id', randomUUID());
  if (errorCode) metadata.set('error-code', errorCode);
  return Object.assign(new Error(details), { code, details, metadata });
}
