/**
 * Errors the gateway raises on purpose. Two lanes (STYLE rule 11):
 * - UserError subclasses are expected refusals; the mutations list them, and clients get them as data.
 * - Upstream failures become a GraphQLError with `extensions.code` and `extensions.retryable`, carrying
 *   no upstream text. Anything else is masked by Yoga as "Unexpected error." and logged in full.
 */
import { GraphQLError } from 'graphql';
import { SalesforceError } from './salesforce/client';

export type ErrorCode =
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_LIMIT'
  | 'UPSTREAM_AUTH'
  | 'RATE_LIMITED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'INTERNAL_ERROR';

/** A coded GraphQL error that passes through masking with only the message we wrote. */
export function codedError(code: ErrorCode, message: string, retryable: boolean, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, retryable, ...extra } });
}

/** `first must be 1..50` and other bad arguments of queries. */
export function badInput(message: string, argument?: string): GraphQLError {
  return codedError('BAD_USER_INPUT', message, false, argument ? { argument } : {});
}

const UPSTREAM: Record<SalesforceError['kind'], { code: ErrorCode; message: string; retryable: boolean } | null> = {
  unavailable: { code: 'UPSTREAM_UNAVAILABLE', message: 'Salesforce is unavailable; try again shortly.', retryable: true },
  timeout: { code: 'UPSTREAM_TIMEOUT', message: 'Salesforce did not answer in time.', retryable: true },
  limit: { code: 'UPSTREAM_LIMIT', message: 'The Salesforce API limit is exhausted.', retryable: true },
  auth: { code: 'UPSTREAM_AUTH', message: 'The gateway cannot authenticate to Salesforce.', retryable: false },
  rejected: null,
};

/** For `.catch(rethrow)` in resolvers: upstream failures get their code; UserErrors pass on unchanged. */
export function rethrow(e: unknown): never {
  throw toClientError(e);
}

/**
 * The one place where upstream failures become client-facing errors. A SalesforceError that is an
 * outage (unavailable, timeout, limit, auth) becomes a coded GraphQLError; a rejected call is a bug
 * on our side (e.g. a malformed query) and is left for masking.
 */
export function toClientError(e: unknown): unknown {
  if (e instanceof SalesforceError) {
    const mapped = UPSTREAM[e.kind];
    if (mapped) return codedError(mapped.code, mapped.message, mapped.retryable);
  }
  return e;
}

// ---------------------------------------------------------------------------------------------
// Lane 1: refusals the caller can act on. The mutations list these, and clients get them as data.

export type FieldErrorCode = 'REQUIRED' | 'INVALID' | 'INVALID_PICKLIST_VALUE' | 'TOO_LONG' | 'NOT_ALLOWED';

export interface FieldError {
  /** The input field, e.g. "priority". */
  field: string;
  code: FieldErrorCode;
  message: string;
}

/** Base class of the refusals that clients receive as data. */
export class UserError extends Error {}

/** The input was refused (our checks or Salesforce's validation); nothing was written. */
export class ValidationError extends UserError {
  constructor(
    readonly fieldErrors: FieldError[],
    message = fieldErrors.length === 1 ? fieldErrors[0]!.message : `${fieldErrors.length} fields were refused; nothing was written.`,
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** A record that the input names does not exist; nothing was written. */
export class NotFoundError extends UserError {
  constructor(
    message: string,
    readonly id: string,
  ) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The customer opted out of the channel; nothing was sent. */
export class ConsentError extends UserError {
  constructor(readonly channel: 'SMS' | 'EMAIL') {
    super(channel === 'SMS' ? 'The customer opted out of text messages; nothing was sent.' : 'The customer opted out of email; nothing was sent.');
    this.name = 'ConsentError';
  }
}

export type IdempotencyConflictReason = 'DIFFERENT_INPUT' | 'IN_PROGRESS';

/** The idempotency key was used before with another input, or its first call is still running. Nothing was written. */
export class IdempotencyConflictError extends UserError {
  constructor(readonly reason: IdempotencyConflictReason) {
    super(
      reason === 'IN_PROGRESS'
        ? 'The first call with this idempotencyKey is still running; retry shortly.'
        : 'This idempotencyKey was used before with a different input.',
    );
    this.name = 'IdempotencyConflictError';
  }
}

/** The provider refused the message (e.g. a landline for SMS); the follow-up is recorded as FAILED. */
export class DeliveryError<F = unknown> extends UserError {
  constructor(
    readonly channel: 'SMS' | 'EMAIL',
    readonly followUp: F | null,
    message = channel === 'SMS' ? 'The SMS provider refused the message.' : 'Salesforce refused to send the email.',
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

const DML_CODES: Record<string, FieldErrorCode> = {
  REQUIRED_FIELD_MISSING: 'REQUIRED',
  STRING_TOO_LONG: 'TOO_LONG',
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: 'INVALID_PICKLIST_VALUE',
  INVALID_EMAIL_ADDRESS: 'INVALID',
  FIELD_CUSTOM_VALIDATION_EXCEPTION: 'INVALID',
  FIELD_INTEGRITY_EXCEPTION: 'INVALID',
  INVALID_CROSS_REFERENCE_KEY: 'INVALID',
  MALFORMED_ID: 'INVALID',
  INVALID_TYPE_ON_FIELD_IN_RECORD: 'INVALID',
  NUMBER_OUTSIDE_VALID_RANGE: 'INVALID',
};

/**
 * Salesforce's refusal of a write (validation rules, required custom fields, field checks) as a
 * ValidationError, its fields named as the input names them (`inputNames` maps API names); null
 * when the error is not such a refusal. A validation rule's message is written by the org's
 * admin for users, so it is passed on.
 */
export function toDomainError(e: unknown, inputNames: Record<string, string>): ValidationError | null {
  if (!(e instanceof SalesforceError) || e.kind !== 'rejected') return null;
  const items = e.items.length > 0 ? e.items : [{ errorCode: e.errorCode, message: e.message, fields: e.fields }];
  const mapped = items.filter((i) => i.errorCode in DML_CODES);
  if (mapped.length === 0) return null;
  return new ValidationError(
    mapped.flatMap((i) =>
      (i.fields.length > 0 ? i.fields : ['input']).map((f) => ({
        field: inputNames[f] ?? f,
        code: DML_CODES[i.errorCode]!,
        message: i.message.replace(/^[\w ]+: (?=data value too large|bad value|invalid email)/, ''),
      })),
    ),
  );
}
