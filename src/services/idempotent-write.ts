/**
 * The one idempotent write, used by every mutation. A write carries the caller's
 * key, scoped to the client, in a unique external-ID field, and the input's fingerprint beside
 * it; so every instance can answer a retry:
 *
 * 1. claim the key (a second call while the first runs is IN_PROGRESS);
 * 2. ask the shared store of recent outcomes (Redis, or this process), which costs no Salesforce
 *    call: a key written in the last 24 hours with the same fingerprint is replayed, another
 *    input is DIFFERENT_INPUT;
 * 3. otherwise prepare (checks that need no call) and write first, in one call with the checks
 *    that need Salesforce and the read of what was written. Two instances racing, or a
 *    retry the store does not know, meet in Salesforce's unique index: the insert fails with
 *    DUPLICATE_VALUE, and only then is the key looked up and its record replayed. An insert never
 *    changes an existing record (an upsert would overwrite the winner with the loser's input, and
 *    Salesforce refuses to update create-only fields such as Task.TaskSubtype);
 * 4. when the outcome of the write is unknown (no answer, or a 500/502 page), look the key up
 *    before reporting anything, so that a committed write is acknowledged, not repeated.
 *
 * Orgs without the fields rely on the store alone (docs/writes.md, "Orgs without the idempotency fields").
 */
import { IdempotencyConflictError } from '../domain/errors';
import { scopedKey } from '../domain/idempotency';
import { SalesforceError, toValidationError } from '../salesforce/errors';
import { createRecord, findByKey, hasIdempotencyFields, type KeyedObject, type KeyedRow } from '../salesforce/idempotency';
import type { KeyedRecord } from '../shared-state/fallback-keys';
import type { ServiceDeps } from './context';

export interface IdempotentWrite<R> {
  object: KeyedObject;
  /** The caller's key, checked already. */
  idempotencyKey: string;
  fingerprint: string;
  /** More fields to read when the key is looked up (passed to `replay` as `row`). */
  readFields?: readonly string[];
  /** Input names of the fields, for Salesforce's refusals (ValidationError). */
  inputNames: Record<string, string>;
  /** Checks that may refuse, then the fields to write. Runs only when no record has the key. */
  prepare(): Promise<Record<string, unknown>>;
  /** The answer for a record this key wrote before, with the same input. */
  replay(existing: KeyedRecord & { row?: Record<string, unknown> }): Promise<R>;
  /** The answer once our write created the record (still under the claim). */
  created(id: string): Promise<R>;
  /**
   * Writes the keyed record together with more changes in one transaction (updateCase,
   * recordConsent: changes to records that cannot carry the key commit with an audit record that
   * does). `keyFields` holds the key and fingerprint (none in orgs without the fields); a second
   * write with the same key must fail with DUPLICATE_VALUE. Returns the keyed record's Id.
   * @default an insert of `body` with the key fields
   */
  write?(body: Record<string, unknown>, keyFields: Record<string, string>): Promise<string>;
}

export async function idempotentWrite<R>(deps: ServiceDeps, w: IdempotentWrite<R>): Promise<R> {
  const { sf, idempotency } = deps;
  const key = scopedKey(deps.clientId, w.idempotencyKey);
  const claimKey = `${w.object}:${key}`;
  if (!(await idempotency.claims.claim(claimKey))) throw new IdempotencyConflictError('IN_PROGRESS');
  try {
    const keyed = await hasIdempotencyFields(sf, deps.describeCache, w.object, idempotency.settings);
    const lookUp = (): Promise<KeyedRow | KeyedRecord | null> =>
      keyed ? findByKey(sf, w.object, idempotency.settings, key, w.readFields) : idempotency.fallback.get(claimKey);
    const replayOrConflict = (existing: KeyedRecord) => {
      if (existing.fingerprint !== w.fingerprint) throw new IdempotencyConflictError('DIFFERENT_INPUT');
      return w.replay(existing);
    };
    const remember = (id: string) => idempotency.fallback.set(claimKey, { id, fingerprint: w.fingerprint });

    const recent = await idempotency.fallback.get(claimKey);
    if (recent) return await replayOrConflict(recent);
    const body = await w.prepare();
    const insert = (keyFields: Record<string, string>) =>
      refused(w, () => (w.write ? w.write(body, keyFields) : createRecord(sf, w.object, { ...body, ...keyFields }, Object.keys(keyFields).length > 0)));
    if (!keyed) {
      const id = await insert({});
      await remember(id);
      return await w.created(id);
    }
    let id: string;
    try {
      id = await insert({ [idempotency.settings.keyField]: key, [idempotency.settings.fingerprintField]: w.fingerprint });
    } catch (e) {
      const lost = e instanceof SalesforceError && (e.outcomeUnknown || e.errorCode === 'DUPLICATE_VALUE');
      if (!lost) throw e;
      // The write may have happened (an unknown outcome: no answer, or a 500/502 page), or the
      // key was written before (DUPLICATE_VALUE: a retry the store did not know, or a racing call;
      // writes are retried only where nothing surely applied): look.
      const after = await lookUp().catch(() => null);
      if (!after) throw e;
      await remember(after.id).catch(() => undefined);
      if (e.errorCode === 'DUPLICATE_VALUE') return await replayOrConflict(after);
      if (after.fingerprint !== w.fingerprint) throw new IdempotencyConflictError('DIFFERENT_INPUT');
      // Our write committed (we hold the key's claim) and only its answer was lost: finish the
      // job as if it had been answered (a follow-up is then sent, once), never a replay.
      return await w.created(after.id);
    }
    // Remembered for the replays; a store that cannot take it leaves them to the unique index.
    await remember(id).catch(() => undefined);
    return await w.created(id);
  } finally {
    await idempotency.claims.release(claimKey);
  }
}

/** Runs a write; Salesforce's validation refusals become ValidationError. */
async function refused<T>(w: Pick<IdempotentWrite<unknown>, 'inputNames'>, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    throw toValidationError(e, w.inputNames) ?? e;
  }
}
