/**
 * Your org's shape: an administrator's org file (docs/your-org/*.json) against the
 * emulator's org profiles, over HTTP. Declared fields typed in introspection and read at no extra
 * call; a custom phone field found by the lookup; person accounts as one customer; record types,
 * required fields and validation rules as ValidationErrors that write nothing; and the core flows
 * of a voice call against every profile.
 */
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { control, STRICT_RULE_MESSAGE, type OrgProfile } from 'salesforce-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import type { OrgFile } from '../src/env/org-file';
import { OrgShapeError } from '../src/services/org-shape';
import { startTestEmulator } from './support/emulator';
import { startTestGateway, testConfig, type TestGateway } from './support/gateway';
import { operation, wholeVoiceCall } from './support/voice-call';

const example = (profile: OrgProfile) => JSON.parse(readFileSync(new URL(`../docs/your-org/${profile}.json`, import.meta.url), 'utf8')) as OrgFile;
const calls = async (gw: TestGateway) => (await control<{ apiRequests: number }>(gw.emulators.url, 'GET', 'stats')).apiRequests;
/** The Salesforce calls `fn` made. */
async function counted<T>(gw: TestGateway, fn: () => Promise<T>): Promise<{ result: T; calls: number }> {
  const before = await calls(gw);
  const result = await fn();
  return { result, calls: (await calls(gw)) - before };
}

const LOOKUP = `query($phone: String!) { customersByPhone(phone: $phone, first: 3) {
  outcome totalCount
  bestMatch { field salesforceField customer { id name isPersonAccount account { id } CUSTOM cases(status: ALL, first: 5) { edges { node { id } } } } }
} }`;
const lookup = (gw: TestGateway, phone: string, custom = '') =>
  gw.graphql<{ customersByPhone: Record<string, unknown> }>(LOOKUP.replace('CUSTOM', custom), { phone });

