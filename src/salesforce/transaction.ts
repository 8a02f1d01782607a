/**
 * Several writes in ONE Salesforce transaction: `/composite` with `allOrNone`, so all of them
 * commit or none does (docs/salesforce-facts.md#writes-upsert-collections-composite). A later subrequest may use an earlier one's result with
 * `@{referenceId.id}`.
 */
import type { SalesforceApi } from './api';
import { MissingRecord, compositeCall, isHalted, missingReference, subrequestError, type SubAnswer, type SubRequest } from './composite';

/**
 * Runs the subrequests in one transaction and answers each one's body by its referenceId. When one
 * is refused, nothing is written and its error is thrown as a SalesforceError (`rejected`), as the
 * same write alone would have failed. `keyed`: one subrequest carries an idempotency key, so a
 * retry where Salesforce surely applied nothing (503, locked row) is safe. A lost answer is for
 * the caller to look up. GET subrequests read back what the writes wrote, in the same call. A
 * subrequest halted for want of an earlier one's record throws MissingRecord naming that one.
 */
export async function transaction(sf: SalesforceApi, subs: readonly SubRequest[], keyed = false): Promise<Record<string, SubAnswer & { id?: string }>> {
  const answers = await compositeCall(sf, subs, { allOrNone: true, keyed });
  const entries = Object.entries(answers);
  // A reference to an empty answer (a record that is not there) halts the rest: say which.
  const missing = missingReference(answers);
  if (missing !== null) throw new MissingRecord(missing);
  // The subrequest that failed, rather than the ones rolled back because of it.
  const failed = entries.find(([, a]) => a.status >= 400 && !isHalted(a.body)) ?? entries.find(([, a]) => a.status >= 400);
  if (failed) throw subrequestError(failed[0], failed[1]);
  return Object.fromEntries(entries.map(([ref, a]) => [ref, { ...a, id: (a.body as { id?: string } | null)?.id }]));
}
