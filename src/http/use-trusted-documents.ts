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
export const TRUSTED_DOCUMENTS: ReadonlyMap<string, string> = new Map(Object.entries(manifest as Record<string, string>));

/** The name of a document's first operation, if it has one. */
const nameOf = (document: string) => /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]{0,99})\b/.exec(document)?.[1] ?? null;

/** The operation names of the trusted documents: the closed set that metrics label by. */
export const TRUSTED_OPERATION_NAMES: ReadonlySet<string> = new Set([...TRUSTED_DOCUMENTS.values()].map(nameOf).filter((n): n is string => n !== null));

/**
 * The operation a request names, for its log line: its `operationName` when well formed, else the
 * name of the trusted document it sends by id, else the name its query text starts with.
 */
export function requestedOperation(params: { operationName?: unknown; query?: unknown; documentId?: unknown; extensions?: unknown }): string | null {
  if (typeof params.operationName === 'string') return /^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(params.operationName) ? params.operationName : null;
  const id = params.documentId ?? (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  if (typeof id === 'string') {
    const document = TRUSTED_DOCUMENTS.get(DOCUMENT_ID.exec(id)?.[1] ?? NO_DOCUMENT);
    return document ? nameOf(document) : null;
  }
  return typeof params.query === 'string' ? nameOf(params.query.slice(0, 300)) : null;
}

/** A label for an operation: its name when a trusted document has it, else `other` (never the client's text). */
export function operationLabel(name: unknown): string {
  return typeof name === 'string' && TRUSTED_OPERATION_NAMES.has(name) ? name : 'other';
}

const DOCUMENT_ID = /^(?:sha256:)?([0-9a-f]{64})$/;
/** The key of an id that cannot name a document. */
const NO_DOCUMENT = 'none';

/** The body parameter the draft adds; Yoga refuses unknown parameters otherwise. */
export const DOCUMENT_ID_PARAM = 'documentId';

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
      return typeof raw === 'string' ? (DOCUMENT_ID.exec(raw)?.[1] ?? NO_DOCUMENT) : NO_DOCUMENT;
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
