/**
 * customerUpdated, served: each subscriber gets the customer as it selected them at once, then
 * again after every change to what that answer rests on (docs/subscriptions.md).
 *
 * - A watch per role and customer holds the subscribers, grouped by selection (the same document
 *   and variables). A re-read executes each selection once for all its subscribers, and all the
 *   selections of the watch on one context, so that their loaders share records: ten subscribers
 *   cost the Salesforce calls of one.
 * - What an answer rests on is the response cache's own tags (src/cache/tags.ts), learnt by the
 *   re-read; the drops the cache hears (change events on this replica, our writes on every
 *   replica, "everything" when changes were missed) start a re-read at once. A drop heard during a
 *   re-read is checked against what that re-read learnt, and reads again if it touches it.
 * - Each re-read is one of the role's requests for the daily budget: admitted first, counted
 *   after. A refused one ends the watch's streams with BUDGET_EXHAUSTED.
 * - While the change-event stream is down (or there is none), each subscriber is told so once
 *   (`extensions.changeEvents`), and the watch re-reads every short TTL; when it is back, each is
 *   told, and the watch reads once more, since changes may have been missed meanwhile. A watch
 *   whose answers hold an object without change events (case comments) re-reads every short TTL
 *   too.
 * - A re-read whose answer is unchanged sends nothing; one that fails for an outage is sent (its
 *   errors) and retried at the short TTL; a customer deleted or an id refused ends the stream.
 */
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Logger } from 'pino';
import type { Dropped, Freshness } from '../cache/freshness';
import type { AnswerDependencies } from '../cache/dependencies';
import { CodedError } from '../domain/errors';
import type { Principal } from '../domain/principal';
import type { Context } from '../schema/context';
import { toCoded } from './errors';
import type { LiveReadOutcome } from './metrics';
import type { BudgetGovernor } from './policy/budget';
import type { SubscriptionSlots } from './subscription-slots';

/** One selection of the customer, as a query: subscribers with the same key share its every read. */
export interface LiveSelection {
  key: string;
  /** The field's response key in the answer's data. */
  field: string;
  run(ctx: Context): Promise<ExecutionResult>;
}

export interface LiveCustomersOptions {
  slots: SubscriptionSlots;
  freshness: Pick<Freshness, 'watch' | 'healthy' | 'streamed' | 'tracked'>;
  /** A fresh context for one re-read: its own deadline, loaders and dependencies. */
  newContext(principal: Principal): Context & { dependencies: AnswerDependencies };
  governor: Pick<BudgetGovernor, 'admit' | 'record'>;
  /** The short TTL: how often a watch re-reads while the stream is down or its last read failed. */
  shortTtlMs: number;
  logger: Logger;
  clock?: () => number;
  /** Told of each read's outcome, for metrics. */
  onRead?(outcome: LiveReadOutcome): void;
}

export interface LiveCustomers {
  /** The customer as `selection` holds them, now and after every change; SUBSCRIPTION_LIMIT past the limits. */
  follow(principal: Principal, customerId: string, selection: LiveSelection): AsyncIterable<ExecutionResult>;
  /** Customers watched in this process. */
  watched(): number;
  close(): void;
}

/** What a subscriber is told of the change-event stream, once each way. */
type Notice = { code: 'CHANGE_EVENTS_DOWN' | 'CHANGE_EVENTS_RESTORED'; message: string; refreshEveryMs?: number };

export function createLiveCustomers(o: LiveCustomersOptions): LiveCustomers {
  const clock = o.clock ?? Date.now;
  const watches = new Map<string, Watch>();
  let ticker: NodeJS.Timeout | null = null;
  const down = (): Notice | null =>
    o.freshness.healthy()
      ? null
      : {
          code: 'CHANGE_EVENTS_DOWN',
          message: o.freshness.streamed
            ? `The change-event stream is down: changes made in Salesforce are seen by re-reading every ${o.shortTtlMs} ms until it is back.`
            : `This gateway has no change-event stream: changes made in Salesforce are seen by re-reading every ${o.shortTtlMs} ms.`,
          refreshEveryMs: o.shortTtlMs,
        };
  const stopHearing = o.freshness.watch((dropped) => {
    for (const w of watches.values()) w.dropped(dropped);
  });

  // Checked often enough to say "down" soon; each watch re-reads only once its last read is a short TTL old.
  const tick = () => {
    const notice = down();
    for (const w of watches.values()) w.tick(notice, clock());
  };
  const forget = (w: Watch) => {
    watches.delete(w.id);
    if (watches.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = null;
    }
  };

  const env: WatchEnv = { ...o, clock, down, forget };
  return {
    follow(principal, customerId, selection) {
      const id = `${principal.role}\0${customerId}`;
      let watch = watches.get(id);
      if (!watch) {
        watch = new Watch(id, principal, env);
        watches.set(id, watch);
        ticker ??= setInterval(tick, Math.min(o.shortTtlMs, 1_000)).unref();
      }
      try {
        return watch.follow(selection);
      } catch (e) {
        if (watch.empty) forget(watch);
        throw e;
      }
    },
    watched: () => watches.size,
    close() {
      stopHearing();
      if (ticker) clearInterval(ticker);
      ticker = null;
    },
  };
}

