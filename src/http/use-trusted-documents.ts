/**
 * Trusted documents (persisted operations): the operations the agent and frontends run live in
 * schema/operations/*.graphql, and codegen turns them into a manifest of SHA-256 hashes. A client
 * sends `documentId` (the GraphQL-over-HTTP persisted-documents draft: `sha256:<hex>`, or the bare
 * hex) or Apollo's `extensions.persistedQuery.sha256Hash` instead of the query text. With
 * `trustedOnly`, agent and frontend keys may run nothing else, so a leaked key cannot walk the
 * schema; designers stay free to write any query in GraphiQL.
 */
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { defaultExtractPersistedOperationId, usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import manifest from '../../schema/operations/client/persisted-documents.json';
import { principalOf } from './use-auth';

/** The trusted documents by hash (hex SHA-256 of the printed document). */
export const TRUSTED_DOCUMENTS: Readonly<Record<string, string>> = manifest;

const DOCUMENT_ID = /^(?:sha256:)?([0-9a-f]{64})$/;

/** The body parameter the draft adds; Yoga refuses unknown parameters otherwise. */
export const DOCUMENT_ID_PARAM = 'documentId';

const refusal = (code: string, message: string) => () => createGraphQLError(message, { extensions: { code, retryable: false, http: { status: 400 } } });

export function useTrustedDocuments(trustedOnly: boolean): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (key) => TRUSTED_DOCUMENTS[key] ?? null,
    extractPersistedOperationId: (params, request, context) => {
      const id = (params as { documentId?: unknown }).documentId;
      const raw = typeof id === 'string' ? id : defaultExtractPersistedOperationId(params, request, context);
      // A malformed id cannot name a trusted document: it is looked up as given, and not found.
      return raw === null ? null : (DOCUMENT_ID.exec(raw)?.[1] ?? raw);
    },
    allowArbitraryOperations: (request) => !trustedOnly || principalOf(request)?.role === 'designer',
    // Codegen validated the manifest against the schema it was made from; validating again here
    // is cheap (Yoga caches it) and catches a manifest older than the schema.
    skipDocumentValidation: false,
    customErrors: {
      notFound: refusal('TRUSTED_DOCUMENT_NOT_FOUND', 'No trusted document has this documentId; send one of schema/operations (its sha256 hash).'),
      keyNotFound: refusal('BAD_USER_INPUT', 'Send a query, or the documentId of a trusted document.'),
      persistedQueryOnly: refusal(
        'TRUSTED_DOCUMENT_REQUIRED',
        'This API key may run only the trusted documents: send their documentId instead of the query text (designer keys may send any query).',
      ),
    },
  });
}
