/**
 * Change Data Capture over Salesforce's Pub/Sub API: one subscription per replica to
 * `/data/ChangeEvents` through `salesforce-pubsub-api-client`, on the connection's own session.
 * Each event is handed on as a `Change` (its records, its change type, the field values it
 * carries), which app.ts wires to the cache (src/cache); this module knows nothing of GraphQL
 * answers, and assumes of an event only what Salesforce promises (docs/operations.md, "What is
 * fresh, and how fast").
 *
 * - The replay id of the last event handled is kept in the shared state (Redis, or this process),
 *   so a restarted gateway resumes where it (or another replica) stopped. A replay id Salesforce
 *   no longer knows means changes were missed: everything cached is dropped and the subscription
 *   starts again from LATEST.
 * - `GAP_*` and `GAP_OVERFLOW` events carry no field values: "anything of that object may have
 *   changed" (and these records, where named).
 * - Healthy means connected, with events or keepalives arriving within `keepaliveGraceMs`, and the
 *   first event or keepalive since (re)subscribing handled. While healthy, cached answers may live
 *   long; otherwise the cache falls back to its short TTL.
 * - A stream that fails reconnects with exponential backoff and jitter; an expired session is
 *   renewed through the connection first.
 */
import { ExponentialBackoff, halfJitterGenerator, type IBackoff } from 'cockatiel';
import PubSubApiClient from 'salesforce-pubsub-api-client';
import type { Logger } from 'pino';
import type { SalesforceApi } from '../salesforce/api';
import type { SalesforceConnection } from '../salesforce/connection';
import type { ReplayStore } from '../shared-state/replay';
import type { Change } from '../domain/dependencies';

export interface ChangeEventsOptions {
  /** `host:port` of the Pub/Sub API. @default 'api.pubsub.salesforce.com:7443' */
  endpoint: string;
  /** Objects whose changes matter; events of others are ignored. */
  objects: readonly string[];
  connection: SalesforceConnection;
  sf: SalesforceApi;
  replays: ReplayStore;
  onChange(changes: Change[]): Promise<void>;
  /** Everything cached may be stale (changes were missed). */
  onLost(): Promise<void>;
  /** Check the server's certificate (off only for the local emulator's self-signed one). @default true */
  verifyTls?: boolean;
  /** Healthy while an event or keepalive arrived within this. @default 330_000 (Salesforce sends one about every 270 s) */
  keepaliveGraceMs?: number;
  /** First reconnect delay; doubling up to 60 s, with jitter. @default 1_000 */
  reconnectBaseMs?: number;
  logger: Logger;
  /** Told of every event and state change, for metrics. */
  observe?: {
    event(object: string, changeType: string): void;
    state(state: SubscriptionState): void;
    /** A change applied, this long after Salesforce committed it (the header's commitTimestamp). */
    applied?(lagMs: number): void;
  };
  clock?: () => number;
}

export type SubscriptionState = 'connecting' | 'connected' | 'down' | 'stopped';

export interface ChangeEventsHealth {
  state: SubscriptionState;
  healthy: boolean;
  lastSignalAt: number | null;
  events: number;
  /** Why it is down, as a code (never a token or URL). */
  lastError: string | null;
}

export interface ChangeEvents {
  start(): void;
  stop(): Promise<void>;
  health(): ChangeEventsHealth;
  healthy(): boolean;
}

const TOPIC = '/data/ChangeEvents';
/** gRPC status codes the client reports. */
const UNAUTHENTICATED = 16;
const INVALID_ARGUMENT = 3;

interface ParsedEvent {
  replayId?: number;
  payload?: Record<string, unknown> & {
    ChangeEventHeader?: { entityName?: string; recordIds?: string[]; changeType?: string; changedFields?: string[]; commitTimestamp?: number | bigint };
  };
}

/**
 * What an event says changed: its records, its change type, the values it carries (the client
 * gives every field, null where not carried, so only non-null ones count) and, for an UPDATE, the
 * fields that changed (a compound field's parts, `Name.LastName`, count as `Name`).
 */
export function changeOf(event: ParsedEvent): Change | null {
  const header = event.payload?.ChangeEventHeader;
  if (!header?.entityName) return null;
  const type = header.changeType ?? '';
  const changeType = type.startsWith('GAP_') ? 'GAP' : (['CREATE', 'UPDATE', 'DELETE', 'UNDELETE'] as const).find((t) => t === type);
  if (!changeType) return null;
  const values: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(event.payload ?? {})) {
    if (field !== 'ChangeEventHeader' && value !== null && value !== undefined) values[field] = value;
  }
  const changedFields = [...new Set((header.changedFields ?? []).map((f) => f.split('.')[0]!))];
  return { object: header.entityName, ids: header.recordIds ?? [], changeType, values: changeType === 'GAP' ? {} : values, changedFields };
}