describe('b2c: person accounts, a custom phone field, a loyalty picklist', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ emulator: { profile: 'b2c' }, org: example('b2c') });
  });
  afterAll(() => gw.close());

  it('shows the declared fields typed in introspection, a picklist with its values', async () => {
    const { data } = await gw.graphql<{ __type: { fields: { name: string; description: string; type: { name: string } }[] } }>(
      '{ __type(name: "CustomerCustomFields") { fields { name description type { name } } } }',
    );
    const fields = Object.fromEntries(data!.__type.fields.map((f) => [f.name, f]));
    expect(fields.loyaltyTier).toMatchObject({ type: { name: 'String' }, description: expect.stringContaining('One of: Gold, Silver, Bronze') });
    expect(fields.whatsApp!.description).toContain('Contact.WhatsApp__c');
    const account = await gw.graphql<{ __type: { fields: { name: string }[] } }>('{ __type(name: "AccountCustomFields") { fields { name } } }');
    expect(account.data!.__type.fields.map((f) => f.name)).toEqual(['loyaltyTier']);
  });

  it('finds a caller whose only number is in the custom phone field, and reads the custom fields at no extra call', async () => {
    const id = gw.emulators.salesforce.profileFixtures.whatsAppOnly!;
    const plain = await counted(gw, () => lookup(gw, '+44 7700 900456'));
    const custom = await counted(gw, () => lookup(gw, '+44 7700 900456', 'custom { loyaltyTier whatsApp }'));
    expect(custom.result.errors).toBeUndefined();
    expect(custom.result.data!.customersByPhone).toMatchObject({
      outcome: 'UNIQUE_MATCH',
      bestMatch: {
        field: 'OTHER_PHONE',
        salesforceField: 'WhatsApp__c',
        customer: { id, name: 'Lise Meitner', custom: { loyaltyTier: 'Silver', whatsApp: '+447700900456' } },
      },
    });
    expect(custom.calls).toBe(plain.calls);
    expect(custom.calls).toBe(2);
  });

  it('a person account is one UNIQUE_MATCH customer with its cases, and no account beside it', async () => {
    const person = gw.emulators.salesforce.profileFixtures.personAccount!;
    const { result, calls: made } = await counted(gw, () => lookup(gw, '+1 415 555 0161', 'custom { loyaltyTier }'));
    expect(result.errors).toBeUndefined();
    expect(result.data!.customersByPhone).toMatchObject({
      outcome: 'UNIQUE_MATCH',
      totalCount: 1,
      bestMatch: {
        field: 'MOBILE_PHONE',
        customer: { id: person.contactId, name: 'Marie Curie', isPersonAccount: true, account: null, custom: { loyaltyTier: 'Gold' } },
      },
    });
    const cases = (result.data!.customersByPhone.bestMatch as { customer: { cases: { edges: { node: { id: string } }[] } } }).customer.cases.edges;
    expect(cases.map((e) => e.node.id).sort()).toEqual([...person.caseIds].sort());
    // The lookup's two arms read the context too (compiled), custom fields included.
    expect(made).toBe(2);
  });

  it('a whole voice call of a person account: the case, follow-up and call attach to it as Salesforce expects', async () => {
    const person = gw.emulators.salesforce.profileFixtures.personAccount!;
    const results = await wholeVoiceCall(
      async (_name, document, variables) => {
        const res = await gw.graphql(document, variables);
        expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
        return Object.values(res.data as Record<string, Record<string, unknown>>)[0]!;
      },
      person.contactId,
      'b2c-call',
      '+14155550161',
    );
    expect(results.customersByPhone).toMatchObject({ outcome: 'UNIQUE_MATCH' });
    expect(results.sendFollowUp).toMatchObject({ __typename: 'SendFollowUpSuccess', followUp: { status: 'SENT' } });
    const caseId = (results.createCase.case as { id: string }).id;
    const { conn } = gw.connection;
    const [made] = (await conn.query<{ ContactId: string; AccountId: string }>(`SELECT ContactId, AccountId FROM Case WHERE Id = '${caseId}'`)).records;
    expect(made).toMatchObject({ ContactId: person.contactId, AccountId: person.accountId });
    // The follow-up and the call are with the person; updateCase's audit task sits on the case alone.
    const tasks = await conn.query<{ WhoId: string; AccountId: string }>(`SELECT WhoId, AccountId FROM Task WHERE WhatId = '${caseId}' AND WhoId != null`);
    expect(tasks.records.length).toBeGreaterThanOrEqual(2);
    for (const t of tasks.records) expect(t).toMatchObject({ WhoId: person.contactId, AccountId: person.accountId });
  });
});

const CREATE = `mutation($input: CreateCaseInput!) { createCase(input: $input) {
  __typename
  ... on CreateCaseSuccess { case { id CUSTOM } }
  ... on ValidationError { message fieldErrors { field code message } }
} }`;

