/**
 * Records keyed by an idempotency key: a unique external-ID field holds `<client>:<key>` and a
 * second field the input's fingerprint. Both live in Salesforce, so any gateway instance can
 * answer a retry.
 */
import type { KeyedRecord } from '../shared-state/fallback-keys';
import type { MetadataCache } from './cache';
import type { SalesforceApi } from './api';
import { describeObject } from './describe';
import { eq, select } from './soql';

export interface IdempotencySettings {
  /** Unique external-ID text field holding `<client>:<key>`. @default 'Gateway_Request_Key__c' */
  keyField: string;
  /** Text(64) field holding the input's SHA-256. @default 'Gateway_Request_Fingerprint__c' */
  fingerprintField: string;
}

export type KeyedObject = 'Case' | 'Task';

/** Whether the org has both idempotency fields on the object (describe, cached). */
export async function hasIdempotencyFields(sf: SalesforceApi, cache: MetadataCache, object: KeyedObject, s: IdempotencySettings): Promise<boolean> {
  const d = await describeObject(sf, cache, object);
  const names = new Set(d.fields.map((f) => f.name));
  return names.has(s.keyField) && names.has(s.fingerprintField);
}

export interface KeyedRow extends KeyedRecord {
  /** The row as read, with `extraFields`. */
  row: Record<string, unknown>;
}

/** Keys differing only in case that one lookup can meet (SOQL's `=` ignores case on text). */
const CASE_VARIANTS = 20;

/**
 * The record written with this key, if any. Keys are case-sensitive end to end: the external-ID
 * field is unique case-sensitively (schema/salesforce), claims are, and SOQL's case-insensitive
 * `=` is narrowed here to the exact key, so `RT-K` and `rt-K` are two keys.
 */
export async function findByKey(
  sf: SalesforceApi,
  object: KeyedObject,
  s: IdempotencySettings,
  key: string,
  extraFields: readonly string[] = [],
): Promise<KeyedRow | null> {
  const fields = ['Id', s.keyField, s.fingerprintField, ...extraFields.filter((f) => f !== 'Id' && f !== s.fingerprintField && f !== s.keyField)];
  const result = await sf.query<Record<string, unknown>>(select({ fields, from: object, where: [eq(s.keyField, key)], limit: CASE_VARIANTS }));
  const row = result.records.find((r) => r[s.keyField] === key);
  return row ? { id: String(row.Id), fingerprint: (row[s.fingerprintField] as string | null) ?? null, row } : null;
}

/**
 * Creates a record. With its idempotency key it may be retried where Salesforce surely did not
 * apply it (a 503 answer, a locked row): a repeat can only meet its own key. Without a key it is
 * never retried. A lost answer is for the caller to look up either way.
 */
export async function createRecord(sf: SalesforceApi, object: KeyedObject, body: Record<string, unknown>, keyed = false): Promise<string> {
  return (await sf.request<{ id: string }>('POST', `/sobjects/${object}`, body, { keyed })).id;
}
