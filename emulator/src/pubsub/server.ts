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

/** The org's change events in commit order, each with its replay id, the newest `retained` kept for replay. */
class EventLog {
  readonly entries: Logged[] = [];
  last = 0n;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly retained: number) {}

  append(events: readonly ChangeEvent[]): void {
    for (const event of events) {
      this.entries.push({ replayId: ++this.last, event });
      if (this.entries.length > this.retained) this.entries.shift();
    }
    for (const l of this.listeners) l();
  }

  /** The replay id before the oldest one kept (where EARLIEST starts). */
  get beforeOldest(): bigint {
    return (this.entries[0]?.replayId ?? this.last + 1n) - 1n;
  }

  /** Runs `listener` after each append; returns how to stop. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

interface Topics {
  /** CDC objects with their Avro type and schema. */
  objects: Map<string, { def: ObjectDef; type: AvroType; schemaId: string; schema: string }>;
  schemas: Map<string, string>;
  /** Topic name → schema id (null for the all-events channel). */
  topics: Map<string, string | null>;
}

/** The org's change-event channels: one per CDC object, and the channel of all of them. */
function topicsOf(sf: SalesforceEmulator): Topics {
  const objects: Topics['objects'] = new Map();
  for (const name of CDC_OBJECTS) {
    const def = sf.schema.object(name);
    if (!def) continue;
    const schema = JSON.stringify(changeEventSchema(def));
    objects.set(name, { def, type: avro.parse(schema), schemaId: `${name}-${randomUUID().slice(0, 8)}`, schema });
  }
  return {
    objects,
    schemas: new Map([...objects.values()].map((x) => [x.schemaId, x.schema])),
    topics: new Map<string, string | null>([...[...objects.entries()].map(([name, x]) => [topicOf(name), x.schemaId] as const), [ALL_CHANGE_EVENTS, null]]),
  };
}