describe('strict: record types, a required custom field and a validation rule', () => {
  let bare: TestGateway;
  let configured: TestGateway;
  beforeAll(async () => {
    bare = await startTestGateway({ emulator: { profile: 'strict' } });
    configured = await startTestGateway({ emulator: { profile: 'strict' }, org: example('strict') });
  });
  afterAll(async () => {
    await bare.close();
    await configured.close();
  });
  const cases = async (gw: TestGateway) => (await gw.connection.conn.query('SELECT COUNT() FROM Case')).totalSize;
  const create = (gw: TestGateway, input: Record<string, unknown>, custom = '') =>
    gw.graphql<{
      createCase: {
        __typename: string;
        case?: { id: string; custom?: Record<string, unknown> };
        fieldErrors?: { field: string; code: string; message: string }[];
      };
    }>(CREATE.replace('CUSTOM', custom), { input: { customerId: gw.emulators.salesforce.fixtures.contacts.ada, subject: 'Bill too high', ...input } });

  it('without the required fields (no org file): Salesforce names both in one error; a ValidationError naming each, nothing written', async () => {
    const before = await cases(bare);
    const { data, errors } = await create(bare, { idempotencyKey: 'strict-1' });
    expect(errors).toBeUndefined();
    const message = 'Required fields are missing: [Product_Line__c, Region__c]';
    expect(data!.createCase).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [
        { field: 'Product_Line__c', code: 'REQUIRED', message },
        { field: 'Region__c', code: 'REQUIRED', message },
      ],
    });
    expect(await cases(bare)).toBe(before);
  });

  it('with a configured default: the case is made, its custom field answered, in one call', async () => {
    // The first createCase of this gateway: Case's describe, read at start-up to check the org
    // file, serves its picklists and key fields too.
    const { result, calls: made } = await counted(configured, () => create(configured, { idempotencyKey: 'strict-2' }, 'custom { productLine }'));
    expect(result.data!.createCase).toMatchObject({ __typename: 'CreateCaseSuccess', case: { custom: { productLine: 'General' } } });
    expect(made).toBe(1);
  });

  it("a record type by developer name; the rule's own message reaches the agent; an unknown type is named", async () => {
    const before = await cases(configured);
    // The org file's default product line is not one a complaint may have: named before any call.
    const calls = async () => (await control<{ apiRequests: number }>(configured.emulators.url, 'GET', 'stats')).apiRequests;
    const idle = await calls();
    const defaulted = await create(configured, { recordType: 'Complaint', idempotencyKey: 'strict-3a' });
    expect(defaulted.data!.createCase).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [
        {
          field: 'custom.productLine',
          code: 'INVALID_PICKLIST_VALUE',
          message: 'custom.productLine must be one of: Broadband, Mobile (record type Complaint).',
        },
      ],
    });
    expect(await calls()).toBe(idle);
    const refused = await create(configured, { recordType: 'Complaint', idempotencyKey: 'strict-3', custom: { productLine: 'Broadband' } });
    expect(refused.data!.createCase).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'description', code: 'INVALID', message: STRICT_RULE_MESSAGE }],
    });
    const unknown = await create(configured, { recordType: 'Complaints', idempotencyKey: 'strict-4' });
    expect(unknown.data!.createCase).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'recordType', code: 'INVALID', message: 'recordType must be one of: Support, Complaint.' }],
    });
    expect(await cases(configured)).toBe(before);
    const made = await create(configured, {
      recordType: 'Complaint',
      description: 'Charged twice in March.',
      idempotencyKey: 'strict-5',
      custom: { productLine: 'Mobile' },
    });
    expect(made.data!.createCase.__typename).toBe('CreateCaseSuccess');
    const [row] = (
      await configured.connection.conn.query<{ RecordTypeId: string }>(`SELECT RecordTypeId FROM Case WHERE Id = '${made.data!.createCase.case!.id}'`)
    ).records;
    expect(row!.RecordTypeId).toBe(configured.emulators.salesforce.profileFixtures.recordTypes.Complaint);
  });
});

describe.each(['demo', 'b2c', 'strict'] as const)('the core flows against the %s profile', (profile) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ emulator: { profile }, ...(profile === 'demo' ? {} : { org: example(profile) }) });
  });
  afterAll(() => gw.close());

  it('lookup, context, createCase, updateCase, recordConsent, sendFollowUp and logCall all succeed', async () => {
    const ada = gw.emulators.salesforce.fixtures.contacts.ada;
    const results = await wholeVoiceCall(
      async (name, document, variables) => {
        const res = await gw.graphql(document, variables);
        expect(res.errors, `${name}: ${JSON.stringify(res.errors)}`).toBeUndefined();
        return Object.values(res.data as Record<string, Record<string, unknown>>)[0]!;
      },
      ada,
      `${profile}-call`,
    );
    expect(results.customersByPhone).toMatchObject({ outcome: 'UNIQUE_MATCH', bestMatch: { customer: { id: ada } } });
    for (const step of ['createCase', 'updateCase', 'recordConsent', 'sendFollowUp', 'logCall'] as const) {
      expect(results[step].__typename, step).toMatch(/Success$/);
    }
    const context = await gw.graphql(operation('CallerLookup'), { phone: '+14155550134' });
    expect(context.errors).toBeUndefined();
  });
});

