/**
 * Every Salesforce REST call of the gateway goes through here, over the one shared jsforce
 * Connection. This is the one retry layer (jsforce's own retries are off per call: its 5 retries
 * sleep 15 s in all, reference §9.2) and the one place where upstream failures are classified:
 *
 * - each request has a deadline; no call outlives it, whatever jsforce or a login is doing;
 * - reads, and writes marked idempotent, are retried on 503, UNABLE_TO_LOCK_ROW and network
 *   errors, with exponential backoff and jitter, honouring Retry-After, within the deadline;
 * - REQUEST_LIMIT_EXCEEDED opens a circuit: calls fail fast until a probe succeeds;
 * - a session that cannot be renewed opens an auth circuit for a cool-down, so that a refused
 *   integration user is not hammered (the login guard bounds logins on top of this).
 */
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  IsolatedCircuitError,
  circuitBreaker,
  handleWhen,
  retry,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import type { Connection } from 'jsforce';
import { CodedError } from '../domain/errors';
import type { LimitFlag } from '../shared-state/limit-flag';
import type { SalesforceConnection } from './connection';
import { NO_OBSERVER, callKind, type CallTracer, type SalesforceObserver } from './observer';
import { SalesforceError, type FailureKind, type SalesforceErrorItem } from './errors';
import { CallTransport, TransportFailure } from './transport';

export { SalesforceError, type FailureKind } from './errors';

export interface QueryResult<T> {
  totalSize: number;
  done: boolean;
  records: T[];
}

export interface CallOptions {
  /** A write that is safe to repeat whatever came of it (a status update): retried as reads are. */
  idempotent?: boolean;
  /**
   * A write that carries an idempotency key in a unique field: retried only where Salesforce
   * surely applied nothing (503, a locked row, no connection), since a repeat after a commit
   * meets its own key. Any other failure is an unknown outcome, for the caller to look up.
   */
  keyed?: boolean;
  /** At most this many attempts (a call with a cheaper fallback need not retry). @default maxAttempts */
  attempts?: number;
}

export interface SalesforceApiOptions {
  /** Longest any one call may take, deadline or not. @default 10_000 */
  timeoutMs?: number;
  /** Attempts per call, the first included. @default 6 */
  maxAttempts?: number;
  /** First retry delay; later ones grow exponentially, with jitter. @default 50 */
  retryBaseMs?: number;
  /** @default 1_000 */
  retryMaxMs?: number;
  /** After REQUEST_LIMIT_EXCEEDED, one probe call is let through this often. @default 30_000 */
  limitProbeMs?: number;
  /** After the session could not be renewed, calls fail fast this long. @default 10_000 */
  authCooldownMs?: number;
  /** Retries one request may spend across all its calls (the retry budget). @default 3 */
  retriesPerRequest?: number;
  /** Consecutive failed calls (after their retries) that open the outage breaker. @default 5 */
  outageFailures?: number;
  /** While the outage breaker is open, one probe call goes through this often. @default 5_000 */
  outageProbeMs?: number;
  /** Pages fetched at most when following `nextRecordsUrl`. @default 5 */
  maxPages?: number;
  /** The API-limit flag shared by the replicas; this process only when absent. */
  limitFlag?: LimitFlag;
  /** Told of every attempt and retry, for metrics. */
  observer?: SalesforceObserver;
  clock?: () => number;
}

export interface ApiUsage {
  used: number;
  limit: number;
}

export interface SalesforceApi {
  readonly apiVersion: string;
  /** Runs SOQL and follows `nextRecordsUrl` (bounded by maxPages). */
  query<T>(soql: string, options?: CallOptions): Promise<QueryResult<T>>;
  /** Runs SOSL; returns `searchRecords`. */
  search<T>(sosl: string, options?: CallOptions): Promise<T[]>;
  /** A REST call relative to `/services/data/vNN.N`. */
  request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, options?: CallOptions): Promise<T>;
  /**
   * The same client for one request: bounded by its deadline (epoch ms) and by `maxCalls`
   * Salesforce calls (retries included), past which calls fail with UPSTREAM_LIMIT. `tracer`
   * starts a span per HTTP attempt when tracing is on. `ownDeadline` is the deadline the gateway
   * itself would have given (the client may ask for less): a call cut short only by the client's
   * shorter deadline is not counted against Salesforce's health (issue 19, item 1).
   */
  withDeadline(deadline: number, maxCalls?: number, tracer?: CallTracer, ownDeadline?: number): SalesforceApi;
  /** The same request (its call budget too), with at most `ms` of its time left. */
  within(ms: number): SalesforceApi;
  /** Milliseconds left before the deadline (Infinity without one). */
  remainingMs(): number;
  /** Calls made so far, retries included (for tests and benchmarks). */
  readonly calls: number;
  /** Calls this request's view made, retries included (0 for the shared client). */
  readonly callsMade: number;
  /**
   * Calls of this request's view that failed as outages (unavailable, timed out, over the limit,
   * refused auth), after their retries: an answer built while one did may be incomplete even
   * without errors (a lookup arm that fell back), so it is never cached (issue 19, item 6).
   */
  readonly failedCalls: number;
  /** For operators: API usage as Salesforce reports it, and the circuits. */
  health(): { apiUsage: ApiUsage | null; limitCircuit: string; authCircuit: string; outageCircuit: string };
}

