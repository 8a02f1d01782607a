/**
 * logCall: a call recorded as a completed Task (TaskSubtype Call) on the customer and on the case,
 * written with its idempotency key, so a retry never logs the call twice.
 */
import { NotFoundError, ValidationError, type FieldError } from '../domain/errors';
import { checkIdOf, idOf } from '../domain/ids';
import { checkIdempotencyKey, fingerprint } from '../domain/idempotency';
import { parseCallerNumber } from '../domain/phone';
import { CALL_INPUT_NAMES, callRow, type CallFields } from '../salesforce/calls';
import { findCasesByIds } from '../salesforce/cases';
import { findContactsByIds } from '../salesforce/contacts';
import type { ServiceDeps } from './context';
import { idempotentWrite } from './idempotent-write';

/** The call as the client gave it: Ids unchecked, `from` in any format. */
export interface CallInput extends Omit<CallFields, 'contactId'> {
  customerId: string | null;
  idempotencyKey: string;
}

const LIMITS = { summary: 32_000, outcome: 255, externalCallId: 255 } as const;
/** A call may be logged with a clock a little ahead of ours, not from the future. */
const CLOCK_SKEW_MS = 5 * 60_000;

function checkLocal(deps: ServiceDeps, input: CallInput, now: number): { errors: FieldError[]; from: string | null } {
  const errors = checkIdempotencyKey(input.idempotencyKey);
  if (input.customerId !== null) errors.push(...checkIdOf('customerId', input.customerId, 'Contact', 'a customer'));
  if (input.caseId !== null) errors.push(...checkIdOf('caseId', input.caseId, 'Case', 'a case'));
  if (!Number.isInteger(input.durationSeconds) || input.durationSeconds < 0 || input.durationSeconds > 86_400) {
    errors.push({ field: 'durationSeconds', code: 'INVALID', message: 'durationSeconds must be a whole number from 0 to 86,400.' });
  }
  if (Number.isNaN(input.startedAt.getTime()) || input.startedAt.getTime() > now + CLOCK_SKEW_MS) {
    errors.push({ field: 'startedAt', code: 'INVALID', message: 'startedAt may not be in the future.' });
  }
  for (const [field, max] of Object.entries(LIMITS) as [keyof typeof LIMITS, number][]) {
    const value = input[field];
    if (value !== null && value.length > max) errors.push({ field, code: 'TOO_LONG', message: `${field} may have at most ${max.toLocaleString('en-US')} characters.` });
  }
  let from: string | null = null;
  if (input.from !== null) {
    const parsed = parseCallerNumber(input.from, deps.settings.defaultRegion);
    if (parsed) from = parsed.number;
    else errors.push({ field: 'from', code: 'INVALID', message: 'from is not a phone number.' });
  }
  return { errors, from };
}

export async function logCall(deps: ServiceDeps, input: CallInput): Promise<{ id: string; replayed: boolean }> {
  const { errors, from } = checkLocal(deps, input, (deps.clock ?? Date.now)());
  if (errors.length > 0) throw new ValidationError(errors);
  const customerId = input.customerId && idOf(input.customerId, 'Contact');
  const caseId = input.caseId && idOf(input.caseId, 'Case');
  const { idempotencyKey, ...rest } = input;
  return idempotentWrite(deps, {
    object: 'Task',
    idempotencyKey,
    fingerprint: fingerprint({ operation: 'logCall', ...rest, customerId, caseId, from, startedAt: input.startedAt.toISOString() }),
    inputNames: CALL_INPUT_NAMES,
    async prepare() {
      const [customer, kase] = await Promise.all([
        customerId ? findContactsByIds(deps.sf, deps.settings.contactFields, [customerId]).then((r) => r[0] ?? null) : null,
        caseId ? findCasesByIds(deps.sf, [caseId]).then((r) => r[0] ?? null) : null,
      ]);
      if (customerId && !customer) throw new NotFoundError('No customer has this customerId; nothing was written.', input.customerId!);
      if (caseId && !kase) throw new NotFoundError('No case has this caseId; nothing was written.', input.caseId!);
      // One customer's call is never logged on another customer's case (as sendFollowUp refuses).
      if (customerId && kase && kase.contactId !== customerId) {
        throw new ValidationError([{ field: 'caseId', code: 'NOT_ALLOWED', message: 'The case belongs to another customer; nothing was written.' }]);
      }
      // A call about a case is with the case's customer when the input names none.
      const contactId = customerId ?? kase?.contactId ?? null;
      return callRow({ ...input, contactId, caseId, from });
    },
    replay: async (existing) => ({ id: existing.id, replayed: true as boolean }),
    created: async (id) => ({ id, replayed: false }),
  });
}
