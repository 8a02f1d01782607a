/**
 * Property-based tests: generated inputs (phone numbers, search text, Ids, case numbers and
 * mutation inputs; PROPERTY_RUNS per property) through the whole HTTP pipeline. For every one: no 5xx, no error other than a
 * coded BAD_USER_INPUT, and every SOQL/SOSL statement the emulator received parsed (it answered
 * 200) and carries the input only inside literals (its structure is one we build).
 */
import { parseQuery, type Query, type WhereClause } from '@jetstreamapp/soql-parser-js';
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { control } from './support/emulator';
import { useTestGateway } from './support/gateway';

/** Inputs per property: 100 in `npm test`; PROPERTY_RUNS sets more (a nightly run takes 2,000). */
const RUNS = inject('propertyRuns');
const unthrottled = { perSecond: 1_000_000, burst: 1_000_000 };
const gw = useTestGateway({ security: { rateLimits: { agent: unthrottled, designer: unthrottled, frontend: unthrottled } } });

const OBJECTS = new Set(['Contact', 'Case', 'CaseComment', 'Task', 'Account']);
const WHERE_FIELDS = new Set([
  'Id',
  'Phone',
  'MobilePhone',
  'HomePhone',
  'OtherPhone',
  'Account.Phone',
  'CaseNumber',
  'IsClosed',
  'CreatedDate',
  'Follow_Up_Channel__c',
  // The per-customer SMS limit counts recent follow-ups that did not fail.
  'Follow_Up_Status__c',
  'Gateway_Request_Key__c',
  // A Task is a logged call when its subtype is Call.
  'TaskSubtype',
]);

function whereFields(where: WhereClause | undefined, out: string[] = []): string[] {
  let node: WhereClause | undefined = where;
  while (node) {
    const left = node.left as { field?: string } | null;
    if (left?.field) out.push(left.field);
    node = 'right' in node ? node.right : undefined;
  }
  return out;
}

/** Checks every statement the emulator received since the last reset, then resets. */
async function statementsAreOurs(): Promise<number> {
  const { requests } = await control<{ requests: { kind: string; status: number; statement?: string }[] }>(gw.emulators.url, 'GET', 'requests');
  for (const r of requests) {
    expect(r.status, r.statement).toBeLessThan(500);
    if (r.kind === 'query') {
      expect(r.status, r.statement).toBe(200);
      const q: Query = parseQuery(r.statement!);
      expect(OBJECTS.has(q.sObject!), r.statement).toBe(true);
      for (const f of whereFields(q.where)) expect(WHERE_FIELDS.has(f), `${f} in ${r.statement}`).toBe(true);
      for (const f of q.fields ?? []) {
        if (f.type === 'FieldSubquery') for (const g of whereFields(f.subquery.where)) expect(WHERE_FIELDS.has(g), r.statement).toBe(true);
      }
    }
    if (r.kind === 'search') {
      expect(r.status, r.statement).toBe(200);
      // The term ends at the first unescaped brace; everything after it is ours.
      const end = /^FIND \{(?:\\.|[^\\}])*\}/.exec(r.statement!)?.[0].length;
      expect(end, r.statement).toBeDefined();
      expect(r.statement!.slice(end), r.statement).toMatch(/^ IN (ALL|PHONE) FIELDS RETURNING Contact\([^()]*\)(, Account\(Id, Phone LIMIT \d+\))?$/);
    }
  }
  await control(gw.emulators.url, 'POST', 'reset');
  return requests.length;
}

type Body = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };

async function run(query: string, variables: Record<string, unknown>): Promise<Body> {
  const res = await gw.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
    body: JSON.stringify({ query, variables }),
  });
  expect(res.status).toBeLessThan(500);
  return (await res.json()) as Body;
}

function onlyBadInput(body: Body, input: unknown) {
  for (const e of body.errors ?? []) {
    expect(e.extensions?.code, `${JSON.stringify(input)}: ${e.message}`).toBe('BAD_USER_INPUT');
  }
}

