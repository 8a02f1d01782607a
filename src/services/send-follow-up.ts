/**
 * sendFollowUp: consent check → pick the address → record the intent (PENDING) → send → mark it
 * SENT (or FAILED). The Task is keyed by the idempotency key, so a retry finds it and never sends
 * again, even when the first attempt's answer was lost after the provider accepted the message.
 *
 * The one window left: a crash (or a lost provider answer) after the provider accepted the
 * message but before SENT was written leaves the follow-up PENDING. A retry then does not send
 * (at most once): it is IN_PROGRESS while the attempt may still be running, and afterwards answers
 * the follow-up as PENDING. The provider's status callback names the follow-up's Task Id, so the
 * delivery report still moves it to DELIVERED or FAILED. See docs/writes.md.
 */
import { touched, type Touched, type WriteOutcome } from '../domain/write-outcome';
import {
  CodedError,
  ConsentError,
  DeliveryError,
  IdempotencyConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
  checkNoReferences,
} from '../domain/errors';
import { EMAIL_PATTERN } from '../domain/email';
import { consentOf } from '../domain/consent';
import { normaliseId } from '../domain/ids';
import { checkIdempotencyKey, fingerprint } from '../domain/idempotency';
import { isSameNumber, maskNumbers, parseCallerNumber, toE164, type CountryCode } from '../domain/phone';
import type { CustomerRecord, FollowUpChannel, FollowUpRecord, FollowUpStatus } from '../domain/records';
import { DeliveryUnknownError } from '../domain/delivery';
import { compositeCall, foundNothing, insertedId, queryPath, rowsOf, type SubRequest } from '../salesforce/composite';
import { eq, reference, select } from '../salesforce/soql';
import {
  FOLLOW_UP_INPUT_NAMES,
  FOLLOW_UP_STATE_FIELDS,
  findFollowUpsByIds,
  findRecipient,
  followUpRow,
  followUpState,
  recipientOf,
  recipientQuery,
  recordFollowUpOutcome,
} from '../salesforce/tasks';
import type { ServiceDeps } from './context';
import { idempotentWrite } from './idempotent-write';

export interface FollowUpInput {
  customerId: string;
  caseId: string | null;
  channel: FollowUpChannel;
  to: string | null;
  subject: string | null;
  body: string;
  idempotencyKey: string;
}

/** The follow-up, as read back with its outcome when it was. */
export type SendOutcome = WriteOutcome<{ followUp: Touched<'FollowUp'> }>;

export const SMS_MAX_LENGTH = 1600;

/** Checks that need no upstream call. */
export function checkFollowUpInput(input: FollowUpInput): FieldError[] {
  const errors: FieldError[] = checkIdempotencyKey(input.idempotencyKey);
  if (!normaliseId(input.customerId)) errors.push({ field: 'customerId', code: 'INVALID', message: 'customerId is not a Salesforce Id.' });
  if (input.caseId !== null && !normaliseId(input.caseId)) errors.push({ field: 'caseId', code: 'INVALID', message: 'caseId is not a Salesforce Id.' });
  if (!input.body) errors.push({ field: 'body', code: 'REQUIRED', message: 'body is required.' });
  else if (input.channel === 'SMS' && input.body.length > SMS_MAX_LENGTH) {
    errors.push({ field: 'body', code: 'TOO_LONG', message: `An SMS body may have at most ${SMS_MAX_LENGTH} characters.` });
  } else if (input.body.length > 32_000) errors.push({ field: 'body', code: 'TOO_LONG', message: 'body may have at most 32000 characters.' });
  if (input.channel === 'EMAIL' && !input.subject) errors.push({ field: 'subject', code: 'REQUIRED', message: 'An email needs a subject.' });
  if (input.subject && input.subject.length > 255) errors.push({ field: 'subject', code: 'TOO_LONG', message: 'subject may have at most 255 characters.' });
  if (input.to !== null && input.channel === 'EMAIL' && !EMAIL_PATTERN.test(input.to)) {
    errors.push({ field: 'to', code: 'INVALID', message: 'to is not an email address.' });
  }
  errors.push(...checkNoReferences({ subject: input.subject, body: input.body, to: input.to }));
  return errors;
}

