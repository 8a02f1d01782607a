/**
 * The shared Salesforce client: every REST call of the gateway goes through it, over the one
 * shared jsforce Connection. It is the one retry layer (jsforce's own retries are off per call:
 * its 5 retries sleep 15 s in all, docs/salesforce-facts.md#faults-and-jsforces-transport). Its parts:
 *
 * - view.ts: one request's view (`withDeadline`): its deadline, which no call outlives, and its
 *   budgets of calls and retries;
 * - policy.ts: the circuits shared by every request (API limit, auth, outage) and the retry
 *   policy (backoff with jitter, Retry-After, keyed writes retried only when surely not applied);
 * - attempt.ts: one HTTP attempt, bounded by cockatiel's timeout, and the classification of what
 *   it threw into a SalesforceError.
 */
import type { SalesforceApi, SalesforceApiOptions, Shared } from './api';
import type { SalesforceConnection } from './connection';
import { NO_OBSERVER } from './observer';
import { createCircuits } from './policy';
import { view } from './view';

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
    circuits: createCircuits(opts),
    calls: 0,
  };
  // The org is out of API budget: tell the other replicas, until the probe interval has passed.
  shared.circuits.limit.onBreak(() => void shared.limitFlag?.open(tuning.limitProbeMs));
  return view(shared, Infinity);
}
