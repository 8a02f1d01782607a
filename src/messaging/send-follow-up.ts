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
import type { Logger } from 'pino';
import { ConsentError, DeliveryError, IdempotencyConflictError, NotFoundError, ValidationError, codedError, toDomainError, type FieldError } from '../errors';
import { isSameNumber, parseCallerNumber, toE164, type CountryCode } from '../phone';
import type { TtlCache } from '../salesforce/cache';
import { SalesforceError, type SalesforceApi } from '../salesforce/client';
import { findContactsByIds } from '../salesforce/contacts';
import { findCasesByIds } from '../salesforce/cases';
import { normaliseId } from '../salesforce/ids';
import { checkIdempotencyKey, findByKey, fingerprint, hasIdempotencyFields, scopedKey, type IdempotencyServices } from '../salesforce/idempotency';
import { EMAIL_PATTERN, parseDateTime, type ContactFieldConfig, type CustomerRecord, type FollowUpChannel, type FollowUpStatus } from '../salesforce/records';
import { FOLLOW_UP_INPUT_NAMES, findFollowUpsByIds, recordFollowUp, updateFollowUpStatus } from '../salesforce/tasks';
import { DeliveryUnknownError, type Channels } from './channel';
import { consentOf } from './consent';

export interface FollowUpInput {
  customerId: string;
  caseId: string | null;
  channel: FollowUpChannel;
  to: string | null;
  subject: string | null;
  body: string;
  idempotencyKey: string;
}

