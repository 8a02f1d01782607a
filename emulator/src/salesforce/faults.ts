/** Fault switches of the emulated org, set through the control API, and the answers they give. */
import { limitExceeded } from './errors';
import type { Answer } from './routes/context';

export type FaultErrorCode = 'SERVER_UNAVAILABLE' | 'REQUEST_LIMIT_EXCEEDED' | 'UNABLE_TO_LOCK_ROW';

export interface Faults {
  /** Added before every API call is answered. */
  latencyMs: number;
  /** Spread of that latency: each answer waits latencyMs ± up to this (uniform, from its own seeded dice). */
  latencyJitterMs: number;
  /** Share of API calls (0..1) answered with `errorCode` instead. */
  errorRate: number;
  errorCode: FaultErrorCode;
  /** Share of writes (0..1) that commit and then close the connection without answering. */
  dropResponseAfterCommitRate: number;
  /**
   * Share of writes (0..1) that commit and are then answered `statusAfterCommit` with an HTML
   * body, as a proxy or load balancer in front of Salesforce answers when its upstream's answer
   * is lost (a 502 Bad Gateway, a 500).
   */
  errorAfterCommitRate: number;
  statusAfterCommit: 500 | 502;
  /** Answer 401 to every token, even fresh ones. */
  rejectTokens: boolean;
  /** New and changed records stay out of SOSL results this long. */
  searchIndexLagMs: number;
  /** Seed for the fault dice, so a run with faults is repeatable. */
  seed: number;
  /** When set, errorRate applies only to queries and searches whose statement contains this text. */
  errorStatementContains: string | null;
  /** When set, latencyMs applies only to queries and searches whose statement contains this text. */
  latencyStatementContains: string | null;
  /** When set (e.g. "POST"), errors apply only to calls of this HTTP method. */
  errorMethod: string | null;
  /** The next N API calls answer errorCode, whatever errorRate says. */
  failNext: number;
  /** Retry-After (seconds) sent with SERVER_UNAVAILABLE; null sends none. */
  retryAfterSeconds: number | null;
}

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  latencyJitterMs: 0,
  errorRate: 0,
  errorCode: 'SERVER_UNAVAILABLE',
  dropResponseAfterCommitRate: 0,
  errorAfterCommitRate: 0,
  statusAfterCommit: 502,
  rejectTokens: false,
  searchIndexLagMs: 0,
  seed: 1,
  errorStatementContains: null,
  errorMethod: null,
  latencyStatementContains: null,
  failNext: 0,
  retryAfterSeconds: null,
};

/** mulberry32: a small seeded generator, so that fault runs can be repeated exactly. */
export function dice(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The answer an injected fault gives instead of the real one. */
export function faultAnswer(faults: Faults): Answer {
  switch (faults.errorCode) {
    case 'REQUEST_LIMIT_EXCEEDED':
      return { status: 403, body: limitExceeded().errors };
    case 'UNABLE_TO_LOCK_ROW':
      // Status 400 for a lock timeout on a single-record call is unverified (docs/salesforce-facts.md#faults-and-jsforces-transport).
      return { status: 400, body: [{ message: 'unable to obtain exclusive access to this record', errorCode: 'UNABLE_TO_LOCK_ROW', fields: [] }] };
    default:
      // 503 errorCode SERVER_UNAVAILABLE is unverified (docs/salesforce-facts.md#faults-and-jsforces-transport).
      return {
        status: 503,
        body: [{ message: 'Server temporarily unavailable. Please try again later.', errorCode: 'SERVER_UNAVAILABLE' }],
        headers: faults.retryAfterSeconds === null ? {} : { 'Retry-After': String(faults.retryAfterSeconds) },
      };
  }
}