/** `to` that is no phone number at all is refused before any call (whose number it is, after). */
function checkNumber(input: FollowUpInput, region: CountryCode): FieldError[] {
  return input.to !== null && input.channel === 'SMS' && !parseCallerNumber(input.to, region)
    ? [{ field: 'to', code: 'INVALID', message: 'to is not a phone number.' }]
    : [];
}

/**
 * The address to send to: by default the mobile (then the phone) in E.164 for SMS, or the email.
 * An explicit `to` must be one of the customer's own numbers, or their email: the gateway is not
 * a way to message arbitrary numbers.
 */
function pickAddress(customer: CustomerRecord, input: FollowUpInput, region: CountryCode): string {
  if (input.channel === 'EMAIL') {
    if (input.to === null) {
      if (!customer.email) throw new ValidationError([{ field: 'to', code: 'REQUIRED', message: 'The customer has no email address.' }]);
      return customer.email;
    }
    if (customer.email?.toLowerCase() !== input.to.toLowerCase()) {
      throw new ValidationError([{ field: 'to', code: 'NOT_ALLOWED', message: "to must be the customer's own email address." }]);
    }
    return customer.email;
  }
  const own = [customer.mobilePhone, customer.phone, customer.homePhone, customer.otherPhone];
  if (input.to === null) {
    const number = [customer.mobilePhone, customer.phone].map((n) => toE164(n, region)).find((n) => n !== null);
    if (!number) throw new ValidationError([{ field: 'to', code: 'REQUIRED', message: 'The customer has no mobile or phone number.' }]);
    return number;
  }
  const asked = parseCallerNumber(input.to, region);
  if (!asked) throw new ValidationError([{ field: 'to', code: 'INVALID', message: 'to is not a phone number.' }]);
  if (!own.some((stored) => isSameNumber(stored, asked))) {
    throw new ValidationError([{ field: 'to', code: 'NOT_ALLOWED', message: "to must be one of the customer's own numbers." }]);
  }
  return asked.number;
}

/** Where a follow-up stands, for answering a retry; the record itself when it had to be read. */
async function stateOf(
  deps: ServiceDeps,
  id: string,
  row: Record<string, unknown> | undefined,
): Promise<{ status: FollowUpStatus; createdAt: Date; subject: string | null; record: FollowUpRecord | null }> {
  if (row) return { ...followUpState(row), record: null };
  const [found] = await findFollowUpsByIds(deps.sf, [id]);
  // The follow-up this key recorded was deleted in Salesforce since: say so, typed.
  if (!found) throw new NotFoundError('The follow-up this idempotencyKey recorded has since been deleted in Salesforce.', id);
  return { ...found, record: found };
}

/** The refusal a follow-up's intent records (in its Subject), so that a retry is refused alike. */
const REFUSED = /^Refused \((CONSENT_OPTED_OUT|CONSENT_UNKNOWN|SMS_CAP|ADDRESS)\): /;

/** Raises a refusal as the error the first attempt answered. */
function refusalError(code: string, input: FollowUpInput, limit: number, message?: string): Error {
  switch (code) {
    case 'CONSENT_OPTED_OUT':
      return new ConsentError(input.channel, 'OPTED_OUT');
    case 'CONSENT_UNKNOWN':
      return new ConsentError(input.channel, 'UNKNOWN');
    case 'SMS_CAP':
      return new ValidationError([
        {
          field: 'customerId',
          code: 'NOT_ALLOWED',
          message: `This customer was sent ${limit} text messages in the last hour, the most allowed; nothing was sent. Try email, or later.`,
        },
      ]);
    default:
      return new ValidationError([{ field: 'to', code: 'NOT_ALLOWED', message: message ?? "to must be the customer's own." }]);
  }
}

/**
 * Two Salesforce calls on the happy path, plus the provider:
 * 1. one `/composite` reads the customer (consent, numbers and their texts of the last hour,
 *    never from a cache) and checks the case is theirs, and records the intent (PENDING, keyed),
 *    which names the customer and the case by reference: a customer or case that is not there,
 *    or a case of another customer, leaves it unwritten;
 * 2. after the provider's answer (or a refusal: consent, the hourly cap, the address), the intent
 *    is marked SENT, FAILED or refused, and read back, in one more call.
 * From the moment the intent is recorded, a retry finds it and never sends again, even when the
 * first attempt's answer was lost after the provider accepted the message.
 */
