/**
 * Idempotency for the gateway's writes. A write carries the caller's key, scoped to the calling
 * client, in a unique external-ID field, and a fingerprint of its input in a second field; a
 * retry finds the record by key and is answered from it. Both live in Salesforce, so any gateway
 * instance can answer a retry (STYLE rule 7). When the org lacks the fields, a store in this
 * process stands in (see README).
 */
import { createHash } from 'node:crypto';
import type { FieldError } from '../errors';
import type { TtlCache } from './cache';
import type { SalesforceApi } from './client';
import { describeObject } from './describe';
import { eq, select } from './soql';

export interface IdempotencySettings {
  /** Unique external-ID text field holding `<client>:<key>`. @default 'Gateway_Request_Key__c' */
  keyField: string;
  /** Text(64) field holding the input's SHA-256. @default 'Gateway_Request_Fingerprint__c' */
  fingerprintField: string;
}

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@+=~-]{0,63}$/;

/** What is wrong with a caller's idempotency key (required, 1..64 characters of a safe set). */
export function checkIdempotencyKey(key: string): FieldError[] {
  if (!key) return [{ field: 'idempotencyKey', code: 'REQUIRED', message: 'idempotencyKey is required.' }];
  if (key.length > 64) return [{ field: 'idempotencyKey', code: 'TOO_LONG', message: 'idempotencyKey may have at most 64 characters.' }];
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    return [{ field: 'idempotencyKey', code: 'INVALID', message: 'idempotencyKey may use letters, digits and . _ : @ + = ~ - only.' }];
  }
  return [];
}

/** `<client>:<key>`: keys are scoped to the calling client. */
export const scopedKey = (clientId: string, key: string): string => `${clientId}:${key}`;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined && v !== null)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** SHA-256 of the input with its keys sorted and empty values left out. */
export function fingerprint(input: object): string {
  return createHash('sha256').update(JSON.stringify(canonical(input))).digest('hex');
}

export interface KeyedRecord {
  id: string;
  fingerprint: string | null;
}

/** Whether the org has both idempotency fields on the object (describe, cached). */
export async function hasIdempotencyFields(sf: SalesforceApi, cache: TtlCache<unknown>, object: string, s: IdempotencySettings): Promise<boolean> {
  const d = await describeObject(sf, cache, object);
  const names = new Set(d.fields.map((f) => f.name));
  return names.has(s.keyField) && names.has(s.fingerprintField);
}

/** The record written with this key, if any. */
export async function findByKey(sf: SalesforceApi, object: string, s: IdempotencySettings, key: string, extraFields: readonly string[] = []): Promise<(KeyedRecord & { row: Record<string, unknown> }) | null> {
  const fields = ['Id', s.fingerprintField, ...extraFields.filter((f) => f !== 'Id' && f !== s.fingerprintField)];
  const result = await sf.query<Record<string, unknown>>(select({ fields, from: object, where: [eq(s.keyField, key)], limit: 1 }));
  const row = result.records[0];
  return row ? { id: String(row.Id), fingerprint: (row[s.fingerprintField] as string | null) ?? null, row } : null;
}

/** Calls in this process that are still running, by scoped key: a second call gets IN_PROGRESS. */
export class InFlight {
  private readonly keys = new Set<string>();

  enter(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    return true;
  }

  leave(key: string): void {
    this.keys.delete(key);
  }
}

/**
 * The stand-in for orgs without the idempotency fields: keys live in this process's memory for
 * at least `ttlMs` (24 hours by default). It cannot answer a retry that reaches another instance
 * or comes after a restart; the README says so.
 */
export class FallbackKeyStore {
  private readonly entries = new Map<string, KeyedRecord & { at: number }>();

  constructor(
    private readonly ttlMs = 24 * 60 * 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  get(key: string): KeyedRecord | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (this.clock() - e.at > this.ttlMs) {
      this.entries.delete(key);
      return null;
    }
    return { id: e.id, fingerprint: e.fingerprint };
  }

  set(key: string, record: KeyedRecord): void {
    this.entries.set(key, { ...record, at: this.clock() });
    if (this.entries.size % 1000 === 0) this.prune();
  }

  private prune(): void {
    const now = this.clock();
    for (const [k, e] of this.entries) if (now - e.at > this.ttlMs) this.entries.delete(k);
  }
}

export interface IdempotencyServices {
  settings: IdempotencySettings;
  inFlight: InFlight;
  fallback: FallbackKeyStore;
}