const STATUS_KIND: Record<number, FailureKind> = { 401: 'auth', 408: 'timeout', 502: 'unavailable', 503: 'unavailable', 504: 'timeout', 500: 'unavailable' };

const KIND_BY_CODE: Record<string, FailureKind> = {
  REQUEST_LIMIT_EXCEEDED: 'limit',
  INVALID_SESSION_ID: 'auth',
  INVALID_AUTH_HEADER: 'auth',
  SERVER_UNAVAILABLE: 'unavailable',
  UNABLE_TO_LOCK_ROW: 'unavailable',
};

/**
 * Maps whatever one call threw to a SalesforceError (the only error type leaving this module),
 * from typed facts only: our transport's failure, the answer's status and headers, Salesforce's
 * errorCode and error items as jsforce parsed them, and whether our own login just failed.
 */
export function toSalesforceError(e: unknown, transport: CallTransport | null, loginFailed: boolean): SalesforceError {
  if (e instanceof SalesforceError) return e;
  if (e instanceof TransportFailure) {
    return e.code === 'TIMEOUT'
      ? new SalesforceError({ kind: 'timeout', errorCode: 'UPSTREAM_TIMEOUT', message: e.message, noResponse: true, cause: e })
      : new SalesforceError({ kind: 'unavailable', errorCode: e.code, message: e.message, noResponse: e.mayHaveArrived, cause: e });
  }
  const err = e as { errorCode?: unknown; data?: unknown; message?: unknown };
  const response = transport?.response ?? null;
  if (typeof err?.errorCode === 'string' && response) {
    const data = err.data as unknown[] | Record<string, unknown> | undefined;
    const raw = (Array.isArray(data) ? data : data && typeof data === 'object' ? [data] : []) as {
      errorCode?: string;
      statusCode?: string;
      message?: string;
      fields?: string[];
    }[];
    const items: SalesforceErrorItem[] = raw.map((i) => ({
      errorCode: i.errorCode ?? i.statusCode ?? (err.errorCode as string),
      message: i.message ?? '',
      fields: i.fields ?? [],
    }));
    const code = err.errorCode;
    const status = response.status;
    const kind = KIND_BY_CODE[code] ?? STATUS_KIND[status] ?? (status >= 500 ? 'unavailable' : 'rejected');
    const retryHeader = response.headers['retry-after'];
    const retryAfter = retryHeader !== undefined && /^\d+$/.test(retryHeader) ? Number(retryHeader) : undefined;
    const message = typeof err.message === 'string' ? err.message : code;
    return new SalesforceError({ kind, errorCode: code, message, status, items, retryAfter, cause: e });
  }
  // jsforce re-throws a failed session refresh as a plain Error; our login records the failure.
  if (loginFailed) return new SalesforceError({ kind: 'auth', errorCode: 'UPSTREAM_AUTH', message: 'Salesforce session could not be renewed', cause: e });
  return new SalesforceError({ kind: 'unavailable', errorCode: 'UNKNOWN', message: 'Salesforce call failed', cause: e });
}

/**
 * The call certainly did not change anything upstream, so it can be repeated: a 503, a locked
 * row, or a connection that never reached Salesforce. A 500 or 502 may stand for a committed
 * write whose answer was lost (a proxy's error page): its outcome is unknown.
 */
function definitelyNotApplied(e: SalesforceError): boolean {
  return (e.kind === 'unavailable' && !e.outcomeUnknown) || e.errorCode === 'UNABLE_TO_LOCK_ROW';
}

