/**
 * createCase: validated, then written once per idempotency key (services/idempotent-write.ts).
 * A retry with the same key and input answers the case created the first time (`replayed`) and
 * never overwrites what people changed on it since.
 */
import { NotFoundError, ValidationError, type FieldError } from '../domain/errors';
import { normaliseId } from '../domain/ids';
import { checkIdempotencyKey, fingerprint } from '../domain/idempotency';
import { EMAIL_PATTERN } from '../domain/email';
import { CASE_INPUT_NAMES, caseCustomerFields, caseRow, type CaseFields } from '../salesforce/cases';
import { findContactAccount } from '../salesforce/contacts';
import type { ServiceDeps } from './context';
import { idempotentWrite } from './idempotent-write';

export interface NewCaseInput extends CaseFields {
  customerId: string | null;
  idempotencyKey: string;
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
  return errors;
}

/**
 * Creates a case once per idempotency key: a retry with the same key and input answers the first
 * case (`replayed`), another input is DIFFERENT_INPUT, a call while the first still runs is
 * IN_PROGRESS.
 */
export async function createCase(deps: ServiceDeps, input: NewCaseInput): Promise<{ id: string; replayed: boolean }> {
  const local = checkCaseInput(input);
  const described = () => caseRow(deps.sf, deps.describeCache, input, deps.settings.defaultCaseOrigin);
  // Without a usable key there is nothing to replay: report every problem at once.
  if (local.some((e) => e.field === 'idempotencyKey')) throw new ValidationError([...local, ...(await described()).errors]);
  const { idempotencyKey, ...rest } = input;
  const customerId = input.customerId === null ? null : normaliseId(input.customerId);
  return idempotentWrite(deps, {
    object: 'Case',
    idempotencyKey,
    fingerprint: fingerprint({ ...rest, customerId: rest.customerId && customerId }),
    inputNames: CASE_INPUT_NAMES,
    async prepare() {
      const { row, errors } = await described();
      if (local.length + errors.length > 0) throw new ValidationError([...local, ...errors]);
      if (customerId === null) return row;
      const contact = await findContactAccount(deps.sf, customerId);
      if (!contact) throw new NotFoundError('No customer has this customerId; nothing was written.', input.customerId!);
      return { ...row, ...caseCustomerFields(contact) };
    },
    replay: async (existing) => ({ id: existing.id, replayed: true as boolean }),
    created: async (id) => ({ id, replayed: false }),
  });
}