export interface SendDeps {
  sf: SalesforceApi;
  cache: TtlCache<unknown>;
  idempotency: IdempotencyServices;
  channels: Channels;
  contactFields: ContactFieldConfig;
  defaultRegion: CountryCode;
  clientId: string;
  pendingTimeoutMs: number;
  logger: Logger;
  clock?: () => number;
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

const KEY_FIELDS = ['Follow_Up_Status__c', 'CreatedDate'] as const;

export async function sendFollowUp(deps: SendDeps, input: FollowUpInput): Promise<SendOutcome> {
  const local = checkFollowUpInput(input);
  if (local.length > 0) throw new ValidationError(local);
  const { sf, idempotency } = deps;
  const clock = deps.clock ?? Date.now;
  const key = scopedKey(deps.clientId, input.idempotencyKey);
  if (!idempotency.inFlight.enter(key)) throw new IdempotencyConflictError('IN_PROGRESS');
  try {
    const customerId = normaliseId(input.customerId)!;
    const caseId = input.caseId === null ? null : normaliseId(input.caseId)!;
    const fp = fingerprint({ ...input, idempotencyKey: undefined, customerId, caseId });
    const keyed = await hasIdempotencyFields(sf, deps.cache, 'Task', idempotency.settings);

    const replay = (existing: { id: string; fingerprint: string | null; status: FollowUpStatus; createdAt: number }): SendOutcome => {
      if (existing.fingerprint !== fp) throw new IdempotencyConflictError('DIFFERENT_INPUT');
      if (existing.status === 'PENDING' && clock() - existing.createdAt < deps.pendingTimeoutMs) throw new IdempotencyConflictError('IN_PROGRESS');
      if (existing.status === 'FAILED') throw new DeliveryError(input.channel, existing.id);
      return { followUpId: existing.id, replayed: true };
    };
    const lookUp = async () => {
      if (!keyed) {
        const hit = idempotency.fallback.get(`Task:${key}`);
        const [row] = hit ? await findFollowUpsByIds(sf, [hit.id]) : [];
        return hit && row ? { ...hit, status: row.status, createdAt: parseDateTime(row.createdAt) } : null;
      }
      const hit = await findByKey(sf, 'Task', idempotency.settings, key, KEY_FIELDS);
      return hit
        ? { id: hit.id, fingerprint: hit.fingerprint, status: hit.row.Follow_Up_Status__c as FollowUpStatus, createdAt: parseDateTime(String(hit.row.CreatedDate)) }
        : null;
    };

    const existing = await lookUp();
    if (existing) return replay(existing);

    const [customers, cases] = await Promise.all([
      findContactsByIds(sf, deps.contactFields, [customerId]),
      caseId ? findCasesByIds(sf, [caseId]) : Promise.resolve([]),
    ]);
    const customer = customers[0];
    if (!customer) throw new NotFoundError('No customer has this customerId; nothing was sent.', input.customerId);
    if (caseId && !cases[0]) throw new NotFoundError('No case has this caseId; nothing was sent.', input.caseId!);
    if (cases[0] && cases[0].contactId !== customerId) {
      throw new ValidationError([{ field: 'caseId', code: 'NOT_ALLOWED', message: 'The case belongs to another customer.' }]);
    }
    const consent = consentOf(customer);
    if ((input.channel === 'SMS' ? consent.sms : consent.email) === 'OPTED_OUT') throw new ConsentError(input.channel);
    const to = pickAddress(customer, input, deps.defaultRegion);
    const channel = deps.channels[input.channel];
    if (!channel) {
      throw new ValidationError([{ field: 'channel', code: 'NOT_ALLOWED', message: `${input.channel} follow-ups are not configured on this gateway.` }]);
    }

    // 1. Record the intent. From here on, a retry finds this Task and never sends again.
    const intent = { contactId: customerId, caseId, channel: input.channel, to, subject: input.subject, body: input.body };
    const today = new Date(clock()).toISOString().slice(0, 10);
    let followUpId: string;
    try {
      const recorded = await recordFollowUp(
        sf,
        intent,
        keyed ? { field: idempotency.settings.keyField, value: key, fingerprintField: idempotency.settings.fingerprintField, fingerprint: fp } : null,
        today,
      );
      if (!recorded.created) {
        // Another instance recorded it between our look-up and our write.
        const winner = await lookUp();
        return replay(winner!);
      }
      followUpId = recorded.id;
      if (!keyed) idempotency.fallback.set(`Task:${key}`, { id: followUpId, fingerprint: fp });
    } catch (e) {
      const refusal = toDomainError(e, FOLLOW_UP_INPUT_NAMES);
      if (refusal) throw refusal;
      const lost = e instanceof SalesforceError && (e.noResponse || e.errorCode === 'DUPLICATE_VALUE');
      const after = lost && keyed ? await lookUp().catch(() => null) : null;
      if (!after) throw e;
      if (e instanceof SalesforceError && e.errorCode === 'DUPLICATE_VALUE') return replay(after);
      if (after.fingerprint !== fp) throw new IdempotencyConflictError('DIFFERENT_INPUT');
      // Our write committed and only its answer was lost: carry on with this Task.
      followUpId = after.id;
    }

    // 2. Send. 3. Record what the provider said.
    let outcome;
    try {
      outcome = await channel.send({ followUpId, to, subject: input.subject, body: input.body }, sf.remainingMs());
    } catch (e) {
      if (!(e instanceof DeliveryUnknownError)) throw e;
      deps.logger.warn({ followUpId, channel: input.channel }, 'provider answer unknown; follow-up left PENDING');
      throw codedError(
        'UPSTREAM_UNAVAILABLE',
        'The provider did not confirm the message; it may have been sent. A retry with the same idempotencyKey will not send it again.',
        true,
      );
    }
    const status: FollowUpStatus = outcome.accepted ? 'SENT' : 'FAILED';
    await markWithRetry(sf, followUpId, status, deps.logger);
    if (!outcome.accepted) {
      deps.logger.info({ followUpId, code: outcome.code }, 'provider refused the follow-up');
      throw new DeliveryError(input.channel, followUpId, `The provider refused the message (${outcome.code}): ${outcome.reason}`);
    }
    return { followUpId, replayed: false };
  } finally {
    idempotency.inFlight.leave(key);
  }
}

/**
 * Writes the provider's answer. The message has gone out (or been refused) whatever happens here,
 * so a failure is logged, not raised: the Task stays PENDING, and a retry will not send again.
 */
async function markWithRetry(sf: SalesforceApi, id: string, status: FollowUpStatus, logger: Logger): Promise<void> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await updateFollowUpStatus(sf, id, status);
      return;
    } catch (e) {
      if (attempt === 3) logger.error({ err: e, followUpId: id, status }, 'could not record the follow-up status');
    }
  }
}
