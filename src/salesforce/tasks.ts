/** Follow-ups: the Tasks whose Follow_Up_Channel__c is set. */
import type { SalesforceApi } from './client';
import { childPages, type Page, type PageRequest } from './pages';
import { FOLLOW_UP_CHANNEL_FIELD, FOLLOW_UP_FIELDS, toFollowUp, type FollowUpChannel, type FollowUpRecord, type FollowUpStatus } from './records';
import { assertId, chunk, idIn, notNull, select } from './soql';

type Row = Record<string, unknown>;

export async function findFollowUpsByIds(sf: SalesforceApi, ids: readonly string[]): Promise<FollowUpRecord[]> {
  const pages = await Promise.all(
    chunk(ids).map((part) =>
      sf.query<Row>(select({ fields: FOLLOW_UP_FIELDS, from: 'Task', where: [idIn('Id', part), notNull(FOLLOW_UP_CHANNEL_FIELD)] })),
    ),
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
  return childPages(sf, { parent, relationship: 'Tasks', fields: FOLLOW_UP_FIELDS, where: [notNull(FOLLOW_UP_CHANNEL_FIELD)], map: toFollowUp }, parentIds, page);
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

function taskBody(intent: FollowUpIntent, today: string): Record<string, unknown> {
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

/** Records the intent to send (status PENDING), keyed for idempotency; returns the Task Id. */
export async function recordFollowUp(
  sf: SalesforceApi,
  intent: FollowUpIntent,
  key: { field: string; value: string; fingerprintField: string; fingerprint: string } | null,
  today: string,
): Promise<{ id: string; created: boolean }> {
  const body = taskBody(intent, today);
  if (!key) {
    const created = await sf.request<{ id: string }>('POST', '/sobjects/Task', body);
    return { id: created.id, created: true };
  }
  body[key.fingerprintField] = key.fingerprint;
  const result = await sf.request<{ id: string; created?: boolean }>('PATCH', `/sobjects/Task/${key.field}/${encodeURIComponent(key.value)}`, body, {
    idempotent: true,
  });
  return { id: result.id, created: result.created !== false };
}

/** Moves a follow-up to a new status. */
export async function updateFollowUpStatus(sf: SalesforceApi, id: string, status: FollowUpStatus): Promise<void> {
  await sf.request('PATCH', `/sobjects/Task/${assertId(id)}`, { Follow_Up_Status__c: status, Status: TASK_STATUS[status] }, { idempotent: true });
}
