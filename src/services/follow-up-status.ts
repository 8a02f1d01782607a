/**
 * Every change of a follow-up's status goes through here: the sender's SENT or FAILED and the
 * provider's delivery reports. The domain machine decides whether a move is forward; the write
 * itself is conditional in Salesforce (salesforce/tasks.ts), so a report that lands between a
 * read and a write is never overwritten by an older state.
 */
import { canAdvance, type FollowUpStatus } from '../domain/follow-up-status';
import type { SalesforceApi } from '../salesforce/api';
import { findFollowUpsByIds, writeFollowUpStatus } from '../salesforce/tasks';

export type AdvanceOutcome = 'moved' | 'unchanged' | 'not-found';

/**
 * Moves the follow-up to `to` if that is forward of where it stands. `known` is its status when
 * the caller knows it (the sender, which just wrote PENDING), saving a read.
 */
export async function advanceFollowUp(sf: SalesforceApi, id: string, to: FollowUpStatus, known?: FollowUpStatus): Promise<AdvanceOutcome> {
  let current = known;
  if (current === undefined) {
    const [found] = await findFollowUpsByIds(sf, [id]);
    if (!found) return 'not-found';
    current = found.status;
  }
  if (!canAdvance(current, to)) return 'unchanged';
  return (await writeFollowUpStatus(sf, id, to)) === 'written' ? 'moved' : 'unchanged';
}