/** A timeout raised by us when the request's deadline passes; `clientDeadline` when it was the client's shorter one. */
const deadlineError = (clientDeadline: boolean) =>
  new SalesforceError({
    kind: 'timeout',
    errorCode: 'UPSTREAM_TIMEOUT',
    message: 'The request deadline passed before Salesforce answered',
    noResponse: true,
    clientDeadline,
  });

/** A failure that means something for the outage breaker. */
function outageFailure(e: unknown, breaker: CircuitBreakerPolicy): boolean {
  if (!(e instanceof SalesforceError) || (e.kind !== 'unavailable' && e.kind !== 'timeout')) return false;
  // A client's own short deadline says nothing of Salesforce's health, so it never opens the
  // breaker. While the breaker probes, though, a probe that got no answer is no sign of health:
  // it keeps the breaker open (the deadline floor leaves a probe time to be answered).
  return !e.clientDeadline || breaker.state === CircuitState.HalfOpen;
}

interface Shared {
  connection: SalesforceConnection;
  conn: Connection;
  apiVersion: string;
  options: Required<Omit<SalesforceApiOptions, 'clock' | 'limitFlag' | 'observer'>> & { clock: () => number };
  observer: SalesforceObserver;
  limitFlag: LimitFlag | null;
  /** The shared flag as last read, so that a busy replica asks Redis at most every 250 ms. */
  flagSeen: { at: number; open: boolean };
  limitBreaker: CircuitBreakerPolicy;
  authBreaker: CircuitBreakerPolicy;
  outageBreaker: CircuitBreakerPolicy;
  calls: number;
}

/** The shared client. Each request takes its own view with `withDeadline`. */
export function createSalesforceApi(connection: SalesforceConnection, options: SalesforceApiOptions = {}): SalesforceApi {
  const opts = {
    timeoutMs: 10_000,
    maxAttempts: 6,
    retryBaseMs: 50,
    retryMaxMs: 1_000,
    limitProbeMs: 30_000,
    authCooldownMs: 10_000,
    retriesPerRequest: 3,
    outageFailures: 5,
    outageProbeMs: 5_000,
    maxPages: 5,
    clock: Date.now,
    ...options,
  };
  const { limitFlag, observer, ...tuning } = opts;
  const shared: Shared = {
    observer: observer ?? NO_OBSERVER,
    limitFlag: limitFlag ?? null,
    flagSeen: { at: -Infinity, open: false },
    connection,
    conn: connection.conn,
    apiVersion: connection.apiVersion,
    options: tuning,
    // One REQUEST_LIMIT_EXCEEDED opens it: the org's daily allocation is spent (reference §9.1).
    limitBreaker: circuitBreaker(
      handleWhen((e) => e instanceof SalesforceError && e.kind === 'limit'),
      { halfOpenAfter: opts.limitProbeMs, breaker: new ConsecutiveBreaker(1) },
    ),
    authBreaker: circuitBreaker(
      handleWhen((e) => e instanceof SalesforceError && e.kind === 'auth'),
      { halfOpenAfter: opts.authCooldownMs, breaker: new ConsecutiveBreaker(1) },
    ),
    // Salesforce down or not answering: after a few failed calls in a row, calls fail fast and
    // one probe goes through per interval, so a dead upstream does not burn the API budget.
    outageBreaker: circuitBreaker(
      handleWhen((e) => outageFailure(e, shared.outageBreaker)),
      { halfOpenAfter: opts.outageProbeMs, breaker: new ConsecutiveBreaker(opts.outageFailures) },
    ),
    calls: 0,
  };
  // The org is out of API budget: tell the other replicas, until the probe interval has passed.
  shared.limitBreaker.onBreak(() => void shared.limitFlag?.open(tuning.limitProbeMs));
  return view(shared, Infinity);
}

function circuitName(p: CircuitBreakerPolicy): string {
  return { [CircuitState.Closed]: 'closed', [CircuitState.Open]: 'open', [CircuitState.HalfOpen]: 'half-open', [CircuitState.Isolated]: 'isolated' }[p.state];
}

/** One request's calls and retries against its budgets. */
interface Budget {
  max: number;
  used: number;
  retriesLeft: number;
  /** Calls that failed as outages (see `failedCalls`). */
  failed: number;
}

const OUTAGE_KINDS: ReadonlySet<FailureKind> = new Set(['unavailable', 'timeout', 'limit', 'auth']);

