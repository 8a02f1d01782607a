/**
 * GraphiQL works without editing. Every example runs as it stands in demo mode, over HTTP with
 * the key the page carries (graphiql-browser.test.ts runs them in Chromium). The Docs pane
 * describes every query, mutation and argument, with defaults.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPHIQL_EXAMPLES, graphiqlDocument } from '../src/http/graphiql-examples';
import { expectResult } from './support/graphiql';
import { startTestGateway, type TestGateway } from './support/gateway';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

describe('the GraphiQL examples', () => {
  it('each run as they stand with the demo key the page carries', async () => {
    const document = graphiqlDocument(true);
    for (const [i, example] of GRAPHIQL_EXAMPLES.entries()) {
      const name = /(?:query|mutation) (\w+)/.exec(example.query)![1]!;
      const res = await gw.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
        body: JSON.stringify({ query: document, operationName: name }),
      });
      expectResult((await res.json()) as never, example.mutation, `example ${i + 1} (${name})`);
    }
  });

  it('say which key mutations need when no demo key is filled in', () => {
    expect(graphiqlDocument(false)).toMatch(/mutations need an agent API key/);
    expect(graphiqlDocument(true)).toMatch(/sends the demo agent key/);
  });

  it('describe every query and mutation in the Docs pane (introspection)', async () => {
    type Root = { fields: { name: string; description: string | null }[] };
    const { data } = await gw.graphql<{ __schema: { queryType: Root; mutationType: Root } }>(
      '{ __schema { queryType { fields { name description } } mutationType { fields { name description } } } }',
      {},
      { authorization: 'Bearer demo-designer-key' },
    );
    const fields = [...data!.__schema.queryType.fields, ...data!.__schema.mutationType.fields];
    expect(fields.map((f) => f.name)).toEqual(expect.arrayContaining(['createCase', 'sendFollowUp', 'customersByPhone']));
    expect(fields.filter((f) => !f.description?.trim()).map((f) => f.name)).toEqual([]);
  });

  it('describe every argument and show its default in the Docs pane (introspection)', async () => {
    type Arg = { name: string; description: string | null; defaultValue: string | null };
    const { data } = await gw.graphql<{ __schema: { types: { name: string; fields: { name: string; args: Arg[] }[] | null }[] } }>(
      '{ __schema { types { name fields { name args { name description defaultValue } } } } }',
      {},
      { authorization: 'Bearer demo-designer-key' },
    );
    const args = data!.__schema.types
      .filter((t) => !t.name.startsWith('__'))
      .flatMap((t) => (t.fields ?? []).flatMap((f) => f.args.map((a) => ({ ...a, at: `${t.name}.${f.name}(${a.name})` }))));
    expect(args.length).toBeGreaterThan(20);
    expect(args.filter((a) => !a.description).map((a) => a.at)).toEqual([]);
    expect(args.find((a) => a.at === 'Query.customersByPhone(first)')!.defaultValue).toBe('5');
    expect(args.find((a) => a.at === 'Customer.cases(status)')!.defaultValue).toBe('ALL');
  });
});
