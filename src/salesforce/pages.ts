/** Keyset paging over (CreatedDate DESC, Id DESC): stable while records are added. */
import { childObject } from './objects';
import type { Page } from '../domain/records';
import type { SalesforceApi } from './api';
import { chunk, idIn, olderThan, select, subquery, type Condition, type Order } from './soql';

export interface PageRequest {
  first: number;
  /** The last row of the previous page. */
  after?: { createdAt: Date; id: string };
}

/** The condition that starts a page after `after`, or null for the first page. */
export const afterCondition = (after: PageRequest['after']): Condition | null => (after ? olderThan(after.createdAt, after.id) : null);

export const NEWEST_FIRST: readonly Order[] = [
  ['CreatedDate', 'DESC'],
  ['Id', 'DESC'],
];

/** Splits the `first + 1` rows fetched into the page and whether there is more. */
export function toPage<T>(rows: T[], first: number): Page<T> {
  return { records: rows.slice(0, first), hasMore: rows.length > first };
}

type Row = Record<string, unknown>;

export interface ChildPages<T> {
  /** The parent object, e.g. Contact. */
  parent: string;
  /** The child relationship, e.g. Cases. */
  relationship: string;
  fields: readonly string[];
  where: readonly (Condition | null)[];
  map: (row: Row) => T;
}

/**
 * One page of children for each parent, newest first, in one parent-to-child query per chunk of
 * parents: the per-parent `first` goes into the subquery's LIMIT, so no parent's full history is
 * fetched (docs/salesforce-facts.md#soql).
 */
export async function childPages<T>(sf: SalesforceApi, spec: ChildPages<T>, parentIds: readonly string[], page: PageRequest): Promise<Map<string, Page<T>>> {
  const children = subquery({
    fields: spec.fields,
    from: spec.relationship,
    where: [...spec.where, afterCondition(page.after)],
    orderBy: NEWEST_FIRST,
    limit: page.first + 1,
  });
  // The answer shows these parents' lists, whatever the filter left out of them.
  sf.reads?.lists(childObject(spec.parent, spec.relationship) ?? spec.relationship, parentIds);
  const results = await Promise.all(
    chunk(parentIds).map((part) => sf.query<Row>(select({ fields: ['Id', children], from: spec.parent, where: [idIn('Id', part)] }))),
  );
  const out = new Map<string, Page<T>>();
  for (const row of results.flatMap((r) => r.records)) {
    const rows = (row[spec.relationship] as { records?: Row[] } | null)?.records ?? [];
    out.set(String(row.Id), toPage(rows.map(spec.map), page.first));
  }
  return out;
}
