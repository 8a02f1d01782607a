/**
 * What a write did, as every use case answers it: whether it was a replay of an earlier write
 * with the same idempotency key, and the records it created or changed, each with the record as
 * the write's own call read it back when it could. The schema's one after-write step
 * (src/schema/after-write.ts) turns this into the answer and drops what the write made stale.
 */
import type { CallRecord, CaseCommentRecord, CaseRecord, CustomerRecord, FollowUpRecord } from './records';

/** The records a write can touch, by the name of their GraphQL type. */
export interface WrittenKinds {
  Case: CaseRecord;
  CaseComment: CaseCommentRecord;
  FollowUp: FollowUpRecord;
  Call: CallRecord;
  Customer: CustomerRecord;
}

export type WrittenKind = keyof WrittenKinds;

/** One record a write created (`created`) or changed, and the record read back, if it was. */
export interface Touched<K extends WrittenKind = WrittenKind> {
  kind: K;
  id: string;
  created: boolean;
  record: WrittenKinds[K] | null;
}

/** The records a write touched, by their role in its answer (`case`, `comment`, …); null for none. */
export type TouchedRecords = Record<string, Touched | null>;

export interface WriteOutcome<T extends TouchedRecords> {
  replayed: boolean;
  touched: T;
}

export const touched = <K extends WrittenKind>(kind: K, id: string, created: boolean, record: WrittenKinds[K] | null = null): Touched<K> => ({
  kind,
  id,
  created,
  record,
});
