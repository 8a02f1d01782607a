/**
 * SalesforceError, the one error type that leaves the salesforce/ layer for a failed call, and the
 * mapping of Salesforce's write refusals to ValidationError.
 */
import { UpstreamError, ValidationError, type FieldErrorCode, type UpstreamKind } from '../domain/errors';

/** What kind of upstream failure this is, for callers deciding what to tell clients. */
export type FailureKind = UpstreamKind;

export interface SalesforceErrorItem {
  errorCode: string;
  message: string;
  fields: string[];
}

export interface SalesforceErrorOptions {
  kind: FailureKind;
  /** Salesforce's errorCode (e.g. MALFORMED_QUERY), or ours for transport failures (e.g. ECONNRESET). */
  errorCode: string;
  message: string;
  /** The HTTP status, when an answer came back. */
  status?: number;
  /** Every error item Salesforce returned, for DML that reports several. */
  items?: SalesforceErrorItem[];
  /** Seconds, from a Retry-After header. */
  retryAfter?: number;
  /** No answer came back (timeout, reset connection): a write may or may not have happened. */
  noResponse?: boolean;
  /**
   * The call was cut short, or never sent, because the client asked for a shorter deadline than
   * the gateway's own: it says nothing about Salesforce's health, so no breaker counts it.
   */
  clientDeadline?: boolean;
  cause?: unknown;
}

/**
 * A failed Salesforce call. `kind` says what it means for the caller: `rejected` is a refusal of
 * this request (a bug of ours or a validation rule); the others are outages.
 */
export class SalesforceError extends UpstreamError {
  declare readonly kind: FailureKind;
  readonly errorCode: string;
  readonly status: number | undefined;
  readonly items: SalesforceErrorItem[];
  readonly retryAfter: number | undefined;
  readonly noResponse: boolean;
  readonly clientDeadline: boolean;

  constructor(o: SalesforceErrorOptions) {
    super(o.kind, o.message, { cause: o.cause });
    this.name = 'SalesforceError';
    this.errorCode = o.errorCode;
    this.status = o.status;
    this.items = o.items ?? [];
    this.retryAfter = o.retryAfter;
    this.noResponse = o.noResponse ?? false;
    this.clientDeadline = o.clientDeadline ?? false;
  }

  /**
   * The call may have been applied: no answer came back, or an error page stood in for the answer
   * (500, 502 and 504 from Salesforce or a proxy in front of it, after a commit or not). Only a 503
   * and a locked row say surely nothing was applied.
   */
  get outcomeUnknown(): boolean {
    return this.noResponse || (this.status !== undefined && this.status >= 500 && this.status !== 503);
  }

  /** The fields of the first error item. */
  get fields(): string[] {
    return this.items[0]?.fields ?? [];
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
export function toValidationError(e: unknown, inputNames: Record<string, string>): ValidationError | null {
  if (!(e instanceof SalesforceError) || e.kind !== 'rejected') return null;
  const items = e.items.length > 0 ? e.items : [{ errorCode: e.errorCode, message: e.message, fields: [] }];
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