export async function sendFollowUp(deps: ServiceDeps, input: FollowUpInput): Promise<SendOutcome> {
  const local = [
    ...checkFollowUpInput(input),
    ...checkNumber(input, deps.settings.defaultRegion),
    // A channel this gateway has no provider for is refused before anything is written.
    ...(deps.channels[input.channel]
      ? []
      : [{ field: 'channel', code: 'NOT_ALLOWED' as const, message: `${input.channel} follow-ups are not configured on this gateway.` }]),
  ];
  if (local.length > 0) throw new ValidationError(local);
  const { sf } = deps;
  const clock = deps.clock ?? Date.now;
  const customerId = normaliseId(input.customerId)!;
  const caseId = input.caseId === null ? null : normaliseId(input.caseId)!;
  const limit = deps.settings.smsPerCustomerPerHour;
  let recipient: { customer: CustomerRecord; recentSms: number } | null = null;
  return idempotentWrite<SendOutcome>(deps, {
    object: 'Task',
    idempotencyKey: input.idempotencyKey,
    fingerprint: fingerprint({ ...input, idempotencyKey: undefined, customerId, caseId }),
    readFields: [...FOLLOW_UP_STATE_FIELDS, 'Subject'],
    inputNames: FOLLOW_UP_INPUT_NAMES,
    async replay(existing) {
      const state = await stateOf(deps, existing.id, existing.row);
      if (state.status === 'PENDING' && clock() - state.createdAt.getTime() < deps.settings.pendingTimeoutMs) throw new IdempotencyConflictError('IN_PROGRESS');
      const refused = REFUSED.exec(state.subject ?? '');
      if (state.status === 'FAILED' && refused) throw refusalError(refused[1]!, input, limit);
      if (state.status === 'FAILED') throw new DeliveryError(input.channel, existing.id);
      return { replayed: true, touched: { followUp: touched('FollowUp', existing.id, true, state.record) } };
    },
    prepare: async () => {
      const today = new Date(clock()).toISOString().slice(0, 10);
      // The address is known once the customer is read (in the same call): set with the outcome.
      return followUpRow({ contactId: customerId, caseId, channel: input.channel, to: '', subject: input.subject, body: input.body }, today);
    },
    async write(row, keyFields) {
      const subs: SubRequest[] = [
        {
          method: 'GET',
          path: queryPath(recipientQuery(deps.settings.orgFields, customerId, new Date(clock() - 60 * 60_000), limit)),
          referenceId: 'recipient',
        },
      ];
      if (caseId) {
        subs.push({ method: 'GET', path: queryPath(select({ fields: ['Id'], from: 'Case', where: [eq('Id', caseId)] })), referenceId: 'case' });
        subs.push({
          method: 'GET',
          path: queryPath(select({ fields: ['Id'], from: 'Case', where: [eq('Id', caseId), eq('ContactId', customerId)] })),
          referenceId: 'owned',
        });
      }
      const { Follow_Up_To__c: _unknownYet, ...intent } = row;
      subs.push({
        method: 'POST',
        path: '/sobjects/Task',
        referenceId: 'intent',
        body: { ...intent, WhoId: reference('recipient.records[0].Id'), ...(caseId ? { WhatId: reference('owned.records[0].Id') } : {}), ...keyFields },
      });
      const answers = await compositeCall(sf, subs, { allOrNone: false, keyed: Object.keys(keyFields).length > 0 });
      if (foundNothing(answers.recipient)) throw new NotFoundError('No customer has this customerId; nothing was sent.', input.customerId);
      if (foundNothing(answers.case)) throw new NotFoundError('No case has this caseId; nothing was sent.', input.caseId!);
      if (foundNothing(answers.owned)) throw new ValidationError([{ field: 'caseId', code: 'NOT_ALLOWED', message: 'The case belongs to another customer.' }]);
      const [row0] = rowsOf(answers.recipient);
      if (row0) recipient = recipientOf(row0, deps.settings.orgFields);
      return insertedId(answers, 'intent');
    },
    async created(followUpId) {
      // A lost answer left the customer unread here: read them now (a rare extra call).
      const who = recipient ?? (await findRecipient(sf, deps.settings.orgFields, customerId, new Date(clock() - 60 * 60_000), limit, followUpId));
      if (!who) throw new NotFoundError('No customer has this customerId; nothing was sent.', input.customerId);
      const decided = decide(deps, input, who, limit);
      if ('code' in decided) {
        // The intent stays, marked as refused: nothing is sent, and a retry is refused alike.
        await refuse(deps, followUpId, decided.code, input);
        throw refusalError(decided.code, input, limit, decided.message);
      }
      return deliver(deps, input, followUpId, decided.to);
    },
  });
}