/**
 * Reconnect delays: cockatiel's exponential backoff with half jitter, from `baseMs` doubling up to
 * 60 s; `reset` once the stream answers again.
 */
function reconnects(baseMs: number) {
  const factory = new ExponentialBackoff({ generator: halfJitterGenerator, initialDelay: baseMs, maxDelay: 60_000 });
  let backoff: IBackoff<unknown> | undefined;
  let timer: NodeJS.Timeout | undefined;
  return {
    /** Runs `retry` after the next delay (replacing any retry already waiting). */
    schedule(retry: () => void): void {
      backoff = (backoff ?? factory).next(undefined);
      clearTimeout(timer);
      timer = setTimeout(retry, backoff.duration);
      timer.unref();
    },
    reset: () => void (backoff = undefined),
    cancel: () => clearTimeout(timer),
  };
}

/** A Pub/Sub API client on the connection's session, connected. */
async function openClient(o: ChangeEventsOptions, organizationId: string | null): Promise<PubSubApiClient> {
  const conn = o.connection.conn;
  const client = new PubSubApiClient(
    {
      authType: 'user-supplied',
      accessToken: conn.accessToken ?? '',
      // The client takes only https instance URLs; the local emulator (the one case of an
      // unverified certificate) serves REST over http, and checks only that the URL is sent.
      instanceUrl: o.verifyTls === false ? conn.instanceUrl.replace(/^http:/, 'https:') : conn.instanceUrl,
      organizationId: organizationId ?? '',
      pubSubEndpoint: o.endpoint,
      rejectUnauthorizedSsl: o.verifyTls !== false,
    },
    quiet(o.logger),
  );
  await client.connect();
  return client;
}

export function createChangeEvents(o: ChangeEventsOptions): ChangeEvents {
  return new Subscription(o);
}

/** The one subscription of a replica: connect, follow the stream, recover from its loss. */
class Subscription implements ChangeEvents {
  private readonly clock: () => number;
  private readonly grace: number;
  private readonly wanted: Set<string>;
  private readonly retries: ReturnType<typeof reconnects>;
  private state: SubscriptionState = 'stopped';
  /** The live client, and its stream once subscribed (see `stop`). */
  private client: PubSubApiClient | null = null;
  private stream: { ended: boolean } | null = null;
  private lastSignalAt: number | null = null;
  private events = 0;
  private lastError: string | null = null;
  private organizationId: string | null = null;
  /** Bumped by each start and stop: callbacks of an earlier subscription do nothing. */
  private generation = 0;

  constructor(private readonly o: ChangeEventsOptions) {
    this.clock = o.clock ?? Date.now;
    this.grace = o.keepaliveGraceMs ?? 330_000;
    this.wanted = new Set(o.objects);
    this.retries = reconnects(o.reconnectBaseMs ?? 1_000);
  }

  start(): void {
    this.attempt(++this.generation, false);
  }

  async stop(): Promise<void> {
    this.generation++;
    this.retries.cancel();
    const [closing, live] = [this.client, this.stream];
    this.client = null;
    this.stream = null;
    this.setState('stopped');
    // salesforce-pubsub-api-client 5.5 cannot cancel a stream: its close() drops the stream's
    // listeners and closes the channel, and a stream that fails after that (one still waiting
    // for its connection fails at once) throws with nobody listening, ending the process. So a
    // live stream is left running, ignored, and its client closes when it ends (Salesforce ends
    // it, the process exits, or the connection drops). See docs/operations.md.
    if (closing && !(live && !live.ended)) closing.close();
  }

  healthy(): boolean {
    return this.state === 'connected' && this.lastSignalAt !== null && this.clock() - this.lastSignalAt <= this.grace;
  }

  health(): ChangeEventsHealth {
    return { state: this.state, healthy: this.healthy(), lastSignalAt: this.lastSignalAt, events: this.events, lastError: this.lastError };
  }

  private setState(s: SubscriptionState): void {
    this.state = s;
    this.o.observe?.state(s);
  }

  /** An event or a keepalive: the stream is alive, and the backoff starts over. */
  private signal(): void {
    this.lastSignalAt = this.clock();
    this.retries.reset();
    if (this.state !== 'connected') this.setState('connected');
  }

  /** Connects, and on failure tries again later (with backoff). */
  private attempt(my: number, fromLatest: boolean): void {
    this.connect(my, fromLatest).catch((e: unknown) => {
      this.lastError = 'CONNECT_FAILED';
      this.o.logger.warn({ err: e instanceof Error ? e.message : 'unknown' }, 'change events could not connect');
      this.setState('down');
      this.retries.schedule(() => my === this.generation && this.attempt(my, fromLatest));
    });
  }

