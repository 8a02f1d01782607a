/**
 * One request's view of the shared Salesforce client (`withDeadline`): its deadline, its budgets
 * of calls and retries, its tracer, and its calls, each made of attempts (attempt.ts) under its
 * retry policy inside the shared circuits (policy.ts).
 */
import { CircuitState, type RetryPolicy } from 'cockatiel';
import type { ReadDependencies } from '../domain/dependencies';
import { CodedError } from '../domain/errors';
import { deadlineError, sendAttempt } from './attempt';
import type { ApiUsage, CallOptions, QueryResult, SalesforceApi, Shared } from './api';
import { SalesforceError, type FailureKind } from './errors';
import { callKind, type CallTracer } from './observer';
import { circuitName, refusedByCircuit, retryPolicy } from './policy';

/** One request's calls and retries against its budgets. */
interface Budget {
  max: number;
  used: number;
  retriesLeft: number;
  /** Calls that failed as outages (see `failedCalls`). */
  failed: number;
}

const OUTAGE_KINDS: ReadonlySet<FailureKind> = new Set(['unavailable', 'timeout', 'limit', 'auth']);

/** One request's bounds: its deadline, the deadline the gateway itself would give, its budgets. */
interface Scope {
  deadline: number;
  ownDeadline: number;
  budget: Budget;
  tracer?: CallTracer;
}

/** The client asked for less time than the gateway gives: a cut it causes is the client's. */
const clientShortened = (scope: Scope) => scope.deadline < scope.ownDeadline;

/** One HTTP attempt, bounded by the per-call timeout and what is left of the deadline, and counted. */
function attempt<T>(shared: Shared, scope: Scope, method: string, url: string, body: unknown, n: number): Promise<T> {
  const { options: o } = shared;
  const { budget } = scope;
  const now = o.clock();
  const left = scope.deadline - now;
  if (left <= 0) throw deadlineError(clientShortened(scope));
  const timeoutMs = Math.max(1, Math.min(o.timeoutMs, left));
  if (budget.used >= budget.max) {
    throw new CodedError({ code: 'UPSTREAM_LIMIT', message: `This request reached its budget of ${budget.max} Salesforce calls.`, retryable: false });
  }
  budget.used++;
  shared.calls++;
  // Whether this attempt's time was cut by the client's deadline below what the gateway allows.
  const cutByClient = clientShortened(scope) && timeoutMs < Math.min(o.timeoutMs, scope.ownDeadline - now);
  const { conn, observer } = shared;
  return sendAttempt<T>({ conn, method, url, body, n, timeoutMs, cutByClient, loginFailed: shared.connection.loginFailed, observer, tracer: scope.tracer });
}

/** Whether another replica met the API limit within the probe interval (read at most every 250 ms). */
async function limitOpenElsewhere(shared: Shared): Promise<boolean> {
  if (!shared.limitFlag) return false;
  const now = shared.options.clock();
  if (now - shared.flagSeen.at >= 250) shared.flagSeen = { at: now, open: await shared.limitFlag.isOpen() };
  return shared.flagSeen.open;
}

type Call = <T>(method: string, url: string, body: unknown, callOptions?: CallOptions) => Promise<T>;

/** Calls within a request's bounds: attempts under its retry policy, inside the shared circuits. */
function caller(shared: Shared, scope: Scope): Call {
  const { options: o } = shared;
  const { budget } = scope;
  /** This request's retry policies, one per class of call and attempt count, made on first use. */
  const policies = new Map<string, RetryPolicy>();
  const limits = {
    budget,
    remaining: () => scope.deadline - o.clock(),
    probing: () => shared.circuits.outage.state === CircuitState.HalfOpen,
    baseMs: o.retryBaseMs,
    maxMs: o.retryMaxMs,
  };
  function policyFor(method: string, callOptions: CallOptions): RetryPolicy {
    const kind = method === 'GET' || callOptions.idempotent === true ? 'safe' : callOptions.keyed === true ? 'keyed' : 'once';
    const attempts = Math.min(o.maxAttempts, callOptions.attempts ?? o.maxAttempts);
    const key = `${kind}:${attempts}`;
    let policy = policies.get(key);
    if (!policy) policies.set(key, (policy = retryPolicy(kind, attempts, limits)));
    return policy;
  }

  return async function call<T>(method: string, url: string, body: unknown, callOptions: CallOptions = {}): Promise<T> {
    if (await limitOpenElsewhere(shared)) {
      budget.failed++;
      throw new SalesforceError({
        kind: 'limit',
        errorCode: 'REQUEST_LIMIT_EXCEEDED',
        message: 'The Salesforce API limit is exhausted (seen by another replica)',
      });
    }
    // Past the deadline, nothing is sent and no breaker hears of it (a probe included).
    if (limits.remaining() <= 0) {
      budget.failed++;
      throw deadlineError(clientShortened(scope));
    }
    const policy = policyFor(method, callOptions);
    try {
      // The outage circuit counts calls that failed after their retries; the call it lets through
      // as a probe is not retried, so a probe costs exactly one attempt.
      return await shared.circuits.all.execute(() =>
        policy.execute(({ attempt: retried }) => {
          if (retried > 0) shared.observer.retry(callKind(url));
          return attempt<T>(shared, scope, method, url, body, retried + 1);
        }),
      );
    } catch (e) {
      if (!(e instanceof SalesforceError) || OUTAGE_KINDS.has(e.kind)) budget.failed++;
      throw refusedByCircuit(e, shared.circuits) ?? e;
    }
  };
}

/** One request's view of the client (the shared client is the view without bounds). */
export function view(
  shared: Shared,
  deadline: number,
  budget: Budget = { max: Infinity, used: 0, retriesLeft: Infinity, failed: 0 },
  tracer?: CallTracer,
  ownDeadline = deadline,
  reads: ReadDependencies | null = null,
): SalesforceApi {
  const { conn, options: o } = shared;
  const base = `/services/data/v${shared.apiVersion}`;
  const call = caller(shared, { deadline, ownDeadline, budget, tracer });

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
      return view(shared, d, budget, tracer, d + (ownDeadline - deadline), reads);
    },
    withReads: (r) => view(shared, deadline, budget, tracer, ownDeadline, r),
    reads,
    remainingMs: () => deadline - o.clock(),
    health: () => ({
      apiUsage: (conn.limitInfo?.apiUsage as ApiUsage | undefined) ?? null,
      limitCircuit: circuitName(shared.circuits.limit),
      authCircuit: circuitName(shared.circuits.auth),
      outageCircuit: circuitName(shared.circuits.outage),
    }),
    async query<T>(soql: string, opts?: CallOptions) {
      let page = await call<QueryResult<T> & { nextRecordsUrl?: string }>('GET', `${base}/query?q=${encodeURIComponent(soql)}`, undefined, opts);
      const records = [...page.records];
      for (let i = 1; !page.done && page.nextRecordsUrl && i < o.maxPages; i++) {
        page = await call('GET', page.nextRecordsUrl, undefined, opts);
        records.push(...page.records);
      }
      reads?.rows(records);
      return { totalSize: page.totalSize, done: page.done, records };
    },
    async search<T>(sosl: string, opts?: CallOptions) {
      const result = await call<{ searchRecords: T[] }>('GET', `${base}/search?q=${encodeURIComponent(sosl)}`, undefined, opts);
      reads?.rows(result.searchRecords);
      return result.searchRecords;
    },
    request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, opts?: CallOptions) {
      return call<T>(method, `${base}${path}`, body, opts);
    },
  };
}
