/** Follow-ups: the Tasks whose Follow_Up_Channel__c is set. */
import type { SalesforceApi } from './client';
import { afterCondition, NEWEST_FIRST, toPage, type Page, type PageRequest } from './pages';
import { FOLLOW_UP_FIELDS, FOLLOW_UP_FILTER, toFollowUp, type FollowUpRecord } from './records';
import { chunk, idList } from './soql';

type Row = Record<string, unknown>;

export async function findFollowUpsByIds(sf: SalesforceApi, ids: readonly string[]): Promise<FollowUpRecord[]> {
  const pages = await Promise.all(
    chunk(ids).map((part) =>
      sf.query<Row>(`SELECT ${FOLLOW_UP_FIELDS.join(', ')} FROM Task WHERE Id IN ${idList(part)} AND ${FOLLOW_UP_FILTER}`),
    ),
  );
  return pages.flatMap((p) => p.records.map(toFollowUp));
}

/**
 * One page of follow-ups for each parent (Contact via WhoId, Case via WhatId), newest first, in
 * one parent-to-child query per chunk of parents: the per-parent `first` is pushed into the
 * subquery's LIMIT, so no parent's full history is fetched.
 */
export async function findFollowUpsByParents(
  sf: SalesforceApi,
  parent: 'Contact' | 'Case',
  parentIds: readonly string[],
  page: PageRequest,
): Promise<Map<string, Page<FollowUpRecord>>> {
  const where = [FOLLOW_UP_FILTER, afterCondition(page.after)].filter(Boolean).join(' AND ');
  const sub = `(SELECT ${FOLLOW_UP_FIELDS.join(', ')} FROM Tasks WHERE ${where} ${NEWEST_FIRST} LIMIT ${page.first + 1})`;
  const results = await Promise.all(
    chunk(parentIds).map((part) => sf.query<Row>(`SELECT Id, ${sub} FROM ${parent} WHERE Id IN ${idList(part)}`)),
  );
  const out = new Map<string, Page<FollowUpRecord>>();
  for (const row of results.flatMap((r) => r.records)) {
    const children = (row.Tasks as { records?: Row[] } | null)?.records ?? [];
    out.set(String(row.Id), toPage(children.map(toFollowUp), page.first));
  }
  return out;
}