/**
 * The address to send to, or why not: consent first (a customer who opted out is told so, not that
 * they had too many texts), then the hourly cap, then the address itself.
 */
function decide(
  deps: ServiceDeps,
  input: FollowUpInput,
  who: { customer: CustomerRecord; recentSms: number },
  limit: number,
): { to: string } | { code: string; message?: string } {
  const consent = consentOf(who.customer);
  const status = input.channel === 'SMS' ? consent.sms : consent.email;
  const policy = deps.settings.consentPolicy[input.channel];
  if (status === 'OPTED_OUT') return { code: 'CONSENT_OPTED_OUT' };
  if (policy === 'opt-in' && status !== 'OPTED_IN') return { code: 'CONSENT_UNKNOWN' };
  if (input.channel === 'SMS' && limit > 0 && who.recentSms >= limit) return { code: 'SMS_CAP' };
  try {
    return { to: pickAddress(who.customer, input, deps.settings.defaultRegion) };
  } catch (e) {
    if (e instanceof ValidationError) return { code: 'ADDRESS', message: e.fieldErrors[0]?.message };
    throw e;
  }
}

/** Marks a refused intent FAILED, its Subject naming the refusal. */
async function refuse(deps: ServiceDeps, followUpId: string, code: string, input: FollowUpInput): Promise<void> {
  const subject = `Refused (${code}): ${input.subject ?? `${input.channel}: ${input.body}`}`.slice(0, 255);
  await deps.sf
    .request('PATCH', `/sobjects/Task/${followUpId}`, { Follow_Up_Status__c: 'FAILED', Status: 'Completed', Subject: subject }, { idempotent: true })
    .catch((e: unknown) => {
      deps.logger.error({ err: e, followUpId }, 'could not mark a refused follow-up');
    });
}

/** Sends the recorded follow-up once and records what the provider said. */
async function deliver(deps: ServiceDeps, input: FollowUpInput, followUpId: string, to: string): Promise<SendOutcome> {
  const channel = deps.channels[input.channel]!;
  let outcome;
  try {
    outcome = await channel.send({ followUpId, to, subject: input.subject, body: input.body }, deps.sf.remainingMs());
  } catch (e) {
    if (!(e instanceof DeliveryUnknownError)) throw e;
    deps.logger.warn({ followUpId, channel: input.channel }, 'provider answer unknown; follow-up left PENDING');
    deps.events.followUp(input.channel, 'PENDING');
    throw new CodedError({
      code: 'UPSTREAM_UNAVAILABLE',
      message: 'The provider did not confirm the message; it may have been sent. A retry with the same idempotencyKey will not send it again.',
      retryable: true,
    });
  }
  const status: FollowUpStatus = outcome.accepted ? 'SENT' : 'FAILED';
  deps.events.followUp(input.channel, status);
  // The message has gone out (or been refused) whatever happens here: a failed write is logged,
  // the Task stays PENDING, a retry does not send again, and the delivery report still lands.
  const record = await recordFollowUpOutcome(deps.sf, followUpId, status, to).catch((e: unknown) => {
    deps.logger.error({ err: e, followUpId, status }, 'could not record the follow-up status');
    return null;
  });
  if (!outcome.accepted) {
    // The provider's own text stays in our logs; the client gets its code.
    deps.logger.info({ followUpId, code: outcome.code, reason: maskNumbers(outcome.reason) }, 'provider refused the follow-up');
    throw new DeliveryError(input.channel, followUpId, `The provider refused the message (${outcome.code}).`);
  }
  return { replayed: false, touched: { followUp: touched('FollowUp', followUpId, true, record) } };
}
