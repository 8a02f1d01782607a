/**
 * `GET /sobjects/{Type}/updated/?start=&end=` and `/deleted/?start=&end=`: the Ids of records
 * changed or deleted in a window, by SystemModstamp, as data replication reads them. Salesforce
 * covers whole minutes (latestDateCovered is the end rounded down to the minute) and keeps 30
 * days; the error code for a bad window is unverified (docs/salesforce-facts.md#soql).
 */
import { SfError } from '../errors';
import type { ObjectDef } from '../schema';
import { sfDateTime } from '../store';
import type { Org } from './context';

const MINUTE = 60_000;
const KEPT_MS = 30 * 86_400_000;

function window(params: URLSearchParams, now: number): { start: number; end: number } {
  const start = Date.parse(params.get('start') ?? '');
  const end = Date.parse(params.get('end') ?? '');
  if (Number.isNaN(start) || Number.isNaN(end))
    throw SfError.one(400, 'INVALID_REPLICATION_DATE', 'start and end must be dateTimes, e.g. 2026-11-30T10:00:00Z');
  if (end < start) throw SfError.one(400, 'INVALID_REPLICATION_DATE', 'end is before start');
  if (start < now - KEPT_MS) throw SfError.one(400, 'INVALID_REPLICATION_DATE', 'start is more than 30 days ago');
  return { start, end: Math.floor(Math.min(end, now) / MINUTE) * MINUTE };
}

const stampOf = (r: Record<string, unknown>) => Date.parse(String(r.SystemModstamp ?? '').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

export function updatedIds(org: Org, object: ObjectDef, params: URLSearchParams) {
  const { start, end } = window(params, org.clock());
  const ids = [...org.store.rows(object.name)].filter((r) => stampOf(r) >= start && stampOf(r) < end).map((r) => String(r.Id));
  return { ids, latestDateCovered: sfDateTime(end) };
}

export function deletedIds(org: Org, object: ObjectDef, params: URLSearchParams) {
  const now = org.clock();
  const { start, end } = window(params, now);
  const deletedRecords = [...org.store.rows(object.name, true)]
    .filter((r) => r.IsDeleted === true && stampOf(r) >= start && stampOf(r) < end)
    .map((r) => ({ id: String(r.Id), deletedDate: String(r.SystemModstamp) }));
  return { deletedRecords, earliestDateAvailable: sfDateTime(Math.floor((now - KEPT_MS) / MINUTE) * MINUTE), latestDateCovered: sfDateTime(end) };
}
