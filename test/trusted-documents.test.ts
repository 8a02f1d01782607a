/**
 * Trusted documents: the operations in schema/operations,
 * hashed by codegen into a manifest, run by `documentId` (the GraphQL-over-HTTP draft) or Apollo's
 * persistedQuery extension; with TRUSTED_DOCUMENTS_ONLY, agent and frontend keys run nothing else,
 * designers stay free.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { getOperationAST, parse, print, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { TRUSTED_DOCUMENTS } from '../src/http/trusted-documents';
import { CallerLookupDocument, LogCallDocument, type LogCallMutationVariables } from '../schema/operations/client/graphql';
import { control } from './support/emulator';
import { startTestGateway, type TestGateway } from './support/gateway';

const OPERATIONS = new URL('../schema/operations/', import.meta.url);
const idOf = (name: string) => [...TRUSTED_DOCUMENTS].find(([, doc]) => new RegExp(`^(query|mutation|subscription) ${name}\\b`).test(doc))![0];

describe('the trusted documents manifest', () => {
  it('holds every operation of schema/operations, each under the SHA-256 of its printed text', () => {
    const files = readdirSync(OPERATIONS).filter((f) => f.endsWith('.graphql'));
    expect(TRUSTED_DOCUMENTS.size).toBe(files.length);
    for (const file of files) {
      const source = getOperationAST(parse(readFileSync(new URL(file, OPERATIONS), 'utf8')))!;
      const name = file.replace('.graphql', '');
      expect(source.name?.value).toBe(name);
      const hash = idOf(name);
      expect(createHash('sha256').update(TRUSTED_DOCUMENTS.get(hash)!).digest('hex')).toBe(hash);
      // The manifest holds the document as codegen normalised it (sorted): same operation, same variables.
      const stored = getOperationAST(parse(TRUSTED_DOCUMENTS.get(hash)!))!;
      const shape = (op: OperationDefinitionNode) => [op.operation, (op.variableDefinitions ?? []).map((v) => print(v)).sort()];
      expect(shape(stored)).toEqual(shape(source));
    }
    // The typed client is made from the same documents and carries the same ids.
    expect((CallerLookupDocument as unknown as { __meta__: { hash: string } }).__meta__.hash).toBe(idOf('CallerLookup'));
  });

  it('is on by default in production only', () => {
    expect(loadConfig({}).security.trustedDocumentsOnly).toBe(false);
    expect(loadConfig({ TRUSTED_DOCUMENTS_ONLY: 'true' }).security.trustedDocumentsOnly).toBe(true);
  });
});

describe('with TRUSTED_DOCUMENTS_ONLY', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ security: { trustedDocumentsOnly: true } });
  });
  afterAll(() => gw.close());

  const post = async (body: Record<string, unknown>, key = 'demo-agent-key') => {
    const res = await gw.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] },
    };
  };
  const apiCalls = async () => (await control<{ apiRequests: number }>(gw.emulators.url, 'GET', 'stats')).apiRequests;

  it('runs a trusted document by documentId, with or without the sha256: prefix, and by Apollo’s extension', async () => {
    const id = idOf('CallerLookup');
    for (const body of [
      { documentId: `sha256:${id}`, variables: { phone: '+14155550134' } },
      { documentId: id, variables: { phone: '+14155550134' } },
      { extensions: { persistedQuery: { version: 1, sha256Hash: id } }, variables: { phone: '+14155550134' } },
    ]) {
      const { status, body: answer } = await post(body);
      expect(status).toBe(200);
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toMatchObject({ customersByPhone: { outcome: 'UNIQUE_MATCH', bestMatch: { customer: { name: 'Ada Lovelace' } } } });
    }
  });

  it('answers an unknown Apollo hash PERSISTED_QUERY_NOT_FOUND (Apollo then sends the document), an unknown documentId TRUSTED_DOCUMENT_NOT_FOUND', async () => {
    const unknown = 'a'.repeat(64);
    const apollo = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: unknown } }, variables: {} });
    expect(apollo.body.errors?.[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    const draft = await post({ documentId: `sha256:${unknown}`, variables: {} });
    expect(draft.body.errors?.[0]?.extensions?.code).toBe('TRUSTED_DOCUMENT_NOT_FOUND');
  });

  it('refuses query text from agent and frontend keys before any Salesforce call, and names what to send', async () => {
    const before = await apiCalls();
    for (const key of ['demo-agent-key', 'demo-frontend-key']) {
      const { status, body } = await post({ query: '{ searchCustomers(text: "a", first: 50) { edges { node { id email } } } }' }, key);
      expect(status).toBe(400);
      expect(body.errors![0]).toMatchObject({ extensions: { code: 'TRUSTED_DOCUMENT_REQUIRED' } });
      expect(body.errors![0]!.message).toMatch(/documentId/);
    }
    const unknown = await post({ documentId: `sha256:${'0'.repeat(64)}` });
    expect(unknown.body.errors![0]).toMatchObject({ extensions: { code: 'TRUSTED_DOCUMENT_NOT_FOUND' } });
    expect(await apiCalls()).toBe(before);
  });

  it('lets designers write any query', async () => {
    const { body } = await post({ query: '{ caseOptions { statuses { value } } }' }, 'demo-designer-key');
    expect(body.errors).toBeUndefined();
    expect(body.data).toMatchObject({ caseOptions: { statuses: expect.arrayContaining([{ value: 'New' }]) } });
  });

  it('runs a trusted mutation with its typed variables', async () => {
    const variables: LogCallMutationVariables = {
      input: {
        customerId: gw.emulators.salesforce.fixtures.contacts.ada,
        startedAt: '2026-11-30T10:00:00.000Z',
        durationSeconds: 42,
        idempotencyKey: 'trusted-1',
      },
    };
    const hash = (LogCallDocument as unknown as { __meta__: { hash: string } }).__meta__.hash;
    const { body } = await post({ documentId: `sha256:${hash}`, variables });
    expect(body.data).toMatchObject({ logCall: { __typename: 'LogCallSuccess', replayed: false } });
  });
});
