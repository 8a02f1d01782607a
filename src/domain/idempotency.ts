/**
 * Idempotency keys as callers send them: the accepted form, the scope, and the fingerprint of an
 * input, which tells a retry (same input) from a misuse of the key (another input).
 */
import { createHash } from 'node:crypto';
import type { FieldError } from './errors';

/** Letters, digits and `. _ : @ + = ~ -`, at most 64: keys travel in the upsert URL path. */
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
  return createHash('sha256')
    .update(JSON.stringify(canonical(input)))
    .digest('hex');
}
