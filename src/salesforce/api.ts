/**
 * The Salesforce client's types: what the data layer calls (SalesforceApi), how a call is told to
 * behave (CallOptions), the client's tuning, and what every request's view shares. The client
 * (client.ts) and the view (view.ts) both implement against these, so neither imports the other's
 * types.
 */
import type { Connection } from 'jsforce';
import type { ReadDependencies } from '../domain/dependencies';
import type { LimitFlag } from '../shared-state/limit-flag';
import type { SalesforceConnection } from './connection';
import type { CallTracer, SalesforceObserver } from './observer';
import type { Circuits } from './policy';

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
   * shorter deadline is not counted against Salesforce's health.
   */
  withDeadline(deadline: number, maxCalls?: number, tracer?: CallTracer, ownDeadline?: number): SalesforceApi;
  /** The same request (its call budget too), with at most `ms` of its time left. */
  within(ms: number): SalesforceApi;
  /** The same request, telling `reads` what its queries and searches return (the answer's dependencies). */
  withReads(reads: ReadDependencies): SalesforceApi;
  /** Where this request's reads are told, if anywhere (the data layer adds what rows cannot say: lists, numbers, searches). */
  readonly reads: ReadDependencies | null;
  /** Milliseconds left before the deadline (Infinity without one). */
  remainingMs(): number;
  /** Calls made so far, retries included (for tests and benchmarks). */
  readonly calls: number;
  /** Calls this request's view made, retries included (0 for the shared client). */
  readonly callsMade: number;
  /**
   * Calls of this request's view that failed as outages (unavailable, timed out, over the limit,
   * refused auth), after their retries: an answer built while one did may be incomplete even
   * without errors (a lookup arm that fell back), so it is never cached.
   */
  readonly failedCalls: number;
  /** For operators: API usage as Salesforce reports it, and the circuits. */
  health(): { apiUsage: ApiUsage | null; limitCircuit: string; authCircuit: string; outageCircuit: string };
}

/** What every request's view shares: the connection, tuning, circuits and counters. */
export interface Shared {
  connection: SalesforceConnection;
  conn: Connection;
  apiVersion: string;
  options: Required<Omit<SalesforceApiOptions, 'clock' | 'limitFlag' | 'observer'>> & { clock: () => number };
  observer: SalesforceObserver;
  limitFlag: LimitFlag | null;
  /** The shared flag as last read, so that a busy replica asks Redis at most every 250 ms. */
  flagSeen: { at: number; open: boolean };
  circuits: Circuits;
  calls: number;
}
