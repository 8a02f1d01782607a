/**
 * One HTTP attempt of a Salesforce call over the shared jsforce Connection, and the one place
 * where whatever it threw becomes a SalesforceError: our transport's failure, the answer's status
 * and headers, Salesforce's errorCode and error items as jsforce parsed them, or a failed login.
 * The attempt is bounded by cockatiel's aggressive timeout: whatever jsforce waits on (a session
 * refresh included), the gateway stops waiting when the attempt's time is up.
 */
import { TaskCancelledError, TimeoutStrategy, timeout } from 'cockatiel';
import type { Connection } from 'jsforce';
import { SalesforceError, type FailureKind, type SalesforceErrorItem } from './errors';
import { callKind, type CallTracer, type SalesforceObserver } from './observer';
import { CallTransport, TransportFailure } from './transport';

const STATUS_KIND: Record<number, FailureKind> = { 401: 'auth', 408: 'timeout', 502: 'unavailable', 503: 'unavailable', 504: 'timeout', 500: 'unavailable' };

const KIND_BY_CODE: Record<string, FailureKind> = {
  REQUEST_LIMIT_EXCEEDED: 'limit',
  INVALID_SESSION_ID: 'auth',
  INVALID_AUTH_HEADER: 'auth',
  SERVER_UNAVAILABLE: 'unavailable',
  UNABLE_TO_LOCK_ROW: 'unavailable',
};

/** Maps whatever one attempt threw to a SalesforceError, from typed facts only. */
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

/** A timeout raised by us when the request's deadline passes; `clientDeadline` when it was the client's shorter one. */
export const deadlineError = (clientDeadline: boolean, cause?: unknown) =>
  new SalesforceError({
    kind: 'timeout',
    errorCode: 'UPSTREAM_TIMEOUT',
    message: 'The request deadline passed before Salesforce answered',
    noResponse: true,
    clientDeadline,
    cause,
  });

export interface Attempt {
  conn: Connection;
  method: string;
  url: string;
  body: unknown;
  /** 1 for the first attempt of a call. */
  n: number;
  /** The attempt's time: the per-call timeout or what is left of the deadline, whichever is less. */
  timeoutMs: number;
  /** This attempt's time was cut below what the gateway allows by the client's shorter deadline. */
  cutByClient: boolean;
  loginFailed: () => boolean;
  observer: SalesforceObserver;
  tracer?: CallTracer;
}

/** Sends one attempt; resolves with the answer or rejects with a SalesforceError. */
export async function sendAttempt<T>(a: Attempt): Promise<T> {
  const transport = new CallTransport(a.timeoutMs);
  const kind = callKind(a.url);
  const span = a.tracer?.(kind, a.method, a.n);
  const request = {
    method: a.method as 'GET',
    url: a.url,
    ...(a.body === undefined ? {} : { body: JSON.stringify(a.body), headers: { 'Content-Type': 'application/json' } }),
  };
  try {
    // The transport's own timeout fires first for the HTTP exchange; this one bounds the rest.
    const result = await timeout(a.timeoutMs + 5, TimeoutStrategy.Aggressive).execute(() => a.conn.request<T>(request, { transport }));
    transport.assertUsed();
    const status = String(transport.response?.status ?? 200);
    a.observer.call(kind, status);
    span?.end(status);
    return result;
  } catch (e) {
    let failure = e instanceof TaskCancelledError ? deadlineError(a.cutByClient, e) : toSalesforceError(e, transport, a.loginFailed());
    if (a.cutByClient && failure.kind === 'timeout' && !failure.clientDeadline) {
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
    a.observer.call(kind, status);
    span?.end(status, failure.errorCode);
    throw failure;
  }
}