interface WatchEnv extends LiveCustomersOptions {
  clock: () => number;
  down(): Notice | null;
  forget(w: Watch): void;
}

/** One role's subscribers of one customer. */
class Watch {
  private readonly selections = new Map<string, Selection>();
  /** What the last reads rested on. */
  private tags = new Set<string>();
  private reading: Promise<void> | null = null;
  private again = false;
  /** Reads under way (the full re-read, and first reads of new selections). */
  private inFlight = 0;
  /** Drops heard while reading that touched nothing known yet, checked against what the reads learn. */
  private readonly heard = new Set<string>();
  private lastReadAt = 0;
  private failed = false;
  /** Its answers hold an object change events do not tell of. */
  private untracked = false;
  private wasDown: boolean | null = null;

  constructor(
    readonly id: string,
    private readonly principal: Principal,
    private readonly env: WatchEnv,
  ) {}

  get empty(): boolean {
    return this.selections.size === 0;
  }

  follow(shape: LiveSelection): AsyncIterable<ExecutionResult> {
    let selection = this.selections.get(shape.key);
    const created = !selection;
    selection ??= new Selection(shape);
    const stream = new Stream(() => this.leave(selection, stream));
    // Refused before it joins anything: a refusal leaves nothing behind.
    stream.free = this.env.slots.take(this.principal.name, async () => stream.end());
    this.selections.set(shape.key, selection);
    selection.subscribers.add(stream);
    if (selection.latest) selection.sendTo(stream, selection.latest, this.env.down());
    else if (created)
      void this.read([selection], false).catch((e: unknown) => this.env.logger.error({ err: e }, 'customerUpdated: a first read failed unexpectedly'));
    return stream;
  }

  dropped(dropped: Dropped): void {
    if (dropped === 'all' || this.restsOnAny(dropped)) return this.refresh();
    // A read under way may rest on what it names: checked against what the read learns.
    if (this.inFlight > 0) for (const t of dropped) this.heard.add(t);
  }

  /** Whether the last reads rested on any of these tags (every watch hears every drop: no copies). */
  private restsOnAny(tags: ReadonlySet<string>): boolean {
    for (const t of tags) if (this.tags.has(t)) return true;
    return false;
  }

  tick(notice: Notice | null, now: number): void {
    const isDown = notice !== null;
    const changed = this.wasDown !== null && this.wasDown !== isDown;
    this.wasDown = isDown;
    // Back: changes may have been missed meanwhile. Down: everyone is told, with what they hold.
    if (changed && !isDown) return this.refresh();
    if (changed) for (const s of this.selections.values()) s.resend(notice);
    if ((isDown || this.failed || this.untracked) && now - this.lastReadAt >= this.env.shortTtlMs) this.refresh();
  }

  /** Reads every selection again, once at a time; a drop heard meanwhile reads once more after. */
  private refresh(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = (async () => {
      do {
        this.again = false;
        await this.read([...this.selections.values()], true);
      } while (this.again && this.selections.size > 0);
    })()
      .catch((e: unknown) => this.env.logger.error({ err: e }, 'customerUpdated: a re-read failed unexpectedly'))
      .finally(() => (this.reading = null));
  }

  /** One read of these selections on one context; `all`: they are every selection, so what they rest on replaces the tags. */
  private async read(selections: Selection[], all: boolean): Promise<void> {
    if (selections.length === 0) return;
    this.inFlight++;
    try {
      await this.readOnce(selections, all);
    } finally {
      this.inFlight--;
    }
    const touched = this.restsOnAny(this.heard);
    if (this.inFlight === 0) this.heard.clear();
    if (touched) this.refresh();
  }

  private async readOnce(selections: Selection[], all: boolean): Promise<void> {
    const refused = await this.env.governor.admit(this.principal);
    if (refused) {
      this.env.onRead?.('refused');
      const error = budgetSpent(refused.retryAfterS);
      for (const s of [...this.selections.values()]) s.fail(error);
      return;
    }
    const ctx = this.env.newContext(this.principal);
    const results = await Promise.all(selections.map((s) => s.shape.run(ctx).catch((e: unknown): ExecutionResult => ({ errors: [asGraphQLError(e)] }))));
    await this.env.governor.record(this.principal.role, ctx.sf.callsMade, ctx.sf.health().apiUsage).catch(() => undefined);
    this.tags = all ? new Set(ctx.dependencies.tags) : new Set([...this.tags, ...ctx.dependencies.tags]);
    const untracked = !this.env.freshness.tracked(ctx.dependencies);
    this.untracked = all ? untracked : this.untracked || untracked;
    this.lastReadAt = this.env.clock();
    this.failed = results.some((r) => (r.errors?.length ?? 0) > 0);
    const notice = this.env.down();
    selections.forEach((s, i) => this.env.onRead?.(s.deliver(results[i]!, notice)));
  }