/** The auth metadata of a call, checked as Salesforce checks it; null when it passes. */
function refused(sf: SalesforceEmulator, metadata: grpc.Metadata): grpc.ServiceError | null {
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

const noTopic = (name: string) => status(grpc.status.NOT_FOUND, `sfdc.platform.eventbus.grpc.service.topicname.invalid: no topic ${name} [unverified wording]`);

interface FetchRequest {
  topic_name: string;
  replay_preset: string | number;
  replay_id: Buffer;
  num_requested: number;
}

/**
 * Where a subscription starts: after the replay id it names (CUSTOM), before the oldest kept
 * (EARLIEST) or at the newest (LATEST); null for a replay id this org never gave or no longer keeps.
 */
function startOf(request: FetchRequest, log: EventLog): bigint | null {
  const preset = String(request.replay_preset);
  if (preset === 'CUSTOM' || preset === '2') {
    const bytes = request.replay_id;
    const asked = bytes && bytes.length === 8 ? bytes.readBigUInt64BE() : -1n;
    return asked < 0n || asked > log.last || asked < log.beforeOldest ? null : asked;
  }
  return preset === 'EARLIEST' || preset === '1' ? log.beforeOldest : log.last;
}

interface Served {
  log: EventLog;
  topics: Topics;
  keepaliveMs: number;
  /** Open streams, for the `broken` fault and for close. */
  streams: Set<grpc.ServerDuplexStream<unknown, unknown>>;
}

/**
 * One `Subscribe` stream: the first request names the topic and where to start; each request adds
 * credits (`num_requested`); events go out as credits allow, and an empty FetchResponse every
 * `keepaliveMs` while nothing does.
 */
function serveSubscription(call: grpc.ServerDuplexStream<FetchRequest, unknown>, { log, topics, keepaliveMs, streams }: Served): void {
  streams.add(call);
  let topic: string | null = null;
  let credits = 0;
  // The last replay id delivered (or the position to start after).
  let position = 0n;
  let timer: NodeJS.Timeout | undefined;
  const forTopic = (e: ChangeEvent) => topic === ALL_CHANGE_EVENTS || e.topic === topic;
  const send = (entries: Logged[]) => {
    const latest = entries.at(-1)?.replayId ?? log.last;
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
    const due = log.entries.filter((l) => l.replayId > position && forTopic(l.event)).slice(0, credits);
    if (due.length === 0) {
      position = log.last;
      return;
    }
    credits -= due.length;
    position = due.at(-1)!.replayId;
    send(due);
    keepalive();
  };
  const stopListening = log.onAppend(pump);
  const end = () => {
    clearTimeout(timer);
    stopListening();
    streams.delete(call as grpc.ServerDuplexStream<unknown, unknown>);
  };
  call.on('data', (request: FetchRequest) => {
    if (topic === null) {
      if (!topics.topics.has(request.topic_name)) {
        end();
        call.emit('error', noTopic(request.topic_name));
        return;
      }
      const start = startOf(request, log);
      if (start === null) {
        end();
        // Salesforce ends the stream with INVALID_ARGUMENT and says why in the `error-code`
        // trailer (Pub/Sub API docs, "Handle Errors"); the message text is [unverified].
        const code = 'sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted';
        call.emit('error', status(grpc.status.INVALID_ARGUMENT, `${code}: the replay id is not valid [unverified wording]`, code));
        return;
      }
      position = start;
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
}

export async function startPubSub(sf: SalesforceEmulator, o: PubSubOptions = {}): Promise<RunningPubSub> {
  const definition = protoLoader.loadSync(PROTO, { keepCase: true });
  const service = (grpc.loadPackageDefinition(definition) as unknown as { eventbus: { v1: { PubSub: { service: grpc.ServiceDefinition } } } }).eventbus.v1
    .PubSub.service;
  const host = o.host ?? 'localhost';
  const pems = await selfSignedCertificate();
  const topics = topicsOf(sf);
  const log = new EventLog(o.retained ?? 10_000);
  const faults: PubSubFaults = { ...NO_PUBSUB_FAULTS };
  const streams = new Set<grpc.ServerDuplexStream<unknown, unknown>>();
  sf.cdcObjects = CDC_OBJECTS;

  // Each committed transaction's events, as Salesforce would send them (change-events.ts).
  let commitNumber = 0;
  const unsubscribe = sf.store.onCommit((t) => {
    commitNumber++;
    const events = changeEventsOf(t, topics.objects, {
      transactionKey: randomUUID(),
      commitNumber,
      commitUser: sf.fixtures.integrationUserId,
      id: randomUUID,
      enriched: sf.enrichment.byObject(),
      gap: faults.gap,
    });
    if (events.length === 0) return;
    if (faults.delayMs > 0) setTimeout(() => log.append(events), faults.delayMs).unref();
    else log.append(events);
  });

  const server = new grpc.Server();
  server.addService(service, {
    GetTopic(call: grpc.ServerUnaryCall<{ topic_name: string }, unknown>, callback: grpc.sendUnaryData<unknown>) {
      const denied = refused(sf, call.metadata);
      if (denied) return callback(denied);
      const name = call.request.topic_name;
      if (!topics.topics.has(name)) return callback(noTopic(name));
      callback(null, {
        topic_name: name,
        tenant_guid: sf.fixtures.organizationId,
        can_publish: false,
        can_subscribe: true,
        schema_id: topics.topics.get(name) ?? '',
        rpc_id: randomUUID(),
      });
    },
    GetSchema(call: grpc.ServerUnaryCall<{ schema_id: string }, unknown>, callback: grpc.sendUnaryData<unknown>) {
      const denied = refused(sf, call.metadata);
      if (denied) return callback(denied);
      const schema = topics.schemas.get(call.request.schema_id);
      if (!schema)
        return callback(status(grpc.status.NOT_FOUND, `sfdc.platform.eventbus.grpc.schema.notfound: ${call.request.schema_id} [unverified wording]`));
      callback(null, { schema_json: schema, schema_id: call.request.schema_id, rpc_id: randomUUID() });
    },
    Subscribe(call: grpc.ServerDuplexStream<FetchRequest, unknown>) {
      const denied = refused(sf, call.metadata);
      if (denied || faults.broken) {
        call.emit('error', denied ?? status(grpc.status.UNAVAILABLE, 'the event bus is unavailable'));
        return;
      }
      serveSubscription(call, { log, topics, keepaliveMs: o.keepaliveMs ?? 270_000, streams });
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
    published: () => Number(log.last),
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
