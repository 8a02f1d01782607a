/**
 * Several writes in ONE Salesforce transaction: `/composite` with `allOrNone`, so all of them
 * commit or none does (reference §6.6). A later subrequest may use an earlier one's result with
 * `@{referenceId.id}`.
 */
import { SalesforceError, type SalesforceApi } from './client';

export interface SubRequest {
  method: 'POST' | 'PATCH';
  /** Relative to `/services/data/vNN.N`, e.g. `/sobjects/CaseComment`. */
  path: string;
  referenceId: string;
  body: Record<string, unknown>;
}

interface SubResponse {
  body: unknown;
  httpStatusCode: number;
  referenceId: string;
}

/**
 * Runs the subrequests in one transaction and answers each one's body by its referenceId. When one
 * is refused, nothing is written and its error is thrown as a SalesforceError (`rejected`), as the
 * same write alone would have failed. `keyed`: one subrequest carries an idempotency key, so a
 * retry where Salesforce surely applied nothing (503, locked row) is safe. A lost answer is for
 * the caller to look up.
 */
export async function transaction(sf: SalesforceApi, subs: readonly SubRequest[], keyed = false): Promise<Record<string, { id?: string }>> {
  const base = `/services/data/v${sf.apiVersion}`;
  const result = await sf.request<{ compositeResponse: SubResponse[] }>('POST', '/composite', {
    allOrNone: true,
    compositeRequest: subs.map((s) => ({ method: s.method, url: `${base}${s.path}`, referenceId: s.referenceId, body: s.body })),
  }, { keyed });
  const responses = result.compositeResponse;
  // The subrequest that failed, rather than the ones rolled back because of it.
  const failed = responses.find((r) => r.httpStatusCode >= 400 && !isHalted(r.body)) ?? responses.find((r) => r.httpStatusCode >= 400);
  if (failed) {
    const items = (Array.isArray(failed.body) ? failed.body : []) as { errorCode?: string; message?: string; fields?: string[] }[];
    const first = items[0];
    throw new SalesforceError({
      kind: failed.httpStatusCode >= 500 ? 'unavailable' : 'rejected',
      errorCode: first?.errorCode ?? 'COMPOSITE_FAILED',
      message: first?.message ?? `Subrequest ${failed.referenceId} failed`,
      status: failed.httpStatusCode,
      items: items.map((i) => ({ errorCode: i.errorCode ?? 'UNKNOWN', message: i.message ?? '', fields: i.fields ?? [] })),
    });
  }
  return Object.fromEntries(responses.map((r) => [r.referenceId, (r.body ?? {}) as { id?: string }]));
}

const isHalted = (body: unknown): boolean =>
  Array.isArray(body) && body.some((i) => ['PROCESSING_HALTED', 'ALL_OR_NONE_OPERATION_ROLLED_BACK'].includes((i as { errorCode?: string }).errorCode ?? ''));