  private leave(selection: Selection, stream: Stream): void {
    selection.subscribers.delete(stream);
    if (selection.subscribers.size > 0) return;
    if (this.selections.get(selection.shape.key) === selection) this.selections.delete(selection.shape.key);
    if (this.selections.size === 0) this.env.forget(this);
  }
}

/** The subscribers of one selection, and the last answer they were sent. */
class Selection {
  readonly subscribers = new Set<Stream>();
  /** The last good answer (a newcomer gets it at once). */
  latest: ExecutionResult | null = null;
  /** The last answer sent, good or not, as JSON: an unchanged one is not sent again. */
  private sent: string | null = null;

  constructor(readonly shape: LiveSelection) {}

  /** Sends a read's answer to whoever should have it; what became of it. */
  deliver(result: ExecutionResult, notice: Notice | null): LiveReadOutcome {
    const errors = result.errors ?? [];
    if (errors.length === 0 && result.data?.[this.shape.field] === null) {
      this.fail(customerGone());
      return 'sent';
    }
    if (errors.some((e) => !toCoded(e.originalError ?? e)?.retryable)) {
      for (const s of [...this.subscribers]) s.push(result).end();
      return 'failed';
    }
    const json = JSON.stringify(result);
    const changed = json !== this.sent;
    this.sent = json;
    if (errors.length === 0) this.latest = result;
    for (const s of this.subscribers) if (changed || s.told !== (notice !== null)) this.sendTo(s, result, notice);
    return errors.length > 0 ? 'failed' : changed ? 'sent' : 'unchanged';
  }

  /** The last answer again, to whoever has not been told how things stand. */
  resend(notice: Notice | null): void {
    if (!this.latest) return;
    for (const s of this.subscribers) if (s.told !== (notice !== null)) this.sendTo(s, this.latest, notice);
  }

  sendTo(stream: Stream, result: ExecutionResult, notice: Notice | null): void {
    const isDown = notice !== null;
    if (stream.told === isDown) return void stream.push(result);
    stream.told = isDown;
    const said: Notice = notice ?? { code: 'CHANGE_EVENTS_RESTORED', message: 'The change-event stream is back: changes arrive as they happen.' };
    stream.push({ ...result, extensions: { ...result.extensions, changeEvents: said } });
  }

  /** Ends every stream with this error. */
  fail(error: GraphQLError): void {
    for (const s of [...this.subscribers]) s.push({ data: null, errors: [error] }).end();
  }
}

/**
 * One subscriber's events, in order: pushed by its selection, read by Yoga. It ends after what was
 * pushed before `end()` is read, or at once when the client goes (`return()`).
 */
class Stream implements AsyncIterableIterator<ExecutionResult> {
  /** Frees the subscriber's place among the open subscriptions. */
  free: () => void = () => undefined;
  /** Whether it was last told the stream is down (a newcomer starts as if told it is up). */
  told = false;
  private readonly queue: ExecutionResult[] = [];
  private waiting: ((r: IteratorResult<ExecutionResult>) => void) | null = null;
  private ending = false;
  private done = false;

  constructor(private readonly onLeave: () => void) {}

  push(result: ExecutionResult): this {
    if (this.done || this.ending) return this;
    if (this.waiting) {
      const wake = this.waiting;
      this.waiting = null;
      wake({ done: false, value: result });
    } else this.queue.push(result);
    return this;
  }

  /** Ends once what was pushed is read. */
  end(): void {
    this.ending = true;
    this.leave();
    if (this.queue.length === 0) this.finish();
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.queue.length > 0) {
      const value = this.queue.shift()!;
      if (this.ending && this.queue.length === 0) this.finish();
      return Promise.resolve({ done: false, value });
    }
    if (this.done || this.ending) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.queue.length = 0;
    this.leave();
    this.finish();
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private left = false;
  private leave(): void {
    if (this.left) return;
    this.left = true;
    this.free();
    this.onLeave();
  }

  private finish(): void {
    this.done = true;
    const wake = this.waiting;
    this.waiting = null;
    wake?.({ done: true, value: undefined });
  }
}

const budgetSpent = (retryAfterS: number) =>
  new GraphQLError("This role's share of the org's daily Salesforce API allowance is spent: the customer is no longer re-read. Subscribe again later.", {
    extensions: { code: 'BUDGET_EXHAUSTED', retryable: true, retryAfter: retryAfterS },
  });

const customerGone = () =>
  new GraphQLError('No customer has this id (any more): there is nothing to follow.', { extensions: { code: 'NOT_FOUND', retryable: false } });

function asGraphQLError(e: unknown): GraphQLError {
  if (e instanceof GraphQLError) return e;
  return new GraphQLError(e instanceof CodedError ? e.message : 'Unexpected error.', { originalError: e instanceof Error ? e : new Error(String(e)) });
}
