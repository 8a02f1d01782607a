/**
 * One `/composite` call (docs/salesforce-facts.md#writes-upsert-collections-composite): up to 25 subrequests, reads (GET, up to 5 queries)
 * and writes, with `@{referenceId.path}` references from earlier answers. It counts as ONE API
 * call, so a write, the checks that feed it and the read of what it wrote cost one call.
 * With `allOrNone` all writes commit or none does; without it, a subrequest that fails skips
 * only those that refer to it, and every other answer is there to read.
 */
import type { SalesforceApi } from './api';
import { SalesforceError } from './errors';

export interface SubRequest {
  method: 'GET' | 'POST' | 'PATCH';
  /** Relative to `/services/data/vNN.N`, e.g. `/sobjects/CaseComment`, or `queryPath(soql)`. */
  path: string;
  referenceId: string;
  body?: Record<string, unknown>;
}

export interface SubAnswer {
  status: number;
  body: unknown;
}

/**
 * A query subrequest's path. The SOQL is URL-encoded but for its `@{…}` references, which
 * Salesforce resolves in the URL as written.
 */
export function queryPath(soql: string): string {
  return `/query?q=${encodeURIComponent(soql).replace(/%40%7B(.*?)%7D/g, (_whole, inner: string) => `@{${decodeURIComponent(inner)}}`)}`;
}

const HALTED = 'PROCESSING_HALTED';

/** Whether a subrequest's answer only says that another one failed. */
export const isHalted = (body: unknown) => Array.isArray(body) && (body as { errorCode?: string }[]).every((i) => i.errorCode === HALTED);

/**
 * Runs the subrequests in one call and answers each one by its referenceId. `keyed`: a write
 * carries an idempotency key, so the call may be retried where Salesforce surely applied nothing.
 */
export async function compositeCall(
  sf: SalesforceApi,
  subs: readonly SubRequest[],
  options: { allOrNone: boolean; keyed: boolean },
): Promise<Record<string, SubAnswer>> {
  const base = `/services/data/v${sf.apiVersion}`;
  const result = await sf.request<{ compositeResponse: { body: unknown; httpStatusCode: number; referenceId: string }[] }>(
    'POST',
    '/composite',
    {
      allOrNone: options.allOrNone,
      compositeRequest: subs.map((s) => ({ method: s.method, url: `${base}${s.path}`, referenceId: s.referenceId, ...(s.body ? { body: s.body } : {}) })),
    },
    { keyed: options.keyed },
  );
  return Object.fromEntries(result.compositeResponse.map((r) => [r.referenceId, { status: r.httpStatusCode, body: r.body }]));
}

/**
 * A subrequest needed a value from an earlier answer that had none (a query that found no row):
 * Salesforce halts it with PROCESSING_HALTED and names the reference in its message, "Invalid
 * reference specified. No value for target.records[0].Id found in target." (REST API guide,
 * "Composite Subrequest Result"). `referenceId` is the earlier answer that was empty.
 */
export class MissingRecord extends Error {
  constructor(readonly referenceId: string) {
    super(`Subrequest ${referenceId} found nothing that a later one needed`);
    this.name = 'MissingRecord';
  }
}

const NO_VALUE = /No value for ([A-Za-z0-9_]+)[.[]/;

/** The referenceId whose empty answer halted a later subrequest, whatever the others say; null when none did. */
export function missingReference(answers: Record<string, SubAnswer>): string | null {
  for (const a of Object.values(answers)) {
    if (a.status < 400 || !Array.isArray(a.body)) continue;
    for (const item of a.body as { message?: string }[]) {
      const m = NO_VALUE.exec(item.message ?? '');
      if (m) return m[1]!;
    }
  }
  return null;
}

/** A subrequest's refusal as the SalesforceError the same call alone would have thrown. */
export function subrequestError(referenceId: string, answer: SubAnswer): SalesforceError {
  const items = (Array.isArray(answer.body) ? answer.body : []) as { errorCode?: string; message?: string; fields?: string[] }[];
  const first = items[0];
  return new SalesforceError({
    kind: answer.status >= 500 ? 'unavailable' : 'rejected',
    errorCode: first?.errorCode ?? 'COMPOSITE_FAILED',
    message: first?.message ?? `Subrequest ${referenceId} failed`,
    status: answer.status,
    items: items.map((i) => ({ errorCode: i.errorCode ?? 'UNKNOWN', message: i.message ?? '', fields: i.fields ?? [] })),
  });
}

/** The records a query subrequest answered; empty when it failed. */
export function rowsOf(answer: SubAnswer | undefined): Record<string, unknown>[] {
  if (!answer || answer.status >= 400) return [];
  return (answer.body as { records?: Record<string, unknown>[] } | null)?.records ?? [];
}

/** Whether a query subrequest answered and found no row (a check that failed, rather than a call). */
export function foundNothing(answer: SubAnswer | undefined): boolean {
  return answer !== undefined && answer.status < 400 && rowsOf(answer).length === 0;
}

/** The Id an insert subrequest created; its refusal (or a missing answer) as the SalesforceError. */
export function insertedId(answers: Record<string, SubAnswer>, referenceId: string): string {
  const answer = answers[referenceId];
  if (!answer || answer.status >= 400) throw subrequestError(referenceId, answer ?? { status: 500, body: [] });
  return String((answer.body as { id: string }).id);
}
