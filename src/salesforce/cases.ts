/** Cases: picklists, lookups and pages of a customer's cases. */
import type { TtlCache } from './cache';
import type { SalesforceApi } from './client';
import { describeObject } from './describe';
import { afterCondition, NEWEST_FIRST, toPage, type Page, type PageRequest } from './pages';
import { CASE_FIELDS, toCase, type CaseRecord } from './records';
import { chunk, idList, stringList } from './soql';

type Row = Record<string, unknown>;

export interface PicklistValue {
  value: string;
  label: string;
  isDefault: boolean;
}

export interface CasePicklists {
  statuses: PicklistValue[];
  priorities: PicklistValue[];
  origins: PicklistValue[];
}

/** The active values of Case.Status, Case.Priority and Case.Origin, from describe. */
export async function casePicklists(sf: SalesforceApi, cache: TtlCache<unknown>): Promise<CasePicklists> {
  const describe = await describeObject(sf, cache, 'Case');
  const values = (name: string): PicklistValue[] =>
    (describe.fields.find((f) => f.name === name)?.picklistValues ?? [])
      .filter((p) => p.active)
      .map((p) => ({ value: p.value, label: p.label, isDefault: p.defaultValue }));
  return { statuses: values('Status'), priorities: values('Priority'), origins: values('Origin') };
}

export async function findCasesByIds(sf: SalesforceApi, ids: readonly string[]): Promise<CaseRecord[]> {
  const pages = await Promise.all(
    chunk(ids).map((part) => sf.query<Row>(`SELECT ${CASE_FIELDS.join(', ')} FROM Case WHERE Id IN ${idList(part)}`)),
  );
  return pages.flatMap((p) => p.records.map(toCase));
}

/**
 * A case by its number, which may come without its leading zeros ("1026" finds "00001026").
 * Auto-numbers are zero-padded to the display format's width, so every width up to 10 is tried.
 */
export async function findCaseByNumber(sf: SalesforceApi, digits: string): Promise<CaseRecord | null> {
  const bare = digits.replace(/^0+(?=\d)/, '');
  const widths = Array.from({ length: Math.max(1, 11 - bare.length) }, (_, i) => bare.padStart(bare.length + i, '0'));
  const result = await sf.query<Row>(`SELECT ${CASE_FIELDS.join(', ')} FROM Case WHERE CaseNumber IN ${stringList(widths)} LIMIT 2`);
  return result.records[0] ? toCase(result.records[0]) : null;
}

export type CaseStatusFilter = 'OPEN' | 'CLOSED' | 'ALL';

const STATUS_CONDITION: Record<CaseStatusFilter, string | null> = { OPEN: 'IsClosed = false', CLOSED: 'IsClosed = true', ALL: null };

/**
 * One page of cases for each contact, newest first, in one parent-to-child query per chunk of
 * contacts (the per-contact `first` goes into the subquery's LIMIT).
 */
export async function findCasesByContacts(
  sf: SalesforceApi,
  contactIds: readonly string[],
  status: CaseStatusFilter,
  page: PageRequest,
): Promise<Map<string, Page<CaseRecord>>> {
  const where = [STATUS_CONDITION[status], afterCondition(page.after)].filter(Boolean).join(' AND ');
  const sub = `(SELECT ${CASE_FIELDS.join(', ')} FROM Cases${where ? ` WHERE ${where}` : ''} ${NEWEST_FIRST} LIMIT ${page.first + 1})`;
  const results = await Promise.all(
    chunk(contactIds).map((part) => sf.query<Row>(`SELECT Id, ${sub} FROM Contact WHERE Id IN ${idList(part)}`)),
  );
  const out = new Map<string, Page<CaseRecord>>();
  for (const row of results.flatMap((r) => r.records)) {
    const children = (row.Cases as { records?: Row[] } | null)?.records ?? [];
    out.set(String(row.Id), toPage(children.map(toCase), page.first));
  }
  return out;
}
