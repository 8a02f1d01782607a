/**
 * GraphiQL works without editing. Every example runs as it stands in demo mode, over HTTP with
 * the key the page carries (graphiql-browser.test.ts runs them in Chromium). The Docs pane
 * describes every query, mutation and argument, with defaults.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPHIQL_EXAMPLES, graphiqlDocument } from '../src/http/graphiql-examples';
import { exampleName, expectResult } from './support/graphiql';
import { subscribe } from './support/sse';
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
      const name = exampleName(example.query);
      if (example.subscription) continue;
      const res = await gw.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
        body: JSON.stringify({ query: document, operationName: name }),
      });
      expectResult((await res.json()) as never, example.mutation, `example ${i + 1} (${name})`);
    }
  });

  it('each subscription streams as it stands with the demo key (an activity is made for the agents’ one)', async () => {
    const document = graphiqlDocument(true);
    const live = GRAPHIQL_EXAMPLES.filter((e) => e.subscription);
    expect(live.length).toBe(2);
    for (const example of live) {
      const stream = await subscribe(gw.yoga, { query: document, operationName: exampleName(example.query) }, {}, 'demo-agent-key');
      try {
        // Something for the agents' feed to show: the lookup of example 1.
        if (example.query.includes('agentActivity')) await gw.graphql('{ customersByPhone(phone: "+14155550134") { outcome } }');
        expectResult(await stream.next(5_000), false, exampleName(example.query));
      } finally {
        await stream.close();
      }
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
