/**
 * createCase: validated, then written once per idempotency key (services/idempotent-write.ts).
 * A retry with the same key and input answers the case created the first time (`replayed`) and
 * never overwrites what people changed on it since.
 */
import { touched, type Touched, type WriteOutcome } from '../domain/write-outcome';
import { NotFoundError, ValidationError, type FieldError, checkNoReferences } from '../domain/errors';
import { normaliseId } from '../domain/ids';
import { checkIdempotencyKey, fingerprint } from '../domain/idempotency';
import { EMAIL_PATTERN } from '../domain/email';
import type { CaseRecord } from '../domain/records';
import { CASE_INPUT_NAMES, caseRow, customInputNames, type CaseFields, type CustomValue } from '../salesforce/cases';
import { compositeCall, foundNothing, insertedId, queryPath, rowsOf, type SubRequest } from '../salesforce/composite';
import { caseFields, toCase } from '../salesforce/records';
import { eq, eqReference, reference, select } from '../salesforce/soql';
import type { ServiceDeps } from './context';
import { idempotentWrite } from './idempotent-write';

export interface NewCaseInput extends CaseFields {
  customerId: string | null;
  idempotencyKey: string;
  /** Values of the org's own Case fields (`custom` in the input). */
  custom?: readonly CustomValue[];
}

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
  errors.push(
    ...checkNoReferences({
      subject: input.subject,
      description: input.description,
      suppliedName: input.suppliedName,
      suppliedPhone: input.suppliedPhone,
      suppliedEmail: input.suppliedEmail,
    }),
  );
  return errors;
}

/**
 * Creates a case once per idempotency key: a retry with the same key and input answers the first
 * case (`replayed`), another input is DIFFERENT_INPUT, a call while the first still runs is
 * IN_PROGRESS. One Salesforce call on its happy path: the customer's check, the insert
 * (its account taken from the customer's row by reference) and the read of the new case go in one
 * `/composite`. Picklists come from the describe cache.
 */
export async function createCase(deps: ServiceDeps, input: NewCaseInput): Promise<WriteOutcome<{ case: Touched<'Case'> }>> {
  const local = checkCaseInput(input);
  const described = () =>
    caseRow(deps.sf, deps.describeCache, input, deps.settings.defaultCaseOrigin, deps.settings.caseDefaults, input.custom ?? [], deps.settings.orgFields);
  // Without a usable key there is nothing to replay: report every problem at once.
  if (local.some((e) => e.field === 'idempotencyKey')) throw new ValidationError([...local, ...(await described()).errors]);
  const { idempotencyKey, ...rest } = input;
  const customerId = input.customerId === null ? null : normaliseId(input.customerId);
  let record: CaseRecord | null = null;
  return idempotentWrite(deps, {
    object: 'Case',
    idempotencyKey,
    // Without custom values the fingerprint is what it was before the org's fields could be written.
    fingerprint: fingerprint({
      ...rest,
      custom: rest.custom && rest.custom.length > 0 ? rest.custom.map((c) => [c.field, c.value]) : undefined,
      customerId: rest.customerId && customerId,
    }),
    inputNames: { ...CASE_INPUT_NAMES, ...customInputNames(deps.settings.orgFields) },
    async prepare() {
      const { row, errors } = await described();
      if (local.length + errors.length > 0) throw new ValidationError([...local, ...errors]);
      return row;
    },
    async write(row, keyFields) {
      // The only write is the insert, so the call need not be all-or-none: every read's answer
      // stays readable when the insert is refused (an unknown customer, a key written before).
      const subs: SubRequest[] = [];
      if (customerId !== null) {
        subs.push({
          method: 'GET',
          path: queryPath(select({ fields: ['Id', 'AccountId'], from: 'Contact', where: [eq('Id', customerId)] })),
          referenceId: 'customer',
        });
      }
      // The account is not sent: a reference to the contact's AccountId would be a reference to a
      // field that may be null, which Salesforce does not document. Salesforce gives a case the
      // contact's account itself, unless the org separates accounts from contacts in cases
      // (Setup, Case Settings), where leaving it empty is what the org asks for.
      const customerFields = customerId !== null ? { ContactId: reference('customer.records[0].Id') } : {};
      subs.push({ method: 'POST', path: '/sobjects/Case', referenceId: 'case', body: { ...row, ...customerFields, ...keyFields } });
      subs.push({
        method: 'GET',
        path: queryPath(select({ fields: caseFields(deps.settings.orgFields), from: 'Case', where: [eqReference('Id', 'case.id')] })),
        referenceId: 'created',
      });
      const answers = await compositeCall(deps.sf, subs, { allOrNone: false, keyed: Object.keys(keyFields).length > 0 });
      if (foundNothing(answers.customer)) throw new NotFoundError('No customer has this customerId; nothing was written.', input.customerId!);
      const id = insertedId(answers, 'case');
      const [read] = rowsOf(answers.created);
      record = read ? toCase(read, deps.settings.orgFields) : null;
      return id;
    },
    replay: async (existing) => ({ replayed: true as boolean, touched: { case: touched('Case', existing.id, true) } }),
    created: async (id) => ({ replayed: false, touched: { case: touched('Case', id, true, record?.id === id ? record : null) } }),
  });
}
