/** Keyset paging over (CreatedDate DESC, Id DESC): stable while records are added. */
import { olderThan, type Condition, type Order } from './soql';

export interface PageRequest {
  first: number;
  /** The last row of the previous page. */
  after?: { createdAt: string; id: string };
}

export interface Page<T> {
  records: T[];
  hasMore: boolean;
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
