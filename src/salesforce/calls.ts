/** Logged calls: Tasks with TaskSubtype Call, on the customer (WhoId) and the case (WhatId). */
import type { SalesforceApi } from './api';
import { childPages, type PageRequest } from './pages';
import type { CallRecord, Page } from '../domain/records';
import { CALL_FIELDS, toCall } from './records';
import { chunk, eq, idIn, select } from './soql';

type Row = Record<string, unknown>;

const IS_CALL = eq('TaskSubtype', 'Call');

export async function findCallsByIds(sf: SalesforceApi, ids: readonly string[]): Promise<CallRecord[]> {
  const pages = await Promise.all(chunk(ids).map((part) => sf.query<Row>(select({ fields: CALL_FIELDS, from: 'Task', where: [idIn('Id', part), IS_CALL] }))));
  return pages.flatMap((p) => p.records.map(toCall));
}

/** One page of calls for each parent (Contact via WhoId, Case via WhatId), newest first. */
export function findCallsByParents(
  sf: SalesforceApi,
  parent: 'Contact' | 'Case',
  parentIds: readonly string[],
  page: PageRequest,
): Promise<Map<string, Page<CallRecord>>> {
  return childPages(sf, { parent, relationship: 'Tasks', fields: CALL_FIELDS, where: [IS_CALL], map: toCall }, parentIds, page);
}

/** A call as its input names it, checked already (`from` in E.164). */
export type CallFields = Omit<CallRecord, 'id' | 'createdAt'>;

/** Input names of the Task fields, for errors Salesforce reports by API name. */
export const CALL_INPUT_NAMES: Record<string, string> = {
  WhoId: 'customerId',
  WhatId: 'caseId',
  CallType: 'direction',
  Call_From__c: 'from',
  Call_Started_At__c: 'startedAt',
  CallDurationInSeconds: 'durationSeconds',
  Description: 'summary',
  CallDisposition: 'outcome',
  CallObject: 'externalCallId',
};

/** The completed Task that records a call, as a telephony integration logs one. */
export function callRow(call: CallFields): Row {
  const direction = call.direction === 'OUTBOUND' ? 'Outbound' : 'Inbound';
  const row: Row = {
    Subject: `${direction} call`,
    Status: 'Completed',
    Priority: 'Normal',
    Type: 'Call',
    TaskSubtype: 'Call',
    CallType: direction,
    ActivityDate: call.startedAt.toISOString().slice(0, 10),
    Call_Started_At__c: call.startedAt.toISOString(),
    CallDurationInSeconds: call.durationSeconds,
    WhoId: call.contactId,
    WhatId: call.caseId,
    Call_From__c: call.from,
    Description: call.summary,
    CallDisposition: call.outcome,
    CallObject: call.externalCallId,
  };
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null));
}
