import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { describe, expect, it } from 'vitest';
import { graphql } from './__generated__';
import { control } from './support/emulator';
import { useTestGateway } from './support/gateway';

const gw = useTestGateway();

const CustomerById = graphql(`
  query CustomerById($id: ID!) {
    customer(id: $id) {
      id
      salesforceId
      firstName
      lastName
      name
      email
      phone
      mobilePhone
      account { id name phone }
      consent { email sms call }
    }
  }
`);

const PhoneLookup = graphql(`
  query PhoneLookup($phone: String!, $first: Int! = 5) {
    customersByPhone(phone: $phone, first: $first) {
      phone
      outcome
      totalCount
      bestMatch { field customer { id name } }
      matches { field customer { id name } }
    }
  }
`);

const Search = graphql(`
  query Search($text: String!, $first: Int! = 10, $after: String) {
    searchCustomers(text: $text, first: $first, after: $after) {
      edges { cursor node { id name email } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);

const NodeById = graphql(`
  query NodeById($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Customer { name }
      ... on Account { name }
      ... on Case { caseNumber }
      ... on FollowUp { channel }
    }
  }
`);

describe('customer(id:)', () => {
  it('reads a customer with their account and consent in one call', async () => {
    const { data, errors } = await gw.execute(CustomerById, { id: gw.ids.contacts.ada });
    expect(errors).toBeUndefined();
    expect(data?.customer).toEqual({
      id: gw.ids.contacts.ada,
      salesforceId: gw.ids.contacts.ada,
      firstName: 'Ada',
      lastName: 'Lovelace',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: null,
      mobilePhone: '+14155550134',
      account: { id: gw.ids.accounts.acme, name: 'Acme Corporation', phone: '+1 415 555 0100' },
      consent: { email: 'UNKNOWN', sms: 'UNKNOWN', call: 'UNKNOWN' },
    });
    expect((await gw.calls()).apiRequests).toBe(1);
  });

  it('reports opt-outs from HasOptedOutOfEmail, DoNotCall and the SMS opt-out field', async () => {
    const { data } = await gw.execute(CustomerById, { id: gw.ids.contacts.rosalind });
    expect(data?.customer?.consent).toEqual({ email: 'OPTED_OUT', sms: 'OPTED_OUT', call: 'OPTED_OUT' });
  });

  it('accepts a 15-character Id; answers null for an unknown or other-type Id; BAD_USER_INPUT for garbage', async () => {
    const short = await gw.execute(CustomerById, { id: gw.ids.contacts.ada.slice(0, 15) });
    expect(short.data?.customer?.id).toBe(gw.ids.contacts.ada);
    expect((await gw.execute(CustomerById, { id: '003000000000000AAA' })).data?.customer).toBeNull();
    expect((await gw.execute(CustomerById, { id: gw.ids.cases.adaOpen1 })).data?.customer).toBeNull();
    const bad = await gw.execute(CustomerById, { id: "003' OR Id != '" });
    expect(bad.data?.customer).toBeNull();
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', retryable: false });
  });
});

describe('node(id:)', () => {
  it('resolves every type by its key prefix', async () => {
    const cases = [
      [gw.ids.contacts.ada, { __typename: 'Customer', name: 'Ada Lovelace' }],
      [gw.ids.accounts.acme, { __typename: 'Account', name: 'Acme Corporation' }],
      [gw.ids.cases.adaOpen1, { __typename: 'Case', caseNumber: '00001002' }],
      [gw.ids.tasks.adaSms, { __typename: 'FollowUp', channel: 'SMS' }],
    ] as const;
    for (const [id, expected] of cases) {
      const { data } = await gw.execute(NodeById, { id });
      expect(data?.node).toEqual({ id, ...expected });
    }
    expect((await gw.execute(NodeById, { id: gw.ids.integrationUserId })).data?.node).toBeNull();
  });
});

describe('customersByPhone', () => {
  it('finds the one customer with the caller’s mobile: UNIQUE_MATCH with two upstream calls', async () => {
    const { data } = await gw.execute(PhoneLookup, { phone: '+14155550134' });
    expect(data?.customersByPhone).toEqual({
      phone: '+14155550134',
      outcome: 'UNIQUE_MATCH',
      totalCount: 1,
      bestMatch: { field: 'MOBILE_PHONE', customer: { id: gw.ids.contacts.ada, name: 'Ada Lovelace' } },
      matches: [{ field: 'MOBILE_PHONE', customer: { id: gw.ids.contacts.ada, name: 'Ada Lovelace' } }],
    });
    expect((await gw.calls()).byKind).toEqual({ query: 1, search: 1 });
  });

  it('matches numbers stored in other formats, with extensions, and abroad', async () => {
    const lookups: [string, string, string][] = [
      ['+14155550199', gw.ids.contacts.grace, 'PHONE'], // stored "(415) 555-0199"
      ['(415) 555-0199', gw.ids.contacts.grace, 'PHONE'], // the caller ID itself in national format
      ['+14155550142', gw.ids.contacts.katherine, 'PHONE'], // stored "415-555-0142 ext. 12"
      ['+447700900123', gw.ids.contacts.tim, 'MOBILE_PHONE'], // stored "+44 7700 900123"
      ['+4930901820', gw.ids.contacts.emmy, 'PHONE'],
      ['+61255504321', gw.ids.contacts.ruby, 'PHONE'],
    ];
    for (const [phone, id, field] of lookups) {
      const { data } = await gw.execute(PhoneLookup, { phone });
      expect(data?.customersByPhone?.outcome, phone).toBe('UNIQUE_MATCH');
      expect(data?.customersByPhone?.bestMatch, phone).toMatchObject({ field, customer: { id } });
    }
  });

  it('ranks several matches, and counts an account-phone-only match as MULTIPLE_MATCHES', async () => {
    const shared = await gw.execute(PhoneLookup, { phone: '+14155550177' });
    expect(shared.data?.customersByPhone).toMatchObject({
      outcome: 'MULTIPLE_MATCHES',
      totalCount: 2,
      bestMatch: null,
      matches: [
        { field: 'PHONE', customer: { id: gw.ids.contacts.alan } },
        { field: 'HOME_PHONE', customer: { id: gw.ids.contacts.joan } },
      ],
    });
    const account = await gw.execute(PhoneLookup, { phone: '+14155550188' });
    expect(account.data?.customersByPhone?.outcome).toBe('MULTIPLE_MATCHES');
    expect(account.data?.customersByPhone?.matches.map((m) => m.field)).toEqual(['ACCOUNT_PHONE', 'ACCOUNT_PHONE']);
    const limited = await gw.execute(PhoneLookup, { phone: '+14155550177', first: 1 });
    expect(limited.data?.customersByPhone).toMatchObject({ totalCount: 2, matches: [{ customer: { id: gw.ids.contacts.alan } }] });
  });

  it('finds the contacts of an account whose phone is stored in an unusual format, never as UNIQUE_MATCH', async () => {
    const conn = gw.connection.conn;
    // [as stored, as the caller ID comes, Salesforce calls]: a stored format the exact arm knows
    // costs its two calls; one only the search finds costs a third, for the account's contacts.
    for (const [stored, caller, calls] of [
      ['+44 20 36672621', '+442036672621', 3],
      ['020 3667 2621', '+442036672621', 2],
      ['(0)20-3667-2621', '+44 20 3667 2621', 3],
    ] as const) {
      await control(gw.emulators.url, 'POST', 'reset');
      const account = await conn.sobject('Account').create({ Name: 'Initech UK', Phone: stored });
      const contact = await conn.sobject('Contact').create({ LastName: 'Lumbergh', AccountId: (account as { id: string }).id });
      const before = (await gw.calls()).apiRequests;
      const { data } = await gw.execute(PhoneLookup, { phone: caller });
      expect(data?.customersByPhone, stored).toMatchObject({
        outcome: 'MULTIPLE_MATCHES',
        totalCount: 1,
        bestMatch: null,
        matches: [{ field: 'ACCOUNT_PHONE', customer: { id: (contact as { id: string }).id, name: 'Lumbergh' } }],
      });
      expect((await gw.calls()).apiRequests - before, stored).toBe(calls);
    }
  });

  it('treats a withheld or unusable caller ID as INVALID_NUMBER without calling Salesforce', async () => {
    for (const phone of ['', 'withheld', 'anonymous', '+', '12', '5550134', 'Restricted', '+1 (415) 555-01']) {
      const { data, errors } = await gw.execute(PhoneLookup, { phone });
      expect(errors, phone).toBeUndefined();
      expect(data?.customersByPhone, phone).toEqual({ phone: null, outcome: 'INVALID_NUMBER', totalCount: 0, bestMatch: null, matches: [] });
    }
    expect((await gw.calls()).apiRequests).toBe(0);
  });

  it('answers NO_MATCH for a number nobody has', async () => {
    const { data } = await gw.execute(PhoneLookup, { phone: '+14155550111' });
    expect(data?.customersByPhone).toMatchObject({ phone: '+14155550111', outcome: 'NO_MATCH', totalCount: 0, matches: [] });
  });

  it('finds a contact created a second ago while the search index lags', async () => {
    await control(gw.emulators.url, 'PUT', 'faults', { searchIndexLagMs: 120_000 });
    const created = await gw.connection.conn.sobject('Contact').create({ LastName: 'Justcalled', MobilePhone: '(415) 555-0166' });
    const { data } = await gw.execute(PhoneLookup, { phone: '+14155550166' });
    expect(data?.customersByPhone).toMatchObject({
      outcome: 'UNIQUE_MATCH',
      bestMatch: { field: 'MOBILE_PHONE', customer: { id: (created as { id: string }).id } },
    });
  });

  it('still answers from the exact-format query when the search call fails', async () => {
    await control(gw.emulators.url, 'PUT', 'faults', { errorRate: 1, errorStatementContains: 'FIND {' });
    const { data, errors } = await gw.execute(PhoneLookup, { phone: '+14155550134' });
    expect(errors).toBeUndefined();
    expect(data?.customersByPhone?.bestMatch?.customer.id).toBe(gw.ids.contacts.ada);
  });

  it('refuses first outside 1..50 with BAD_USER_INPUT', async () => {
    for (const first of [0, 51, -1]) {
      const { errors } = await gw.execute(PhoneLookup, { phone: '+14155550134', first });
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', retryable: false });
    }
  });
});

describe('searchCustomers', () => {
  it('finds customers by name, email and phone', async () => {
    const byName = await gw.execute(Search, { text: 'Lovelace' });
    expect(byName.data?.searchCustomers?.edges.map((e) => e.node.name)).toEqual(['Ada Lovelace']);
    const byEmail = await gw.execute(Search, { text: 'grace@example.com' });
    expect(byEmail.data?.searchCustomers?.edges.map((e) => e.node.name)).toEqual(['Grace Hopper']);
    const byPhone = await gw.execute(Search, { text: '415-555-0177' });
    expect(byPhone.data?.searchCustomers?.edges.map((e) => e.node.name).sort()).toEqual(['Alan Turing', 'Joan Clarke']);
  });

  it('pages with opaque cursors, without gaps or repeats', async () => {
    const all = await gw.execute(Search, { text: 'example', first: 50 });
    const expected = all.data!.searchCustomers!.edges.map((e) => e.node.id);
    expect(expected.length).toBeGreaterThan(8);
    const seen: string[] = [];
    let after: string | null | undefined = null;
    for (let i = 0; i < 20; i++) {
      const page: { data?: ResultOf<typeof Search> | null } = await gw.execute(Search, { text: 'example', first: 3, after });
      const conn = page.data!.searchCustomers!;
      seen.push(...conn.edges.map((e) => e.node.id));
      expect(conn.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('refuses bad arguments with BAD_USER_INPUT and no upstream call', async () => {
    const cases: VariablesOf<typeof Search>[] = [
      { text: 'Lovelace', first: 0 },
      { text: 'Lovelace', first: 51 },
      { text: 'Lovelace', after: 'not-a-cursor' },
      { text: 'a' },
      { text: '   ' },
      { text: 'x'.repeat(101) },
    ];
    for (const variables of cases) {
      const { data, errors } = await gw.execute(Search, variables);
      expect(data?.searchCustomers, JSON.stringify(variables)).toBeNull();
      expect(errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    expect((await gw.calls()).apiRequests).toBe(0);
  });

  it('keeps hostile text inside the search term', async () => {
    const hostile = ["O'Brien", "x\\' OR Name != null OR Name = \\'", '{}', '*', 'a} RETURNING User(Id', 'Zoë Ünïcødé 名前', 'and or not', 'a\\'];
    for (const text of hostile) {
      const { errors } = await gw.execute(Search, { text });
      if (text.replace(/\W/g, '').length < 2) continue;
      expect(errors, text).toBeUndefined();
    }
    const obrien = await gw.execute(Search, { text: "O'Brien" });
    expect(obrien.data?.searchCustomers?.edges.map((e) => e.node.name)).toEqual(["Conan O'Brien"]);
    const statements = await gw.statements();
    expect(statements.length).toBeGreaterThan(5);
    for (const { statement, status } of statements) {
      expect(status).toBe(200);
      // The term ends at the first unescaped brace; what follows is ours alone.
      const end = /^FIND \{(?:\\.|[^\\}])*\}/.exec(statement!)![0].length;
      expect(statement!.slice(end)).toMatch(/^ IN ALL FIELDS RETURNING Contact\([^()]*\)$/);
    }
  });
});
