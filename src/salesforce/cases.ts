/** Cases: picklists, lookups and pages of a customer's cases. */
import { IdempotencyConflictError, NotFoundError, ValidationError, toDomainError, type FieldError } from '../errors';
import type { TtlCache } from './cache';
import { SalesforceError, type SalesforceApi } from './client';
import { describeObject, type DescribeResult } from './describe';
import { normaliseId } from './ids';
import { checkIdempotencyKey, fingerprint, findByKey, hasIdempotencyFields, scopedKey, type IdempotencyServices, type KeyedRecord } from './idempotency';
import { childPages, type Page, type PageRequest } from './pages';
import { CASE_FIELDS, EMAIL_PATTERN, toCase, type CaseRecord } from './records';
import { chunk, eq, idIn, isTrue, select, textIn, type Condition } from './soql';

type Row = Record<string, unknown>;

export interface PicklistValue {
  value: string;
  label: string;
  isDefault: boolean;
}

export interface CasePicklists {
  statuses: PicklistValue[];
  priorities: PicklistValue[];
  origins: PicklistValue[];
}

/** The active values of Case.Status, Case.Priority and Case.Origin, from describe. */
export async function casePicklists(sf: SalesforceApi, cache: TtlCache<unknown>): Promise<CasePicklists> {
  const describe = await describeObject(sf, cache, 'Case');
  const values = (name: string): PicklistValue[] =>
    (describe.fields.find((f) => f.name === name)?.picklistValues ?? [])
      .filter((p) => p.active)
      .map((p) => ({ value: p.value, label: p.label, isDefault: p.defaultValue }));
  return { statuses: values('Status'), priorities: values('Priority'), origins: values('Origin') };
}

export async function findCasesByIds(sf: SalesforceApi, ids: readonly string[]): Promise<CaseRecord[]> {
  const pages = await Promise.all(
    chunk(ids).map((part) => sf.query<Row>(select({ fields: CASE_FIELDS, from: 'Case', where: [idIn('Id', part)] }))),
  );
  return pages.flatMap((p) => p.records.map(toCase));
}

/**
 * A case by its number, which may come without its leading zeros ("1026" finds "00001026").
 * Auto-numbers are zero-padded to the display format's width, so every width up to 10 is tried.
 */
export async function findCaseByNumber(sf: SalesforceApi, digits: string): Promise<CaseRecord | null> {
  const bare = digits.replace(/^0+(?=\d)/, '');
  const widths = Array.from({ length: Math.max(1, 11 - bare.length) }, (_, i) => bare.padStart(bare.length + i, '0'));
  const result = await sf.query<Row>(select({ fields: CASE_FIELDS, from: 'Case', where: [textIn('CaseNumber', widths)], limit: 2 }));
  return result.records[0] ? toCase(result.records[0]) : null;
}

export type CaseStatusFilter = 'OPEN' | 'CLOSED' | 'ALL';

const STATUS_CONDITION: Record<CaseStatusFilter, Condition | null> = { OPEN: isTrue('IsClosed', false), CLOSED: isTrue('IsClosed', true), ALL: null };

/** One page of cases for each contact, newest first, in one query per chunk of contacts. */
export function findCasesByContacts(sf: SalesforceApi, contactIds: readonly string[], status: CaseStatusFilter, page: PageRequest): Promise<Map<string, Page<CaseRecord>>> {
  return childPages(sf, { parent: 'Contact', relationship: 'Cases', fields: CASE_FIELDS, where: [STATUS_CONDITION[status]], map: toCase }, contactIds, page);
}

// ---------------------------------------------------------------------------------------------
// createCase: validated, idempotent.

export interface NewCaseInput {
  customerId: string | null;
  suppliedName: string | null;
  suppliedPhone: string | null;
  suppliedEmail: string | null;
  subject: string;
  description: string | null;
  status: string | null;
  priority: string | null;
  origin: string | null;
  idempotencyKey: string;
}

export interface CaseWriteDeps {
  sf: SalesforceApi;
  cache: TtlCache<unknown>;
  idempotency: IdempotencyServices;
  /** The origin for cases that name none, used when the org's picklist has it. */
  defaultOrigin: string | null;
  clientId: string;
}

/** Input names of the Case fields, for errors Salesforce reports by API name. */
export const CASE_INPUT_NAMES: Record<string, string> = {
  Subject: 'subject',
  Description: 'description',
  Status: 'status',
  Priority: 'priority',
  Origin: 'origin',
  SuppliedName: 'suppliedName',
  SuppliedPhone: 'suppliedPhone',
  SuppliedEmail: 'suppliedEmail',
  ContactId: 'customerId',
  AccountId: 'customerId',
};

/** Checks that need no upstream call. */
export function checkCaseInput(input: NewCaseInput): FieldError[] {
  const errors = checkIdempotencyKey(input.idempotencyKey);
  if (!input.subject) errors.push({ field: 'subject', code: 'REQUIRED', message: 'subject is required.' });
  if (input.customerId !== null && !normaliseId(input.customerId)) {
    errors.push({ field: 'customerId', code: 'INVALID', message: 'customerId is not a Salesforce Id.' });
  }
  if (input.suppliedEmail !== null && !EMAIL_PATTERN.test(input.suppliedEmail)) {
    errors.push({ field: 'suppliedEmail', code: 'INVALID', message: 'suppliedEmail is not an email address.' });
  }
  return errors;
}

