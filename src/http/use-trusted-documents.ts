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
import { principalOf } from './request-state';
import { TRUSTED_DOCUMENTS, documentKeyOf } from './trusted-documents';

const refusal = (code: string, message: string) => () => createGraphQLError(message, { extensions: { code, retryable: false, http: { status: 400 } } });

export function useTrustedDocuments(trustedOnly: boolean): Plugin {
  return usePersistedOperations({
    // A Map, not an object: `__proto__` or `constructor` is no document.
    getPersistedOperation: (key) => TRUSTED_DOCUMENTS.get(key) ?? null,
    extractPersistedOperationId: (params, request, context) => {
      // An id of any other shape or length names no trusted document: it is looked up as the
      // one key no document has, and answers TRUSTED_DOCUMENT_NOT_FOUND (never echoed).
      const id = (params as { documentId?: unknown }).documentId;
      const raw = id !== undefined && id !== null ? id : defaultExtractPersistedOperationId(params, request, context);
      if (raw === null) return null;
      return documentKeyOf(raw);
    },
    allowArbitraryOperations: (request) => !trustedOnly || principalOf(request)?.role === 'designer',
    // Codegen validated the manifest against the schema it was made from; validating again here
    // is cheap (Yoga caches it) and catches a manifest older than the schema.
    skipDocumentValidation: false,
    customErrors: {
      // Apollo's client sends the document itself only after PERSISTED_QUERY_NOT_FOUND (its
      // automatic persisted queries); a documentId names a trusted document or nothing.
      notFound: (payload) =>
        (payload.params as { documentId?: unknown }).documentId === undefined || (payload.params as { documentId?: unknown }).documentId === null
          ? createGraphQLError('PersistedQueryNotFound', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', retryable: false, http: { status: 400 } } })
          : refusal('TRUSTED_DOCUMENT_NOT_FOUND', 'No trusted document has this documentId; send one of schema/operations (its sha256 hash).')(),
      keyNotFound: refusal('BAD_USER_INPUT', 'Send a query, or the documentId of a trusted document.'),
      persistedQueryOnly: refusal(
        'TRUSTED_DOCUMENT_REQUIRED',
        'This API key may run only the trusted documents: send their documentId instead of the query text (designer keys may send any query).',
      ),
    },
  });
}
