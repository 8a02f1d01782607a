/** Follow-ups: the Tasks whose Follow_Up_Channel__c is set. */
import type { SalesforceApi } from './api';
import { SalesforceError } from './errors';
import { queryPath, rowsOf } from './composite';
import { childPages, type PageRequest } from './pages';
import type { CustomerRecord, FollowUpRecord, Page } from '../domain/records';
import { transaction } from './transaction';
import type { FollowUpChannel, FollowUpStatus } from '../domain/follow-up-status';
import { FOLLOW_UP_CHANNEL_FIELD, FOLLOW_UP_FIELDS, contactFields, toCustomer, toFollowUp, type OrgFields } from './records';
import { assertId, chunk, createdSince, eq, idIn, ne, notNull, select, subquery } from './soql';

type Row = Record<string, unknown>;

export async function findFollowUpsByIds(sf: SalesforceApi, ids: readonly string[]): Promise<FollowUpRecord[]> {
  const pages = await Promise.all(
    chunk(ids).map((part) => sf.query<Row>(select({ fields: FOLLOW_UP_FIELDS, from: 'Task', where: [idIn('Id', part), notNull(FOLLOW_UP_CHANNEL_FIELD)] }))),
  );
  return pages.flatMap((p) => p.records.map(toFollowUp));
}

/** One page of follow-ups for each parent (Contact via WhoId, Case via WhatId), newest first. */
export function findFollowUpsByParents(
  sf: SalesforceApi,
  parent: 'Contact' | 'Case',
  parentIds: readonly string[],
  page: PageRequest,
): Promise<Map<string, Page<FollowUpRecord>>> {
  return childPages(
    sf,
    { parent, relationship: 'Tasks', fields: FOLLOW_UP_FIELDS, where: [notNull(FOLLOW_UP_CHANNEL_FIELD)], map: toFollowUp },
    parentIds,
    page,
  );
}

// ---------------------------------------------------------------------------------------------
// Writing follow-ups.

export interface FollowUpIntent {
  contactId: string;
  caseId: string | null;
  channel: FollowUpChannel;
  to: string;
  subject: string | null;
  body: string;
}

/** The fields read with a follow-up's key, to answer a retry (see followUpState). */
export const FOLLOW_UP_STATE_FIELDS = ['Follow_Up_Status__c', 'CreatedDate'] as const;

/** Status and creation time from a row read with FOLLOW_UP_STATE_FIELDS. */
export function followUpState(row: Record<string, unknown>): { status: FollowUpStatus; createdAt: Date; subject: string | null } {
  const { status, createdAt, subject } = toFollowUp(row);
  return { status, createdAt, subject };
}

/**
 * The provider's outcome of a follow-up, with the address it went to, and the follow-up read back,
 * in one call. A move backwards (a delivery report already recorded) is refused by the org's
 * forward-only rule: then only the address is written, and nothing is read back.
 */
export async function recordFollowUpOutcome(sf: SalesforceApi, id: string, status: FollowUpStatus, to: string): Promise<FollowUpRecord | null> {
  try {
    const results = await transaction(sf, [
      {
        method: 'PATCH',
        path: `/sobjects/Task/${assertId(id)}`,
        referenceId: 'outcome',
        body: { Follow_Up_Status__c: status, Status: TASK_STATUS[status], Follow_Up_To__c: to },
      },
      { method: 'GET', path: queryPath(select({ fields: FOLLOW_UP_FIELDS, from: 'Task', where: [eq('Id', id)] })), referenceId: 'followUp' },
    ]);
    const [row] = rowsOf(results.followUp);
    return row ? toFollowUp(row) : null;
  } catch (e) {
    const forwardOnly =
      e instanceof SalesforceError && e.items.some((i) => i.errorCode === 'FIELD_CUSTOM_VALIDATION_EXCEPTION' && i.fields.includes('Follow_Up_Status__c'));
    if (!forwardOnly) throw e;
    await sf.request('PATCH', `/sobjects/Task/${assertId(id)}`, { Follow_Up_To__c: to }, { idempotent: true });
    return null;
  }
}

