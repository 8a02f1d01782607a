/**
 * The resilience policies of Salesforce calls, with cockatiel:
 *
 * - three circuits shared by every request, wrapped once: REQUEST_LIMIT_EXCEEDED opens the limit
 *   circuit (the org's daily allocation is spent, docs/salesforce-facts.md#faults-and-jsforces-transport) until a probe succeeds; a
 *   session that cannot be renewed opens the auth circuit for a cool-down; consecutive calls that
 *   failed as outages open the outage circuit, which lets one probe through per interval;
 * - the retry policy of one request's calls: reads (and writes marked idempotent) are retried
 *   on 503, UNABLE_TO_LOCK_ROW and network errors; keyed writes only where Salesforce surely
 *   applied nothing; with exponential backoff and full jitter, honouring Retry-After, within
 *   the request's deadline and its retry budget.
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
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
  type RetryPolicy,
} from 'cockatiel';
import { SalesforceError } from './errors';

export interface Circuits {
  limit: CircuitBreakerPolicy;
  auth: CircuitBreakerPolicy;
  outage: CircuitBreakerPolicy;
  /** The three, outermost first: limit, auth, outage. */
  all: IPolicy;
}

export function createCircuits(o: { limitProbeMs: number; authCooldownMs: number; outageProbeMs: number; outageFailures: number }): Circuits {
  const limit = circuitBreaker(
    handleWhen((e) => e instanceof SalesforceError && e.kind === 'limit'),
    { halfOpenAfter: o.limitProbeMs, breaker: new ConsecutiveBreaker(1) },
  );
  const auth = circuitBreaker(
    handleWhen((e) => e instanceof SalesforceError && e.kind === 'auth'),
    { halfOpenAfter: o.authCooldownMs, breaker: new ConsecutiveBreaker(1) },
  );
  // Salesforce down or not answering: after a few failed calls in a row, calls fail fast and one
  // probe goes through per interval, so a dead upstream does not burn the API budget.
  const outage: CircuitBreakerPolicy = circuitBreaker(
    handleWhen((e) => outageFailure(e, outage)),
    { halfOpenAfter: o.outageProbeMs, breaker: new ConsecutiveBreaker(o.outageFailures) },
  );
  return { limit, auth, outage, all: wrap(limit, auth, outage) };
}

/** A failure that means something for the outage breaker. */
function outageFailure(e: unknown, breaker: CircuitBreakerPolicy): boolean {
  if (!(e instanceof SalesforceError) || (e.kind !== 'unavailable' && e.kind !== 'timeout')) return false;
  // A client's own short deadline says nothing of Salesforce's health, so it never opens the
  // breaker. While the breaker probes, though, a probe that got no answer is no sign of health:
  // it keeps the breaker open (the deadline floor leaves a probe time to be answered).
  return !e.clientDeadline || breaker.state === CircuitState.HalfOpen;
}

export function circuitName(p: CircuitBreakerPolicy): string {
  return { [CircuitState.Closed]: 'closed', [CircuitState.Open]: 'open', [CircuitState.HalfOpen]: 'half-open', [CircuitState.Isolated]: 'isolated' }[p.state];
}

/** The SalesforceError for a call an open circuit refused, or null for any other error. */
export function refusedByCircuit(e: unknown, c: Circuits): SalesforceError | null {
  if (!(e instanceof BrokenCircuitError || e instanceof IsolatedCircuitError)) return null;
  if (c.outage.state !== CircuitState.Closed && c.limit.state === CircuitState.Closed && c.auth.state === CircuitState.Closed) {
    return new SalesforceError({ kind: 'unavailable', errorCode: 'CIRCUIT_OPEN', message: 'Salesforce is failing; calls wait for a probe to succeed' });
  }
  const limit = c.limit.state !== CircuitState.Closed;
  return new SalesforceError({
    kind: limit ? 'limit' : 'auth',
    errorCode: limit ? 'REQUEST_LIMIT_EXCEEDED' : 'UPSTREAM_AUTH',
    message: limit ? 'The Salesforce API limit is exhausted; waiting for a probe to succeed' : 'Salesforce login is cooling down',
  });
}

/**
 * The call certainly did not change anything upstream, so it can be repeated: a 503, a locked
 * row, or a connection that never reached Salesforce. A 500 or 502 may stand for a committed
 * write whose answer was lost (a proxy's error page): its outcome is unknown.
 */
export function definitelyNotApplied(e: SalesforceError): boolean {
  return (e.kind === 'unavailable' && !e.outcomeUnknown) || e.errorCode === 'UNABLE_TO_LOCK_ROW';
}

/** What one request's retries may spend, and how they wait. */
export interface RetryLimits {
  /** Retries left in the request's budget (shared by its calls); the policy takes one per retry. */
  budget: { retriesLeft: number };
  /** Milliseconds left before the request's deadline. */
  remaining: () => number;
  /** The outage circuit is letting a probe through: a probe is never retried. */
  probing: () => boolean;
  baseMs: number;
  maxMs: number;
}

/**
 * The retry policy of one class of call: `safe` (reads, idempotent writes: retried when
 * unavailable), `keyed` (writes with an idempotency key: retried only when surely not applied),
 * or neither (never retried), with at most `attempts` attempts.
 */
export function retryPolicy(kind: 'safe' | 'keyed' | 'once', attempts: number, l: RetryLimits): RetryPolicy {
  return retry(
    handleWhen((e) => {
      if (!(e instanceof SalesforceError) || kind === 'once') return false;
      const retryable = kind === 'safe' ? e.kind === 'unavailable' : definitelyNotApplied(e);
      // Only when an attempt still fits in what is left of the deadline, and the request's retry
      // budget has one left.
      const left = l.remaining();
      const go = retryable && !l.probing() && l.budget.retriesLeft > 0 && left > l.baseMs * 2 && (e.retryAfter === undefined || e.retryAfter * 1000 < left);
      if (go) l.budget.retriesLeft--;
      return go;
    }),
    {
      maxAttempts: attempts - 1,
      backoff: new DelegateBackoff((ctx: { attempt: number; result: { error?: unknown } | { value: unknown } }) => {
        const error = 'error' in ctx.result ? ctx.result.error : undefined;
        const asked = error instanceof SalesforceError && error.retryAfter !== undefined ? error.retryAfter * 1000 : 0;
        // Exponential backoff with full jitter, never past the deadline.
        const exp = Math.min(l.maxMs, l.baseMs * 2 ** (ctx.attempt - 1));
        return Math.max(0, Math.min(Math.max(asked, Math.random() * exp), l.remaining() - l.baseMs));
      }),
    },
  );
}
