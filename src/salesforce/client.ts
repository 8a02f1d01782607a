/**
 * Every Salesforce REST call of the gateway goes through here, over the one shared jsforce
 * Connection: per-call timeout, no jsforce retry (its 5 retries with 15 s of sleeping are far too
 * slow for a live call, reference §9.2), and failures normalised into SalesforceError with
 * Salesforce's own errorCode, so that callers never see a raw jsforce error.
 */
import type { Connection } from 'jsforce';
import type { SalesforceConnection } from './connection';

/** What kind of upstream failure this is, for callers deciding what to tell clients. */
export type FailureKind = 'rejected' | 'unavailable' | 'timeout' | 'limit' | 'auth';

/** A failed Salesforce call. `errorCode` is Salesforce's (e.g. MALFORMED_QUERY), or ours for transport failures. */
export class SalesforceError extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly errorCode: string,
    message: string,
    readonly status?: number,
    readonly fields: string[] = [],
    /** Every error item Salesforce returned, for DML that reports several. */
    readonly items: { errorCode: string; message: string; fields: string[] }[] = [],
    /** Seconds, from a Retry-After header. */
    readonly retryAfter?: number,
    /** No answer came back (timeout, reset connection): a write may or may not have happened. */
    readonly noResponse = false,
  ) {
    super(message);
    this.name = 'SalesforceError';
  }
}

export interface QueryResult<T> {
  totalSize: number;
  done: boolean;
  records: T[];
}

export interface CallOptions {
  /** Overrides the default per-call timeout. */
  timeoutMs?: number;
}

export interface SalesforceApiOptions {
  /** Per-call timeout. @default 10_000 */
  timeoutMs?: number;
  /** Pages fetched at most when following `nextRecordsUrl`. @default 5 */
  maxPages?: number;
}

const STATUS_KIND: Record<number, FailureKind> = { 401: 'auth', 408: 'timeout', 502: 'unavailable', 503: 'unavailable', 504: 'timeout', 500: 'unavailable' };

/** Maps whatever jsforce threw to a SalesforceError (the only error type leaving this module). */
export function toSalesforceError(e: unknown): SalesforceError {
  if (e instanceof SalesforceError) return e;
  const err = e as { name?: string; errorCode?: string; message?: string; data?: unknown; code?: string };
  const message = typeof err?.message === 'string' ? err.message : String(e);
  if (message === 'Request Timeout') {
    return new SalesforceError('timeout', 'UPSTREAM_TIMEOUT', 'Salesforce did not answer in time', undefined, [], [], undefined, true);
  }
  if (message.startsWith('Unable to refresh session')) {
    return new SalesforceError('auth', 'UPSTREAM_AUTH', 'Salesforce session could not be renewed');
  }
  if (err?.name === 'SalesforceAuthError') return new SalesforceError('auth', 'UPSTREAM_AUTH', message);
  if (err?.name === 'FetchError' || err?.code === 'ECONNRESET' || err?.code === 'ECONNREFUSED') {
    // ECONNREFUSED means nothing was sent; anything else may have reached Salesforce.
    return new SalesforceError('unavailable', err.code ?? 'NETWORK_ERROR', 'Salesforce could not be reached', undefined, [], [], undefined, err.code !== 'ECONNREFUSED');
  }
  if (typeof err?.errorCode === 'string') {
    const data = err.data as { fields?: unknown } | unknown[] | undefined;
    const items = (Array.isArray(data) ? data : data ? [data] : []) as { errorCode?: string; statusCode?: string; message?: string; fields?: string[] }[];
    const normalised = items.map((i) => ({ errorCode: i.errorCode ?? i.statusCode ?? err.errorCode!, message: i.message ?? '', fields: i.fields ?? [] }));
    const code = err.errorCode;
    const httpStatus = /^ERROR_HTTP_(\d{3})$/.exec(code);
    const status = httpStatus ? Number(httpStatus[1]) : undefined;
    let kind: FailureKind = 'rejected';
    if (code === 'REQUEST_LIMIT_EXCEEDED') kind = 'limit';
    else if (code === 'INVALID_SESSION_ID' || code === 'INVALID_AUTH_HEADER') kind = 'auth';
    else if (code === 'SERVER_UNAVAILABLE' || code === 'UNABLE_TO_LOCK_ROW') kind = 'unavailable';
    else if (status !== undefined) kind = STATUS_KIND[status] ?? (status >= 500 ? 'unavailable' : 'rejected');
    return new SalesforceError(kind, code, message, status, normalised[0]?.fields ?? [], normalised);
  }
  return new SalesforceError('unavailable', 'UNKNOWN', message);
}

export interface SalesforceApi {
  readonly apiVersion: string;
  /** Runs SOQL and follows `nextRecordsUrl` (bounded by maxPages). */
  query<T>(soql: string, options?: CallOptions): Promise<QueryResult<T>>;
  /** Runs SOSL; returns `searchRecords`. */
  search<T>(sosl: string, options?: CallOptions): Promise<T[]>;
  /** A REST call relative to `/services/data/vNN.N`. */
  request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, options?: CallOptions): Promise<T>;
  /** REST calls made so far (for tests and benchmarks). */
  readonly calls: number;
}

export function createSalesforceApi(connection: SalesforceConnection, options: SalesforceApiOptions = {}): SalesforceApi {
  const conn: Connection = connection.conn;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxPages = options.maxPages ?? 5;
  let calls = 0;
  const base = `/services/data/v${connection.apiVersion}`;

  async function call<T>(method: string, url: string, body: unknown, opts: CallOptions = {}): Promise<T> {
    calls++;
    try {
      return (await conn.request<T>(
        {
          method: method as 'GET',
          url,
          ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
        },
        // One retry layer: ours. jsforce's own retries are switched off per call.
        { retry: { maxRetries: 0 }, timeout: opts.timeoutMs ?? timeoutMs } as never,
      )) as T;
    } catch (e) {
      throw toSalesforceError(e);
    }
  }

  return {
    apiVersion: connection.apiVersion,
    get calls() {
      return calls;
    },
    async query<T>(soql: string, opts?: CallOptions) {
      let page = await call<QueryResult<T> & { nextRecordsUrl?: string }>('GET', `${base}/query?q=${encodeURIComponent(soql)}`, undefined, opts);
      const records = [...page.records];
      for (let i = 1; !page.done && page.nextRecordsUrl && i < maxPages; i++) {
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