/** Input names of the Task fields, for errors Salesforce reports by API name. */
export const FOLLOW_UP_INPUT_NAMES: Record<string, string> = {
  WhoId: 'customerId',
  WhatId: 'caseId',
  Subject: 'subject',
  Description: 'body',
  Follow_Up_To__c: 'to',
  Follow_Up_Channel__c: 'channel',
};

/** Task.Status for each follow-up status: the activity is done once the provider has answered. */
const TASK_STATUS: Record<FollowUpStatus, string> = { PENDING: 'In Progress', SENT: 'Completed', DELIVERED: 'Completed', FAILED: 'Completed' };

/** The Task that records a follow-up's intent (status PENDING). */
export function followUpRow(intent: FollowUpIntent, today: string): Record<string, unknown> {
  return {
    WhoId: intent.contactId,
    ...(intent.caseId ? { WhatId: intent.caseId } : {}),
    Subject: (intent.subject ?? `SMS: ${intent.body}`).slice(0, 255),
    Description: intent.body,
    Status: TASK_STATUS.PENDING,
    Priority: 'Normal',
    TaskSubtype: intent.channel === 'EMAIL' ? 'Email' : 'Task',
    ActivityDate: today,
    Follow_Up_Channel__c: intent.channel,
    Follow_Up_To__c: intent.to,
    Follow_Up_Status__c: 'PENDING',
  };
}

/**
 * Moves a follow-up to a new status, conditionally: the org's Follow_Up_Status_Forward_Only
 * validation rule (schema/salesforce) refuses a move backwards inside Salesforce, atomically, and
 * that refusal is answered as `superseded` (a later state is already recorded). Safe to repeat.
 */
export async function writeFollowUpStatus(sf: SalesforceApi, id: string, status: FollowUpStatus): Promise<'written' | 'superseded'> {
  try {
    await sf.request('PATCH', `/sobjects/Task/${assertId(id)}`, { Follow_Up_Status__c: status, Status: TASK_STATUS[status] }, { idempotent: true });
    return 'written';
  } catch (e) {
    const forwardOnly =
      e instanceof SalesforceError && e.items.some((i) => i.errorCode === 'FIELD_CUSTOM_VALIDATION_EXCEPTION' && i.fields.includes('Follow_Up_Status__c'));
    if (forwardOnly) return 'superseded';
    throw e;
  }
}

/**
 * The customer a follow-up goes to, read with the SMS follow-ups they were sent since `since`
 * (not FAILED; at most `cap` counted): one query for both, so the per-customer SMS limit costs no
 * extra call.
 */
/** The customer to message, with their SMS follow-ups since `since` (at most cap + 1 counted): one statement. */
export function recipientQuery(config: OrgFields, contactId: string, since: Date, cap: number, besides: string | null = null): string {
  const recent = subquery({
    fields: ['Id'],
    from: 'Tasks',
    where: [eq(FOLLOW_UP_CHANNEL_FIELD, 'SMS'), ne('Follow_Up_Status__c', 'FAILED'), createdSince(since), besides ? ne('Id', assertId(besides)) : null],
    limit: cap + 1,
  });
  return select({ fields: [...contactFields(config), recent], from: 'Contact', where: [idIn('Id', [contactId])] });
}

/** A row of `recipientQuery` as the customer and the count of their recent texts. */
export function recipientOf(row: Record<string, unknown>, config: OrgFields): { customer: CustomerRecord; recentSms: number } {
  const tasks = (row.Tasks as { records?: unknown[] } | null)?.records ?? [];
  return { customer: toCustomer(row, config), recentSms: tasks.length };
}

export async function findRecipient(
  sf: SalesforceApi,
  config: OrgFields,
  contactId: string,
  since: Date,
  cap: number,
  /** A follow-up not to count (the one being sent). */
  besides: string | null = null,
): Promise<{ customer: CustomerRecord; recentSms: number } | null> {
  const result = await sf.query<Record<string, unknown>>(recipientQuery(config, contactId, since, cap, besides));
  const row = result.records[0];
  return row ? recipientOf(row, config) : null;
}
