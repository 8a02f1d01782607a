/**
 * What a cached answer rests on, and what changed: the two sides of freshness. The data layer
 * tells a request's `ReadDependencies` what it read; change events and the gateway's own writes
 * describe `Change`s. The cache (src/cache) turns both into tags (docs/architecture.md,
 * "Freshness").
 */

/** Told by the data layer, as it reads, what the answer being made rests on. */
export interface ReadDependencies {
  /** Rows as Salesforce returned them: each record, the records it names, its subqueries' rows. */
  rows(rows: readonly unknown[]): void;
  /** Records asked for by Id, found or not (a record restored later must show). */
  records(ids: readonly string[]): void;
  /** The children of `object` under each parent (a customer's cases), however filtered. */
  lists(object: string, parentIds: readonly string[]): void;
  /** A phone number searched, as the caller gave it, parsed (E.164 and its national number). */
  phone(nationalNumber: string): void;
  /** A query over every record of `object` (a text search, a case number). */
  search(object: string): void;
}

export type ChangeType = 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE' | 'GAP';

/** Records of one object that changed, as a change event or one of our writes tells it. */
export interface Change {
  object: string;
  /** The records; empty with GAP when the event could not name them (an overflow). */
  ids: readonly string[];
  changeType: ChangeType;
  /** Field values the change carries (all of a CREATE's; an UPDATE's changed and enriched ones). */
  values: Readonly<Record<string, unknown>>;
  /** The fields an UPDATE changed (top-level names: `Name.LastName` is `Name`). */
  changedFields: readonly string[];
}

/** A record one of our writes made or changed, in GraphQL terms: the records whose lists show it. */
export interface Written {
  typename: string;
  id: string;
  created: boolean;
  /** Records whose lists show this one (a case's customer and account); nulls are skipped. */
  parents: readonly (string | null)[];
}
