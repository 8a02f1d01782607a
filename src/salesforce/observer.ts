/** What the Salesforce layer reports as it works, for metrics (the HTTP edge implements it). */
export type CallKind = 'query' | 'search' | 'sobject' | 'describe' | 'composite' | 'action' | 'limits' | 'other';

export interface SalesforceObserver {
  /** One HTTP attempt: its kind and outcome (an HTTP status, `network` or `timeout`). */
  call(kind: CallKind, status: string): void;
  /** A retry decided by the retry layer. */
  retry(kind: CallKind): void;
  /** A login, and whether it succeeded. */
  login(outcome: 'ok' | 'refused' | 'network' | 'guard'): void;
}

export const NO_OBSERVER: SalesforceObserver = { call: () => undefined, retry: () => undefined, login: () => undefined };

/** The kind of a REST call, from its URL (`/services/data/vNN.N/<resource>/...`). */
export function callKind(url: string): CallKind {
  const rest = url.replace(/^.*\/services\/data\/v\d+\.\d+/, '');
  const head = rest.split(/[/?]/)[1] ?? '';
  if (head === 'query' || head === 'queryAll') return 'query';
  if (head === 'search' || head === 'parameterizedSearch') return 'search';
  if (head === 'sobjects') return /\/describe\/?$/.test(rest.split('?')[0]!) ? 'describe' : 'sobject';
  if (head === 'composite') return 'composite';
  if (head === 'actions') return 'action';
  if (head === 'limits') return 'limits';
  return 'other';
}

/** One Salesforce call's span, ended with its outcome (tracing is the HTTP edge's business). */
export interface CallSpan {
  /** `status`: an HTTP status, `network` or `timeout`; `errorCode`: Salesforce's, on failure. */
  end(status: string, errorCode?: string): void;
}

/** Starts the span of one HTTP attempt of one request (`attempt` counts from 1). */
export type CallTracer = (kind: CallKind, method: string, attempt: number) => CallSpan;
