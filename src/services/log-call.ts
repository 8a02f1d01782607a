/**
 * logCall: a call recorded as a completed Task (TaskSubtype Call) on the customer and on the case,
 * written with its idempotency key, so a retry never logs the call twice.
 */
import { touched, type Touched, type WriteOutcome } from '../domain/write-outcome';
import { NotFoundError, ValidationError, type FieldError, checkNoReferences } from '../domain/errors';
import { checkIdOf, idOf } from '../domain/ids';
import { checkIdempotencyKey, fingerprint } from '../domain/idempotency';
import { parseCallerNumber } from '../domain/phone';
import type { CallRecord } from '../domain/records';
import { CALL_INPUT_NAMES, callRow, type CallFields } from '../salesforce/calls';
import { compositeCall, foundNothing, insertedId, queryPath, rowsOf, type SubRequest } from '../salesforce/composite';
import { CALL_FIELDS, toCall } from '../salesforce/records';
import { eq, eqReference, reference, select } from '../salesforce/soql';
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
    if (value !== null && value.length > max)
      errors.push({ field, code: 'TOO_LONG', message: `${field} may have at most ${max.toLocaleString('en-US')} characters.` });
  }
  errors.push(...checkNoReferences({ summary: input.summary, outcome: input.outcome, externalCallId: input.externalCallId }));
  let from: string | null = null;
  if (input.from !== null) {
    const parsed = parseCallerNumber(input.from, deps.settings.defaultRegion);
    if (parsed) from = parsed.number;
    else errors.push({ field: 'from', code: 'INVALID', message: 'from is not a phone number.' });
  }
  return { errors, from };
}

/**
 * Logs a call once per idempotency key, in ONE Salesforce call on its happy path: the
 * checks that the customer and the case exist and that the case is the customer's feed the insert
 * by reference, and the new Task is read back, all in one `/composite`. A check that fails leaves
 * the insert without its reference, so nothing is written.
 */
export async function logCall(deps: ServiceDeps, input: CallInput): Promise<WriteOutcome<{ call: Touched<'Call'> }>> {
  const { errors, from } = checkLocal(deps, input, (deps.clock ?? Date.now)());
  if (errors.length > 0) throw new ValidationError(errors);
  const customerId = input.customerId && idOf(input.customerId, 'Contact');
  const caseId = input.caseId && idOf(input.caseId, 'Case');
  const { idempotencyKey, ...rest } = input;
  let record: CallRecord | null = null;
  return idempotentWrite(deps, {
    object: 'Task',
    idempotencyKey,
    fingerprint: fingerprint({ operation: 'logCall', ...rest, customerId, caseId, from, startedAt: input.startedAt.toISOString() }),
    inputNames: CALL_INPUT_NAMES,
    prepare: async () => callRow({ ...input, contactId: null, caseId: null, from }),
    async write(row, keyFields) {
      const subs: SubRequest[] = [];
      const query = (referenceId: string, from: string, where: Parameters<typeof select>[0]['where']) =>
        subs.push({ method: 'GET', path: queryPath(select({ fields: ['Id', ...(from === 'Case' ? ['ContactId'] : [])], from, where })), referenceId });
      if (customerId) query('customer', 'Contact', [eq('Id', customerId)]);
      if (caseId) {
        query('case', 'Case', [eq('Id', caseId)]);
        // The case, only if it is the customer's: one customer's call never lands on another's case.
        if (customerId) query('owned', 'Case', [eq('Id', caseId), eq('ContactId', customerId)]);
      }
      // A call about a case is with the case's customer when the input names none. That customer
      // is read first (one more call, on this path only): a reference to the case's ContactId
      // could be a reference to a null field, which Salesforce does not document (docs/writes.md).
      let caseContact: string | null = null;
      if (!customerId && caseId) {
        const [found] = (await deps.sf.query<{ ContactId: string | null }>(select({ fields: ['Id', 'ContactId'], from: 'Case', where: [eq('Id', caseId)] })))
          .records;
        if (!found) throw new NotFoundError('No case has this caseId; nothing was written.', input.caseId!);
        caseContact = found.ContactId;
      }
      const who = customerId ? reference('customer.records[0].Id') : caseContact;
      const what = caseId ? reference(customerId ? 'owned.records[0].Id' : 'case.records[0].Id') : null;
      subs.push({
        method: 'POST',
        path: '/sobjects/Task',
        referenceId: 'call',
        body: { ...row, ...(who ? { WhoId: who } : {}), ...(what ? { WhatId: what } : {}), ...keyFields },
      });
      subs.push({
        method: 'GET',
        path: queryPath(select({ fields: CALL_FIELDS, from: 'Task', where: [eqReference('Id', 'call.id')] })),
        referenceId: 'created',
      });
      const answers = await compositeCall(deps.sf, subs, { allOrNone: false, keyed: Object.keys(keyFields).length > 0 });
      if (foundNothing(answers.customer)) throw new NotFoundError('No customer has this customerId; nothing was written.', input.customerId!);
      if (foundNothing(answers.case)) throw new NotFoundError('No case has this caseId; nothing was written.', input.caseId!);
      if (foundNothing(answers.owned)) {
        throw new ValidationError([{ field: 'caseId', code: 'NOT_ALLOWED', message: 'The case belongs to another customer; nothing was written.' }]);
      }
      const id = insertedId(answers, 'call');
      const [read] = rowsOf(answers.created);
      record = read ? toCall(read) : null;
      return id;
    },
    replay: async (existing) => ({ replayed: true as boolean, touched: { call: touched('Call', existing.id, true) } }),
    created: async (id) => ({ replayed: false, touched: { call: touched('Call', id, true, record?.id === id ? record : null) } }),
  });
}
