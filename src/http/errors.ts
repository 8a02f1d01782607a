/**
 * Where errors become GraphQL errors: CodedErrors and upstream outages get
 * their code and `retryable`; GraphQL's own parse and validation errors pass; anything else is
 * "Unexpected error." (INTERNAL_ERROR) for the client and logged in full for us.
 */
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { CodedError, UpstreamError, type ErrorCode, type UpstreamKind } from '../domain/errors';

const UPSTREAM: Record<UpstreamKind, { code: ErrorCode; message: string; retryable: boolean } | null> = {
  unavailable: { code: 'UPSTREAM_UNAVAILABLE', message: 'Salesforce is unavailable; try again shortly.', retryable: true },
  timeout: { code: 'UPSTREAM_TIMEOUT', message: 'Salesforce did not answer in time.', retryable: true },
  limit: { code: 'UPSTREAM_LIMIT', message: 'The Salesforce API limit is exhausted.', retryable: true },
  auth: { code: 'UPSTREAM_AUTH', message: 'The gateway cannot authenticate to Salesforce.', retryable: false },
  rejected: null,
};

/**
 * The coded form of an error, or null when it has none. An UpstreamError that is an outage gets
 * an UPSTREAM_ code with no Salesforce text; a rejected call is a bug on our side and gets none.
 */
export function toCoded(e: unknown): CodedError | null {
  if (e instanceof CodedError) return e;
  if (e instanceof UpstreamError) {
    const mapped = UPSTREAM[e.kind];
    return mapped ? new CodedError(mapped) : null;
  }
  return null;
}

/** A GraphQL error answered with only the code, message and extensions we chose. */
export function codedGraphQLError(e: CodedError, from?: GraphQLError): GraphQLError {
  return new GraphQLError(e.message, {
    nodes: from?.nodes,
    path: from?.path,
    extensions: { code: e.code, retryable: e.retryable, ...e.extensions },
  });
}

export function maskError(logger: Logger) {
  return (error: unknown): Error => {
    const graphqlError = error instanceof GraphQLError ? error : null;
    const original = graphqlError?.originalError ?? error;
    const coded = toCoded(original);
    if (coded) return codedGraphQLError(coded, graphqlError ?? undefined);
    if (graphqlError && !graphqlError.originalError) return graphqlError; // parse and validation errors
    if (original instanceof GraphQLError && typeof original.extensions.code === 'string') return original; // Yoga's own, coded
    logger.error({ err: original, path: graphqlError?.path }, 'unexpected error in a resolver');
    return new GraphQLError('Unexpected error.', {
      nodes: graphqlError?.nodes,
      path: graphqlError?.path,
      extensions: { code: 'INTERNAL_ERROR', retryable: false },
    });
  };
}