  private async connect(my: number, fromLatest: boolean): Promise<void> {
    const { o } = this;
    this.setState('connecting');
    this.organizationId ??= (await o.sf.query<{ Id: string }>('SELECT Id FROM Organization LIMIT 1')).records[0]?.Id ?? null;
    const next = await openClient(o, this.organizationId);
    if (my !== this.generation) {
      next.close();
      return;
    }
    this.client = next;
    const replayId = fromLatest ? null : await o.replays.get(TOPIC);
    if (my !== this.generation) return;
    const mine = { ended: false };
    this.stream = mine;
    const callback = (info: unknown, type: string, data?: unknown) => {
      if (type === 'error' || type === 'end') {
        if (mine.ended) return;
        mine.ended = true;
        // A stream left running by `stop` closes its client once it is over.
        if (my !== this.generation) next.close();
      }
      if (my === this.generation) void this.handle(my, type, data, info as { lastReplayId?: number | null } | undefined);
    };
    if (replayId === null) next.subscribe(TOPIC, callback, null);
    else next.subscribeFromReplayId(TOPIC, callback, null, replayId);
  }

  private async handle(my: number, type: string, data: unknown, info?: { lastReplayId?: number | null }): Promise<void> {
    if (type === 'event') return this.onEvent(data as ParsedEvent);
    if (type === 'error' || type === 'end') return this.onLost(my, type, (data as { code?: number } | undefined)?.code);
    if (type === 'grpcKeepAlive') {
      this.signal();
      // Caught up to here: a restart resumes from this point, and misses nothing after it.
      if (typeof info?.lastReplayId === 'number') await this.o.replays.set(TOPIC, info.lastReplayId).catch(() => undefined);
    }
  }

  /** An event: dropped from the cache (if it is of an object we show), then counted and its replay id kept. */
  private async onEvent(event: ParsedEvent): Promise<void> {
    const { o } = this;
    this.lastSignalAt = this.clock();
    this.retries.reset();
    const change = changeOf(event);
    if (change && this.wanted.has(change.object)) {
      o.observe?.event(change.object, event.payload?.ChangeEventHeader?.changeType ?? 'UNKNOWN');
      await o.onChange([change]).catch((e: unknown) => o.logger.warn({ err: e }, 'change event not applied to the cache'));
      const committed = event.payload?.ChangeEventHeader?.commitTimestamp;
      if (committed !== undefined && committed !== null) o.observe?.applied?.(Date.now() - Number(committed));
    }
    // Healthy once what the event changed is dropped (not before).
    if (this.state !== 'connected') this.setState('connected');
    // Counted once applied: "events" says what the cache has taken in.
    this.events++;
    if (typeof event.replayId === 'number') await o.replays.set(TOPIC, event.replayId).catch(() => undefined);
  }

  /** The stream ended or failed: what was missed is dropped, the session renewed if need be, and a reconnect scheduled. */
  private async onLost(my: number, type: string, code: number | undefined): Promise<void> {
    const { o } = this;
    this.lastError = type === 'end' ? 'STREAM_ENDED' : code !== undefined ? `GRPC_${code}` : 'STREAM_ERROR';
    o.logger.warn({ code: this.lastError }, 'change events subscription lost; reconnecting');
    this.setState('down');
    this.client?.close();
    this.client = null;
    this.stream = null;
    let fromLatest = false;
    if (code === INVALID_ARGUMENT) {
      // The replay id is no longer valid: changes may have been missed. Drop what is cached
      // and start again from now.
      await o.onLost().catch(() => undefined);
      await o.replays.clear(TOPIC).catch(() => undefined);
      fromLatest = true;
    }
    if (code === UNAUTHENTICATED) {
      // A REST call renews an expired session (jsforce refreshes on 401).
      await o.sf.query('SELECT Id FROM Organization LIMIT 1').catch(() => undefined);
    }
    this.retries.schedule(() => my === this.generation && this.attempt(my, fromLatest));
  }
}

/** The client's own logging, at debug level in ours (it logs raw events at debug, tokens never). */
function quiet(logger: Logger) {
  return {
    debug: () => undefined,
    info: (...args: unknown[]) => logger.debug({ from: 'pubsub-client' }, String(args[0]).slice(0, 200)),
    warn: (...args: unknown[]) => logger.debug({ from: 'pubsub-client' }, String(args[0]).slice(0, 200)),
    error: (...args: unknown[]) => logger.debug({ from: 'pubsub-client' }, String(args[0]).slice(0, 200)),
  };
}
