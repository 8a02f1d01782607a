/**
 * The errors the gateway raises on purpose, free of GraphQL. Two lanes:
 * - UserError subclasses are expected refusals; the mutations list them, and clients get them as data.
 * - CodedError is a failure the client gets as a GraphQL error with `extensions.code` and
 *   `extensions.retryable`; the HTTP edge turns it into one (src/http/errors.ts). Anything else is
 *   masked there as "Unexpected error." and logged in full.
 */

export type ErrorCode =
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_LIMIT'
  | 'UPSTREAM_AUTH'
  | 'STATE_UNAVAILABLE'
  | 'RATE_LIMITED'
  | 'SUBSCRIPTION_LIMIT'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'INTERNAL_ERROR';

/** A failure with a code the client can switch on; only the message written here reaches it. */
export class CodedError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  /** More `extensions`, e.g. the argument at fault. */
  readonly extensions: Record<string, unknown>;

  constructor(options: { code: ErrorCode; message: string; retryable: boolean; extensions?: Record<string, unknown>; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = 'CodedError';
    this.code = options.code;
    this.retryable = options.retryable;
    this.extensions = options.extensions ?? {};
  }
}

/**
 * The shared store (Redis) does not answer, so a write cannot be made exactly-once: it is refused,
 * retryably, rather than risk a duplicate. Reads go on.
 */
export const stateUnavailable = (cause?: unknown): CodedError =>
  new CodedError({
    code: 'STATE_UNAVAILABLE',
    message: 'The gateway cannot make this write exactly once right now; nothing was written. Retry shortly.',
    retryable: true,
    cause,
  });

/** A bad argument of a query (`first must be 1..50`): BAD_USER_INPUT, naming the argument. */
export function badInput(message: string, argument?: string): CodedError {
  return new CodedError({ code: 'BAD_USER_INPUT', message, retryable: false, extensions: argument ? { argument } : {} });
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

/**
 * The customer's consent does not allow the channel: they opted out, or the gateway's policy for
 * the channel is opt-in and they have not opted in. Nothing was sent.
 */
export class ConsentError extends UserError {
  constructor(
    readonly channel: 'SMS' | 'EMAIL',
    /** The customer's consent on the channel as recorded: OPTED_OUT, or UNKNOWN under an opt-in policy. */
    readonly consentStatus: 'OPTED_OUT' | 'UNKNOWN' = 'OPTED_OUT',
  ) {
    const what = channel === 'SMS' ? 'text messages' : 'email';
    super(
      consentStatus === 'OPTED_OUT'
        ? `The customer opted out of ${what}; nothing was sent.`
        : `The customer has not opted in to ${what}, which this gateway requires; nothing was sent. Ask them, and record their answer with recordConsent.`,
    );
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

/**
 * Text a write sends through Salesforce's `/composite` may not hold `@{`: Salesforce reads it as a
 * reference to another subrequest's answer (docs/salesforce-facts.md#writes-upsert-collections-composite) and has no way to escape it, so the
 * text would be refused or, worse, filled in. Refused up front, naming the fields.
 */
export function checkNoReferences(fields: Record<string, string | null | undefined>): FieldError[] {
  return Object.entries(fields)
    .filter(([, v]) => typeof v === 'string' && v.includes('@{'))
    .map(([field]) => ({
      field,
      code: 'INVALID' as const,
      message: `${field} may not contain "@{" (Salesforce reads it as a reference); write "@ {" instead.`,
    }));
}

/** What kind of upstream failure this is: `rejected` refuses this request; the others are outages. */
export type UpstreamKind = 'rejected' | 'unavailable' | 'timeout' | 'limit' | 'auth';

/**
 * Salesforce failed a call (salesforce/errors.ts's SalesforceError is the one kind there is). The
 * edge maps its kind to an UPSTREAM_ code without knowing the salesforce/ layer.
 */
export class UpstreamError extends Error {
  constructor(
    readonly kind: UpstreamKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UpstreamError';
  }
}