describe('every kind of field, typed from describe', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      org: {
        fields: {
          Account: { employees: 'NumberOfEmployees', revenue: 'AnnualRevenue', lastActivity: 'LastActivityDate', industry: 'Industry' },
          Case: { escalated: 'IsEscalated', closedAt: 'ClosedDate', parent: 'ParentId' },
        },
        caseDefaults: {},
      },
    });
  });
  afterAll(() => gw.close());

  it('maps number, currency-like, date, picklist, checkbox, date/time and lookup fields to their GraphQL types', async () => {
    const types = async (name: string) =>
      Object.fromEntries(
        (
          await gw.graphql<{ __type: { fields: { name: string; type: { name: string } }[] } }>(`{ __type(name: "${name}") { fields { name type { name } } } }`)
        ).data!.__type.fields.map((f) => [f.name, f.type.name]),
      );
    expect(await types('AccountCustomFields')).toEqual({ employees: 'Int', revenue: 'Float', lastActivity: 'Date', industry: 'String' });
    expect(await types('CaseCustomFields')).toEqual({ escalated: 'Boolean', closedAt: 'DateTime', parent: 'ID' });
  });

  it('answers them in the caller context at the cost of the lookup alone', async () => {
    const ada = gw.emulators.salesforce.fixtures.contacts.ada;
    const { conn } = gw.connection;
    const [account] = (
      await conn.query<{ NumberOfEmployees: number | null; Industry: string | null }>(
        `SELECT NumberOfEmployees, Industry FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Id = '${ada}')`,
      )
    ).records;
    const { result, calls: made } = await counted(gw, () =>
      gw.graphql<{
        customersByPhone: {
          bestMatch: { customer: { account: { custom: Record<string, unknown> }; cases: { edges: { node: { custom: Record<string, unknown> } }[] } } };
        };
      }>(
        `{ customersByPhone(phone: "+14155550134", first: 3) { bestMatch { customer {
           account { custom { employees revenue lastActivity industry } }
           cases(status: ALL, first: 5) { edges { node { custom { escalated closedAt parent } } } } } } } }`,
      ),
    );
    expect(result.errors).toBeUndefined();
    const customer = result.data!.customersByPhone.bestMatch.customer;
    expect(customer.account.custom).toMatchObject({ employees: account!.NumberOfEmployees, industry: account!.Industry });
    const closed = customer.cases.edges.map((e) => e.node.custom).find((c) => c.closedAt !== null);
    expect(closed!.closedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(customer.cases.edges.every((e) => typeof e.node.custom.escalated === 'boolean')).toBe(true);
    expect(made).toBe(2);
  });
});

describe('an org file that does not fit the org', () => {
  it('stops start-up with one line per problem, naming each entry', async () => {
    const em = await startTestEmulator({ profile: 'b2c' });
    try {
      const org: OrgFile = {
        fields: { Customer: { loyaltyTier: 'Loyalty_Tyer__c' }, Case: { owner: 'OwnerId' } },
        phoneFields: ['MobilePhone', 'Email'],
        caseDefaults: { Nope__c: 'x' },
      };
      const failed = await createApp(testConfig(em.url, { org }), { logger: pino({ level: 'silent' }) }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(failed).toBeInstanceOf(OrgShapeError);
      expect((failed as OrgShapeError).problems).toEqual([
        'SALESFORCE_ORG_FILE: fields.Customer.loyaltyTier: Contact has no field Loyalty_Tyer__c that the integration user can read (check the API name and its field-level security)',
        'SALESFORCE_ORG_FILE: phoneFields[1]: Contact.Email is of type email, not phone',
        'SALESFORCE_ORG_FILE: caseDefaults.Nope__c: Case has no field Nope__c that the integration user can read (check the API name and its field-level security)',
      ]);
    } finally {
      await em.close();
    }
  });
});
