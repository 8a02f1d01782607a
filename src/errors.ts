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
