/** Keyset paging over (CreatedDate DESC, Id DESC): stable while records are added. */
import { assertId, literal } from './soql';

export interface PageRequest {
  first: number;
  /** The last row of the previous page. */
  after?: { createdAt: string; id: string };
}

export interface Page<T> {
  records: T[];
  hasMore: boolean;
}

/** The WHERE condition that starts a page after `after`, or null for the first page. */
export function afterCondition(after: PageRequest['after']): string | null {
  if (!after) return null;
  const at = dateTimeLiteral(after.createdAt);
  return `(CreatedDate < ${at} OR (CreatedDate = ${at} AND Id < ${literal(assertId(after.id))}))`;
}

/** A SOQL dateTime literal (`2026-09-21T10:00:00Z`): unquoted, to the second. */
export function dateTimeLiteral(value: string): string {
  const t = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(t)) throw new RangeError('not a dateTime');
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const NEWEST_FIRST = 'ORDER BY CreatedDate DESC, Id DESC';

/** Splits the `first + 1` rows fetched into the page and whether there is more. */
export function toPage<T>(rows: T[], first: number): Page<T> {
  return { records: rows.slice(0, first), hasMore: rows.length > first };
}