/** Text as callers and attackers type it: anything, SOQL and SOSL syntax, unicode. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...`'"\\%_{}[]()*?:!^~&|+-=<>;,. 0123456789aZ\n\t`.split('')), maxLength: 40 }),
  fc.constantFrom("x\\' OR Name != null OR Name = \\'", "' OR Id != null --", '} RETURNING User(Id', 'AND OR NOT', '\\', "O'Brien"),
);
const phoneLike = fc.oneof(
  hostileText,
  fc.stringMatching(/^\+?[0-9 ().-]{0,22}$/),
  fc.tuple(fc.constantFrom('+1', '+44', '+49', '+61', ''), fc.stringMatching(/^[0-9]{6,12}$/)).map(([cc, n]) => cc + n),
);
const idLike = fc.oneof(hostileText, fc.stringMatching(/^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/), fc.stringMatching(/^(003|500|001|00T)[A-Za-z0-9]{12,15}$/));

describe('generated input never breaks the gateway or the statements it sends', () => {
  it(`customersByPhone: ${RUNS} phone numbers`, async () => {
    await fc.assert(
      fc.asyncProperty(phoneLike, async (phone) => {
        const body = await run('query($p: String!) { customersByPhone(phone: $p) { phone outcome totalCount matches { field customer { id } } } }', {
          p: phone,
        });
        expect(body.errors, phone).toBeUndefined();
        expect(['UNIQUE_MATCH', 'MULTIPLE_MATCHES', 'NO_MATCH', 'INVALID_NUMBER']).toContain((body.data!.customersByPhone as { outcome: string }).outcome);
      }),
      { numRuns: RUNS, seed: 20261125 },
    );
    // Enough of the inputs reached Salesforce as statements (the rest were refused first, or cached).
    expect(await statementsAreOurs()).toBeGreaterThan(RUNS / 10);
  }, 180_000);

  it(`searchCustomers: ${RUNS} search texts`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, fc.integer({ min: -2, max: 60 }), async (text, first) => {
        const body = await run('query($t: String!, $f: Int!) { searchCustomers(text: $t, first: $f) { edges { node { id } } pageInfo { hasNextPage } } }', {
          t: text,
          f: first,
        });
        onlyBadInput(body, { text, first });
      }),
      { numRuns: RUNS, seed: 20261126 },
    );
    // Enough of the inputs reached Salesforce as statements (the rest were refused first, or cached).
    expect(await statementsAreOurs()).toBeGreaterThan(RUNS / 10);
  }, 180_000);

  it(`customer, case, node and caseByNumber: ${RUNS} Ids and numbers`, async () => {
    await fc.assert(
      fc.asyncProperty(idLike, fc.oneof(hostileText, fc.stringMatching(/^[0-9]{1,12}$/)), async (id, caseNumber) => {
        const body = await run(
          'query($id: ID!, $n: String!) { customer(id: $id) { id } case(id: $id) { id } node(id: $id) { id } caseByNumber(caseNumber: $n, customerId: $id) { id } }',
          { id, n: caseNumber },
        );
        onlyBadInput(body, { id, caseNumber });
      }),
      { numRuns: RUNS, seed: 20261127 },
    );
    await statementsAreOurs();
  });

  it(`createCase: ${RUNS} generated inputs are created or refused as data`, async () => {
    const seen = new Map<string, number>();
    const maybe = (a: fc.Arbitrary<string>) => fc.option(a, { nil: undefined });
    // Mostly well-formed, so that writes with hostile text happen; sometimes anything at all.
    const mostly = <T>(good: fc.Arbitrary<T>, any: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: any, weight: 1 });
    const text = fc.string({ minLength: 1, maxLength: 80 }).filter((t) => t.trim() !== '');
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          customerId: maybe(mostly(fc.constantFrom('0035g0000000001AAA', '0035g0000000002AAA'), idLike)),
          suppliedName: maybe(hostileText),
          suppliedPhone: maybe(mostly(fc.string({ maxLength: 40 }), phoneLike)),
          suppliedEmail: maybe(
            mostly(
              fc.emailAddress().filter((e) => e.length <= 80),
              hostileText,
            ),
          ),
          subject: mostly(text, fc.oneof(hostileText, fc.string({ minLength: 200, maxLength: 300 }))),
          description: maybe(hostileText),
          status: maybe(mostly(fc.constantFrom('New', 'Working', 'Closed'), hostileText)),
          priority: maybe(mostly(fc.constantFrom('High', 'Medium', 'Low'), hostileText)),
          origin: maybe(mostly(fc.constantFrom('Phone', 'Email', 'Web'), hostileText)),
          idempotencyKey: mostly(fc.uuid(), fc.oneof(hostileText, fc.string({ minLength: 60, maxLength: 70 }))),
        }),
        async (input) => {
          const body = await run('mutation($i: CreateCaseInput!) { createCase(input: $i) { __typename } }', { i: input });
          expect(body.errors, JSON.stringify(input)).toBeUndefined();
          const kind = (body.data!.createCase as { __typename: string }).__typename;
          expect(['CreateCaseSuccess', 'ValidationError', 'NotFoundError', 'IdempotencyConflictError']).toContain(kind);
          seen.set(kind, (seen.get(kind) ?? 0) + 1);
        },
      ),
      { numRuns: RUNS, seed: 20261128 },
    );
    // Both paths were exercised: writes with hostile text, and refusals.
    expect(seen.get('CreateCaseSuccess') ?? 0).toBeGreaterThan(RUNS / 15);
    expect(seen.get('ValidationError') ?? 0).toBeGreaterThan(RUNS / 15);
    await statementsAreOurs();
  });

  it(`sendFollowUp: ${RUNS} generated inputs are sent or refused as data`, async () => {
    const seen = new Map<string, number>();
    const mostly = <T>(good: fc.Arbitrary<T>, any: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: any, weight: 1 });
    const text = fc.string({ minLength: 1, maxLength: 80 }).filter((t) => t.trim() !== '');
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          customerId: mostly(fc.constantFrom('0035g0000000001AAA', '0035g0000000002AAA', '0035g0000000009AAA'), idLike),
          caseId: fc.option(idLike, { nil: undefined, freq: 2 }),
          channel: fc.constantFrom('SMS', 'EMAIL'),
          to: fc.option(fc.oneof(phoneLike, fc.emailAddress()), { nil: undefined, freq: 2 }),
          subject: mostly(text, hostileText),
          body: mostly(text, fc.oneof(hostileText, fc.string({ minLength: 1590, maxLength: 1610 }))),
          idempotencyKey: mostly(fc.uuid(), hostileText),
        }),
        async (input) => {
          const body = await run('mutation($i: SendFollowUpInput!) { sendFollowUp(input: $i) { __typename } }', { i: input });
          expect(body.errors, JSON.stringify(input)).toBeUndefined();
          const kind = (body.data!.sendFollowUp as { __typename: string }).__typename;
          expect(['SendFollowUpSuccess', 'ValidationError', 'NotFoundError', 'ConsentError', 'IdempotencyConflictError', 'DeliveryError']).toContain(kind);
          seen.set(kind, (seen.get(kind) ?? 0) + 1);
        },
      ),
      { numRuns: RUNS, seed: 20261129 },
    );
    expect(seen.get('SendFollowUpSuccess') ?? 0).toBeGreaterThan(RUNS / 20);
    await statementsAreOurs();
  });
});