/** Lengths and picklist values as the org's describe has them (orgs customise both). */
function checkAgainstDescribe(describe: DescribeResult, values: Record<string, string | null>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [apiName, value] of Object.entries(values)) {
    if (value === null) continue;
    const f = describe.fields.find((x) => x.name === apiName);
    const input = CASE_INPUT_NAMES[apiName] ?? apiName;
    if (!f) continue;
    if (f.type === 'picklist') {
      const allowed = f.picklistValues.filter((p) => p.active).map((p) => p.value);
      if (!allowed.includes(value)) {
        errors.push({ field: input, code: 'INVALID_PICKLIST_VALUE', message: `${input} must be one of: ${allowed.join(', ')}.` });
      }
    } else if (f.length > 0 && value.length > f.length) {
      errors.push({ field: input, code: 'TOO_LONG', message: `${input} may have at most ${f.length} characters.` });
    }
  }
  return errors;
}

/** The Case fields to write, and what the org's describe says is wrong with them. */
async function describedErrors(deps: CaseWriteDeps, input: NewCaseInput) {
  const describe = await describeObject(deps.sf, deps.cache, 'Case');
  const origins = describe.fields.find((f) => f.name === 'Origin')?.picklistValues.map((p) => p.value) ?? [];
  const origin = input.origin ?? (deps.defaultOrigin && origins.includes(deps.defaultOrigin) ? deps.defaultOrigin : null);
  const values: Record<string, string | null> = {
    Subject: input.subject || null,
    Description: input.description,
    Status: input.status,
    Priority: input.priority,
    Origin: origin,
    SuppliedName: input.suppliedName,
    SuppliedPhone: input.suppliedPhone,
    SuppliedEmail: input.suppliedEmail,
  };
  return { values, errors: checkAgainstDescribe(describe, values) };
}

const replayOrConflict = (existing: KeyedRecord, fp: string) => {
  if (existing.fingerprint !== fp) throw new IdempotencyConflictError('DIFFERENT_INPUT');
  return { id: existing.id, replayed: true };
};

/**
 * Creates a case once per idempotency key. A retry with the same key and input answers the case
 * created the first time (`replayed`), a different input is DIFFERENT_INPUT, and a call while the
 * first is still running in this process is IN_PROGRESS. The case is written with an upsert on
 * the key field; two instances racing on one key meet in Salesforce's unique index, and the loser
 * reads the winner's case back (DUPLICATE_VALUE is never surfaced). If the answer to the write is
 * lost, the key is looked up before the error is reported, so a committed case is acknowledged.
 */
export async function createCase(deps: CaseWriteDeps, input: NewCaseInput): Promise<{ id: string; replayed: boolean }> {
  const { sf, idempotency } = deps;
  const local = checkCaseInput(input);
  // Without a usable key there is nothing to replay: report every problem at once.
  if (local.some((e) => e.field === 'idempotencyKey')) throw new ValidationError([...local, ...(await describedErrors(deps, input)).errors]);
  const key = scopedKey(deps.clientId, input.idempotencyKey);
  if (!idempotency.inFlight.enter(key)) throw new IdempotencyConflictError('IN_PROGRESS');
  try {
    const { idempotencyKey: _key, ...rest } = input;
    const fp = fingerprint({ ...rest, customerId: rest.customerId && normaliseId(rest.customerId) });
    const keyed = await hasIdempotencyFields(sf, deps.cache, 'Case', idempotency.settings);
    const existing = keyed ? await findByKey(sf, 'Case', idempotency.settings, key) : idempotency.fallback.get(`Case:${key}`);
    if (existing) return replayOrConflict(existing, fp);

    const { errors, values } = await describedErrors(deps, input);
    if (local.length + errors.length > 0) throw new ValidationError([...local, ...errors]);
    let contact: { id: string; accountId: string | null } | null = null;
    if (input.customerId !== null) {
      const id = normaliseId(input.customerId)!;
      const found = await sf.query<{ Id: string; AccountId: string | null }>(select({ fields: ['Id', 'AccountId'], from: 'Contact', where: [eq('Id', id)] }));
      if (!found.records[0]) throw new NotFoundError('No customer has this customerId; nothing was written.', input.customerId);
      contact = { id, accountId: found.records[0].AccountId };
    }

    const body: Record<string, unknown> = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));
    if (contact) {
      body.ContactId = contact.id;
      if (contact.accountId) body.AccountId = contact.accountId;
    }
    if (!keyed) {
      const created = await writeOrRefuse(() => sf.request<{ id: string }>('POST', '/sobjects/Case', body));
      idempotency.fallback.set(`Case:${key}`, { id: created.id, fingerprint: fp });
      return { id: created.id, replayed: false };
    }
    body[idempotency.settings.fingerprintField] = fp;
    try {
      const result = await writeOrRefuse(() =>
        sf.request<{ id: string; created?: boolean }>('PATCH', `/sobjects/Case/${idempotency.settings.keyField}/${encodeURIComponent(key)}`, body, { idempotent: true }),
      );
      if (result.created === false) {
        // Another instance created it between our look-up and our write: it is theirs.
        const winner = await findByKey(sf, 'Case', idempotency.settings, key);
        return replayOrConflict(winner!, fp);
      }
      return { id: result.id, replayed: false };
    } catch (e) {
      const lost = e instanceof SalesforceError && (e.noResponse || e.errorCode === 'DUPLICATE_VALUE');
      if (!lost) throw e;
      // The write may have happened (lost answer), or a racing call won (DUPLICATE_VALUE): look.
      const after = await findByKey(sf, 'Case', idempotency.settings, key).catch(() => null);
      if (!after) throw e;
      if (after.fingerprint === fp && e instanceof SalesforceError && e.noResponse) return { id: after.id, replayed: false };
      return replayOrConflict(after, fp);
    }
  } finally {
    idempotency.inFlight.leave(key);
  }
}

/** Runs a write; Salesforce's validation refusals become ValidationError. */
async function writeOrRefuse<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    throw toDomainError(e, CASE_INPUT_NAMES) ?? e;
  }
}