function view(
  shared: Shared,
  deadline: number,
  budget: Budget = { max: Infinity, used: 0, retriesLeft: Infinity, failed: 0 },
  tracer?: CallTracer,
  ownDeadline = deadline,
): SalesforceApi {
  const { conn, options: o } = shared;
  const base = `/services/data/v${shared.apiVersion}`;
  const remaining = () => deadline - o.clock();
  // The client asked for less time than the gateway gives: a cut it causes is the client's.
  const clientShortened = deadline < ownDeadline;

  /** One HTTP attempt, bounded by the per-call timeout and what is left of the deadline. */
  async function attempt<T>(method: string, url: string, body: unknown, n: number): Promise<T> {
    const now = o.clock();
    const left = deadline - now;
    if (left <= 0) throw deadlineError(clientShortened);
    const timeout = Math.max(1, Math.min(o.timeoutMs, left));
    // Whether this attempt's time was cut by the client's deadline below what the gateway allows.
    const cutByClient = clientShortened && timeout < Math.min(o.timeoutMs, ownDeadline - now);
    const transport = new CallTransport(timeout);
    if (budget.used >= budget.max) {
      throw new CodedError({ code: 'UPSTREAM_LIMIT', message: `This request reached its budget of ${budget.max} Salesforce calls.`, retryable: false });
    }
    budget.used++;
    shared.calls++;
    const kind = callKind(url);
    const span = tracer?.(kind, method, n);
    let timer: NodeJS.Timeout | undefined;
    try {
      const call = conn.request<T>(
        {
          method: method as 'GET',
          url,
          ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
        },
        { transport },
      );
      // Whatever jsforce waits on (a session refresh included), we stop waiting at the deadline.
      const cutoff = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(deadlineError(cutByClient)), timeout + 5);
      });
      const result = (await Promise.race([call, cutoff])) as T;
      transport.assertUsed();
      const status = String(transport.response?.status ?? 200);
      shared.observer.call(kind, status);
      span?.end(status);
      return result;
    } catch (e) {
      let failure = toSalesforceError(e, transport, shared.connection.loginFailed());
      if (cutByClient && failure.kind === 'timeout' && !failure.clientDeadline) {
        failure = new SalesforceError({
          kind: 'timeout',
          errorCode: failure.errorCode,
          message: failure.message,
          noResponse: true,
          clientDeadline: true,
          cause: failure,
        });
      }
      const status = failure.status !== undefined ? String(failure.status) : failure.kind === 'timeout' ? 'timeout' : 'network';
      shared.observer.call(kind, status);
      span?.end(status, failure.errorCode);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Whether another replica met the API limit within the probe interval (read at most every 250 ms). */
  async function limitOpenElsewhere(): Promise<boolean> {
    if (!shared.limitFlag) return false;
    const now = o.clock();
    if (now - shared.flagSeen.at >= 250) shared.flagSeen = { at: now, open: await shared.limitFlag.isOpen() };
    return shared.flagSeen.open;
  }

  /** An attempt under the circuits and the retry policy. */
  async function call<T>(method: string, url: string, body: unknown, callOptions: CallOptions = {}): Promise<T> {
    const safe = method === 'GET' || callOptions.idempotent === true;
    const repeatable = safe || callOptions.keyed === true;
    const policy = retry(
      handleWhen((e) => {
        if (!(e instanceof SalesforceError) || !repeatable) return false;
        const retryable = safe ? e.kind === 'unavailable' : definitelyNotApplied(e);
        // Only retry when an attempt still fits in what is left of the deadline, and the
        // request's retry budget has one left.
        const probing = shared.outageBreaker.state === CircuitState.HalfOpen;
        const go =
          retryable &&
          !probing &&
          budget.retriesLeft > 0 &&
          remaining() > o.retryBaseMs * 2 &&
          (e.retryAfter === undefined || e.retryAfter * 1000 < remaining());
        if (go) {
          budget.retriesLeft--;
          shared.observer.retry(callKind(url));
        }
        return go;
      }),
      {
        maxAttempts: Math.min(o.maxAttempts, callOptions.attempts ?? o.maxAttempts) - 1,
        backoff: new DelegateBackoff((ctx: { attempt: number; result: { error?: unknown } | { value: unknown } }) => {
          const error = 'error' in ctx.result ? ctx.result.error : undefined;
          const asked = error instanceof SalesforceError && error.retryAfter !== undefined ? error.retryAfter * 1000 : 0;
          // Exponential backoff with full jitter, never past the deadline.
          const exp = Math.min(o.retryMaxMs, o.retryBaseMs * 2 ** (ctx.attempt - 1));
          return Math.max(0, Math.min(Math.max(asked, Math.random() * exp), remaining() - o.retryBaseMs));
        }),
      },
    );
    if (await limitOpenElsewhere()) {
      budget.failed++;
      throw new SalesforceError({
        kind: 'limit',
        errorCode: 'REQUEST_LIMIT_EXCEEDED',
        message: 'The Salesforce API limit is exhausted (seen by another replica)',
      });
    }
    // Past the deadline, nothing is sent and no breaker hears of it (a probe included).
    if (remaining() <= 0) {
      budget.failed++;
      throw deadlineError(clientShortened);
    }
    try {
      // The outage breaker counts calls that failed after their retries; the call it lets through
      // as a probe is not retried (below), so a probe costs exactly one attempt.
      return await shared.limitBreaker.execute(() =>
        shared.authBreaker.execute(() =>
          shared.outageBreaker.execute(() => policy.execute(({ attempt: retried }) => attempt<T>(method, url, body, retried + 1))),
        ),
      );
    } catch (e) {
      if (!(e instanceof SalesforceError) || OUTAGE_KINDS.has(e.kind)) budget.failed++;
      if (e instanceof BrokenCircuitError || e instanceof IsolatedCircuitError) {
        if (
          shared.outageBreaker.state !== CircuitState.Closed &&
          shared.limitBreaker.state === CircuitState.Closed &&
          shared.authBreaker.state === CircuitState.Closed
        ) {
          throw new SalesforceError({ kind: 'unavailable', errorCode: 'CIRCUIT_OPEN', message: 'Salesforce is failing; calls wait for a probe to succeed' });
        }
        const limit = shared.limitBreaker.state !== CircuitState.Closed;
        throw new SalesforceError({
          kind: limit ? 'limit' : 'auth',
          errorCode: limit ? 'REQUEST_LIMIT_EXCEEDED' : 'UPSTREAM_AUTH',
          message: limit ? 'The Salesforce API limit is exhausted; waiting for a probe to succeed' : 'Salesforce login is cooling down',
        });
      }
      throw e;
    }
  }

  return {
    apiVersion: shared.apiVersion,
    get calls() {
      return shared.calls;
    },
    get callsMade() {
      return budget.used;
    },
    get failedCalls() {
      return budget.failed;
    },
    withDeadline: (d, maxCalls = Infinity, callTracer, own = d) =>
      view(shared, d, { max: maxCalls, used: 0, retriesLeft: o.retriesPerRequest, failed: 0 }, callTracer, Math.max(d, own)),
    // A shorter slice asked by our own code (a lookup arm's budget) is the gateway's, not the client's.
    within: (ms) => {
      const d = Math.min(deadline, o.clock() + ms);
      // The slice keeps the time the client took away, so a cut inside it is still the client's.
      return view(shared, d, budget, tracer, d + (ownDeadline - deadline));
    },
    remainingMs: remaining,
    health: () => ({
      apiUsage: (conn.limitInfo?.apiUsage as ApiUsage | undefined) ?? null,
      limitCircuit: circuitName(shared.limitBreaker),
      authCircuit: circuitName(shared.authBreaker),
      outageCircuit: circuitName(shared.outageBreaker),
    }),
    async query<T>(soql: string, opts?: CallOptions) {
      let page = await call<QueryResult<T> & { nextRecordsUrl?: string }>('GET', `${base}/query?q=${encodeURIComponent(soql)}`, undefined, opts);
      const records = [...page.records];
      for (let i = 1; !page.done && page.nextRecordsUrl && i < o.maxPages; i++) {
        page = await call('GET', page.nextRecordsUrl, undefined, opts);
        records.push(...page.records);
      }
      return { totalSize: page.totalSize, done: page.done, records };
    },
    async search<T>(sosl: string, opts?: CallOptions) {
      const result = await call<{ searchRecords: T[] }>('GET', `${base}/search?q=${encodeURIComponent(sosl)}`, undefined, opts);
      return result.searchRecords;
    },
    request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, opts?: CallOptions) {
      return call<T>(method, `${base}${path}`, body, opts);
    },
  };
}
