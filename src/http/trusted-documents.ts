/**
 * The trusted documents (schema/operations/*.graphql, hashed by codegen into a manifest) and what
 * a request names: the operation, for logs and metric labels, from its name, its document id or
 * its query text.
 */
import manifest from '../../schema/operations/client/persisted-documents.json';

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

/** The manifest key an id names: its hash, or (any other shape or length) the one key no document has. */
export const documentKeyOf = (raw: unknown): string => (typeof raw === 'string' ? (DOCUMENT_ID.exec(raw)?.[1] ?? NO_DOCUMENT) : NO_DOCUMENT);

/** The body parameter the draft adds; Yoga refuses unknown parameters otherwise. */
export const DOCUMENT_ID_PARAM = 'documentId';
