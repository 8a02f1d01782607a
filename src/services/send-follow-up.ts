/**
 * sendFollowUp: consent check → pick the address → record the intent (PENDING) → send → mark it
 * SENT (or FAILED). The Task is keyed by the idempotency key, so a retry finds it and never sends
 * again, even when the first attempt's answer was lost after the provider accepted the message.
 *
 * The one window left: a crash (or a lost provider answer) after the provider accepted the
 * message but before SENT was written leaves the follow-up PENDING. A retry then does not send
 * (at most once): it is IN_PROGRESS while the attempt may still be running, and afterwards answers
 * the follow-up as PENDING. The provider's status callback names the follow-up's Task Id, so the
 * delivery report still moves it to DELIVERED or FAILED. See the README.
 */
import { CodedError, ConsentError, DeliveryError, IdempotencyConflictError, NotFoundError, ValidationError, type FieldError } from '../domain/errors';
import { EMAIL_PATTERN } from '../domain/email';
import { consentOf } from '../domain/consent';
import { normaliseId } from '../domain/ids';
import { checkIdempotencyKey, fingerprint } from '../domain/idempotency';
import { isSameNumber, maskNumbers, parseCallerNumber, toE164, type CountryCode } from '../domain/phone';
import type { CustomerRecord, FollowUpChannel, FollowUpStatus } from '../domain/records';
import { DeliveryUnknownError } from '../messaging/channel';
import { findCasesByIds } from '../salesforce/cases';
import { FOLLOW_UP_INPUT_NAMES, FOLLOW_UP_STATE_FIELDS, findFollowUpsByIds, findRecipient, followUpRow, followUpState } from '../salesforce/tasks';
import type { ServiceDeps } from './context';
import { advanceFollowUp } from './follow-up-status';
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

export interface SendOutcome {
  followUpId: string;
  replayed: boolean;
}

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
  return errors;
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

/** Where a follow-up stands, for answering a retry. */
async function stateOf(deps: ServiceDeps, id: string, row: Record<string, unknown> | undefined): Promise<{ status: FollowUpStatus; createdAt: Date }> {
  if (row) return followUpState(row);
  const [found] = await findFollowUpsByIds(deps.sf, [id]);
  if (!found) throw new Error(`follow-up ${id} was recorded but cannot be read back`);
  return found;
}

/**
 * Consent check → pick the address → record the intent (PENDING, keyed) → send → SENT or FAILED.
 * From the moment the intent is recorded, a retry finds it and never sends again, even when the
 * first attempt's answer was lost after the provider accepted the message.
 */
export async function sendFollowUp(deps: ServiceDeps, input: FollowUpInput): Promise<SendOutcome> {
  const local = checkFollowUpInput(input);
  if (local.length > 0) throw new ValidationError(local);
  const { sf } = deps;
  const clock = deps.clock ?? Date.now;
  const customerId = normaliseId(input.customerId)!;
  const caseId = input.caseId === null ? null : normaliseId(input.caseId)!;
  let to = '';
  return idempotentWrite(deps, {
    object: 'Task',
    idempotencyKey: input.idempotencyKey,
    fingerprint: fingerprint({ ...input, idempotencyKey: undefined, customerId, caseId }),
    readFields: FOLLOW_UP_STATE_FIELDS,
    inputNames: FOLLOW_UP_INPUT_NAMES,
    async replay(existing) {
      const state = await stateOf(deps, existing.id, existing.row);
      if (state.status === 'PENDING' && clock() - state.createdAt.getTime() < deps.settings.pendingTimeoutMs) throw new IdempotencyConflictError('IN_PROGRESS');
      if (state.status === 'FAILED') throw new DeliveryError(input.channel, existing.id);
      return { followUpId: existing.id, replayed: true };
    },
    async prepare() {
      const limit = deps.settings.smsPerCustomerPerHour;
      const [recipient, cases] = await Promise.all([
        findRecipient(sf, deps.settings.contactFields, customerId, new Date(clock() - 60 * 60_000), limit),
        caseId ? findCasesByIds(sf, [caseId]) : Promise.resolve([]),
      ]);
      if (!recipient) throw new NotFoundError('No customer has this customerId; nothing was sent.', input.customerId);
      const { customer } = recipient;
      if (caseId && !cases[0]) throw new NotFoundError('No case has this caseId; nothing was sent.', input.caseId!);
      if (cases[0] && cases[0].contactId !== customerId) {
        throw new ValidationError([{ field: 'caseId', code: 'NOT_ALLOWED', message: 'The case belongs to another customer.' }]);
      }
      // Consent first: a customer who opted out is told so, not that they had too many texts.
      const consent = consentOf(customer);
      const status = input.channel === 'SMS' ? consent.sms : consent.email;
      const policy = deps.settings.consentPolicy[input.channel];
      if (status === 'OPTED_OUT' || (policy === 'opt-in' && status !== 'OPTED_IN')) throw new ConsentError(input.channel, status === 'OPTED_OUT' ? 'OPTED_OUT' : 'UNKNOWN');
      if (input.channel === 'SMS' && limit > 0 && recipient.recentSms >= limit) {
        throw new ValidationError([
          {
            field: 'customerId',
            code: 'NOT_ALLOWED',
            message: `This customer was sent ${limit} text messages in the last hour, the most allowed; nothing was sent. Try email, or later.`,
          },
        ]);
      }
      to = pickAddress(customer, input, deps.settings.defaultRegion);
      if (!deps.channels[input.channel]) {
        throw new ValidationError([{ field: 'channel', code: 'NOT_ALLOWED', message: `${input.channel} follow-ups are not configured on this gateway.` }]);
      }
      const today = new Date(clock()).toISOString().slice(0, 10);
      return followUpRow({ contactId: customerId, caseId, channel: input.channel, to, subject: input.subject, body: input.body }, today);
    },
    created: (followUpId) => deliver(deps, input, followUpId, to),
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
  await advanceFollowUp(deps.sf, followUpId, status, 'PENDING').catch((e: unknown) => {
    deps.logger.error({ err: e, followUpId, status }, 'could not record the follow-up status');
  });
  if (!outcome.accepted) {
    // The provider's own text stays in our logs; the client gets its code.
    deps.logger.info({ followUpId, code: outcome.code, reason: maskNumbers(outcome.reason) }, 'provider refused the follow-up');
    throw new DeliveryError(input.channel, followUpId, `The provider refused the message (${outcome.code}).`);
  }
  return { followUpId, replayed: false };
}
