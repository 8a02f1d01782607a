/**
 * The follow-up status machine: PENDING → SENT → DELIVERED | FAILED, and PENDING → FAILED. A
 * status never moves backwards, and DELIVERED and FAILED are final, so a delivery report that
 * arrives before the sender records SENT is never overwritten by the older state.
 */
export type FollowUpChannel = 'SMS' | 'EMAIL';
export type FollowUpStatus = 'PENDING' | 'SENT' | 'DELIVERED' | 'FAILED';

export const FOLLOW_UP_STATUSES: readonly FollowUpStatus[] = ['PENDING', 'SENT', 'DELIVERED', 'FAILED'];

const RANK: Record<FollowUpStatus, number> = { PENDING: 0, SENT: 1, DELIVERED: 2, FAILED: 2 };

/** Whether a follow-up in `from` may move to `to` (staying put is not a move). */
export function canAdvance(from: FollowUpStatus, to: FollowUpStatus): boolean {
  return RANK[to] > RANK[from];
}

/**
 * The status an SMS provider's report means (Twilio's MessageStatus values), or null for the
 * interim ones (queued, sending, accepted) that change nothing.
 * https://www.twilio.com/docs/messaging/api/message-resource#message-status-values
 */
export function statusOfReport(reported: string): FollowUpStatus | null {
  switch (reported) {
    case 'sent':
      return 'SENT';
    case 'delivered':
      return 'DELIVERED';
    case 'undelivered':
    case 'failed':
      return 'FAILED';
    default:
      return null;
  }
}
