/**
 * Your org, written: the agent sets the org's own Case fields (`custom` on createCase and
 * updateCase), each checked against describe and the record type before any Salesforce call, and
 * every answer is Salesforce's own (record types, required fields, a missing case). Over HTTP,
 * against each of the emulator's org profiles (docs/your-org.md).
 */
import { readFileSync } from 'node:fs';
import { control, type OrgProfile } from 'salesforce-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgFile } from '../src/env/org-file';
import { startTestGateway, type TestGateway } from './support/gateway';
import { wholeVoiceCall } from './support/voice-call';

const example = (profile: OrgProfile): OrgFile =>
  profile === 'demo'
    ? { fields: {}, caseDefaults: {} }
    : (JSON.parse(readFileSync(new URL(`../docs/your-org/${profile}.json`, import.meta.url), 'utf8')) as OrgFile);
/** The example org file, with three more Case fields: a picklist, a text field and a read-only one. */
const withCaseFields = (profile: OrgProfile, more: Record<string, string> = {}): OrgFile => {
  const file = example(profile);
  return { ...file, fields: { ...file.fields, Case: { ...file.fields?.Case, reason: 'Reason', company: 'SuppliedCompany', number: 'CaseNumber', ...more } } };
};
const calls = async (gw: TestGateway) => (await control<{ apiRequests: number }>(gw.emulators.url, 'GET', 'stats')).apiRequests;

const CREATE = `mutation($input: CreateCaseInput!) { createCase(input: $input) {
  __typename
  ... on CreateCaseSuccess { case { id custom { CUSTOM } } }
  ... on ValidationError { fieldErrors { field code message } }
  ... on NotFoundError { id }
} }`;
const UPDATE = `mutation($input: UpdateCaseInput!) { updateCase(input: $input) {
  __typename
  ... on UpdateCaseSuccess { case { id custom { CUSTOM } } }
  ... on ValidationError { fieldErrors { field code message } }
  ... on NotFoundError { id message }
} }`;
type Result = { __typename: string; case?: { id: string; custom: Record<string, unknown> }; fieldErrors?: { field: string; code: string; message: string }[] };

async function write(gw: TestGateway, doc: string, fields: string, input: Record<string, unknown>): Promise<{ result: Result; calls: number }> {
  const before = await calls(gw);
  const res = await gw.graphql<Record<string, Result>>(doc.replace('CUSTOM', fields), { input });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return { result: Object.values(res.data!)[0]!, calls: (await calls(gw)) - before };
}

describe.each(['demo', 'b2c', 'strict'] as const)('the %s org', (profile) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ emulator: { profile }, org: withCaseFields(profile) });
  });
  afterAll(() => gw.close());
  const customer = () => (profile === 'b2c' ? gw.emulators.salesforce.profileFixtures.personAccount!.contactId : gw.emulators.salesforce.fixtures.contacts.ada);

  it('runs a whole voice call that writes the org’s own fields on createCase and updateCase', async () => {
    const results = await wholeVoiceCall(
      async (_name, document, variables) => {
        const res = await gw.graphql(document, variables);
        expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
        return Object.values(res.data as Record<string, Record<string, unknown>>)[0]!;
      },
      customer(),
      `${profile}-custom`,
      profile === 'b2c' ? '+14155550161' : '+14155550134',
      { create: { reason: 'Breakdown', company: 'Analytical Engines Ltd' }, update: { reason: 'Performance' } },
    );
    for (const step of ['createCase', 'updateCase', 'sendFollowUp', 'logCall'] as const) expect(results[step].__typename, step).toMatch(/Success$/);
    const caseId = (results.createCase.case as { id: string }).id;
    const [row] = (
      await gw.connection.conn.query<{ Reason: string; SuppliedCompany: string }>(`SELECT Reason, SuppliedCompany FROM Case WHERE Id = '${caseId}'`)
    ).records;
    expect(row).toMatchObject({ Reason: 'Performance', SuppliedCompany: 'Analytical Engines Ltd' });
  });

  it('refuses, before any Salesforce call, a value outside the picklist, text over its length and a read-only field', async () => {
    const input = { customerId: customer(), subject: 'Refused', idempotencyKey: `${profile}-refused` };
    const { result, calls: made } = await write(gw, CREATE, 'reason', {
      ...input,
      custom: { reason: 'Gremlins', company: 'x'.repeat(81), number: '00001234' },
    });
    expect(made).toBe(0);
    expect(result.__typename).toBe('ValidationError');
    expect(result.fieldErrors).toEqual(
      expect.arrayContaining([
        { field: 'custom.reason', code: 'INVALID_PICKLIST_VALUE', message: expect.stringMatching(/^custom\.reason must be one of: Installation, .*Other\.$/) },
        { field: 'custom.company', code: 'TOO_LONG', message: 'custom.company may have at most 80 characters.' },
        { field: 'custom.number', code: 'NOT_ALLOWED', message: 'custom.number (Case.CaseNumber) cannot be set by the integration user.' },
      ]),
    );
    const updated = await write(gw, UPDATE, 'reason', {
      caseId: gw.emulators.salesforce.fixtures.cases.adaOpen1,
      custom: { reason: 'Gremlins' },
      idempotencyKey: `${profile}-u`,
    });
    expect(updated.calls).toBe(0);
    expect(updated.result.fieldErrors).toEqual([expect.objectContaining({ field: 'custom.reason', code: 'INVALID_PICKLIST_VALUE' })]);
  });

  it('answers NotFoundError for a comment on a case that is not there (Salesforce halts the comment that refers to it)', async () => {
    const missing = await write(gw, UPDATE, 'reason', { caseId: '500000000000000AAA', comment: 'Hello?', idempotencyKey: `${profile}-missing` });
    expect(missing.result).toMatchObject({ __typename: 'NotFoundError', id: '500000000000000AAA' });
  });
});

describe('strict: record types and required fields', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ emulator: { profile: 'strict' }, org: withCaseFields('strict') });
  });
  afterAll(() => gw.close());
  const ada = () => gw.emulators.salesforce.fixtures.contacts.ada;
  const types = () => gw.emulators.salesforce.profileFixtures.recordTypes;
  const recordTypeOf = async (id: string) =>
    (await gw.connection.conn.query<{ RecordTypeId: string; Product_Line__c: string }>(`SELECT RecordTypeId, Product_Line__c FROM Case WHERE Id = '${id}'`))
      .records[0]!;

  it('writes a custom picklist value with createCase and updateCase, in one call each; the default record type is Salesforce’s', async () => {
    const created = await write(gw, CREATE, 'productLine region', {
      customerId: ada(),
      subject: 'Slow line',
      custom: { productLine: 'Broadband', region: 'APAC' },
      idempotencyKey: 's-1',
    });
    expect(created.result).toMatchObject({ __typename: 'CreateCaseSuccess', case: { custom: { productLine: 'Broadband', region: 'APAC' } } });
    expect(created.calls).toBe(1);
    const id = created.result.case!.id;
    // No recordType given: the emulator gives the user's default, as Salesforce does.
    expect(await recordTypeOf(id)).toMatchObject({ RecordTypeId: types().Support, Product_Line__c: 'Broadband' });
    // Task's describe (the audit task's key fields) is read once per gateway: read it first.
    await write(gw, UPDATE, 'productLine', { caseId: id, priority: 'Low', idempotencyKey: 's-2a' });
    const updated = await write(gw, UPDATE, 'productLine', { caseId: id, custom: { productLine: 'TV' }, idempotencyKey: 's-2' });
    expect(updated.result).toMatchObject({ __typename: 'UpdateCaseSuccess', case: { custom: { productLine: 'TV' } } });
    expect(updated.calls).toBe(1);
    expect((await recordTypeOf(id)).Product_Line__c).toBe('TV');
  });

  /** A complaint about a product line. */
  const complain = (productLine: string, idempotencyKey: string) =>
    write(gw, CREATE, 'productLine', {
      customerId: ada(),
      subject: 'Overcharged',
      description: 'Twice in March.',
      recordType: 'Complaint',
      custom: { productLine },
      idempotencyKey,
    });

  it("refuses a value outside the case's record type before any call, and an inactive record type by name", async () => {
    const complaint = await complain('TV', 's-3');
    expect(complaint.calls).toBe(0);
    expect(complaint.result.fieldErrors).toEqual([
      { field: 'custom.productLine', code: 'INVALID_PICKLIST_VALUE', message: 'custom.productLine must be one of: Broadband, Mobile (record type Complaint).' },
    ]);
    const legacy = await write(gw, CREATE, 'productLine', { customerId: ada(), subject: 'Old', recordType: 'Legacy', idempotencyKey: 's-4' });
    expect(legacy.calls).toBe(0);
    expect(legacy.result.fieldErrors).toEqual([{ field: 'recordType', code: 'INVALID', message: 'recordType must be one of: Support, Complaint.' }]);
  });

  it("a record type deactivated since start-up is refused with Salesforce's own message, on recordType", async () => {
    const complaint = gw.emulators.salesforce.schema.object('Case')!.recordTypes!.find((t) => t.developerName === 'Complaint')!;
    complaint.active = false;
    try {
      const refused = await complain('Mobile', 's-5');
      expect(refused.result.fieldErrors).toEqual([
        { field: 'recordType', code: 'INVALID', message: `Record Type ID: this ID value isn't valid for the user: ${complaint.id}` },
      ]);
    } finally {
      complaint.active = true;
    }
  });

  it('refuses, before any call, required fields the org file declares when neither custom nor caseDefaults gives them', async () => {
    const noDefaults = await startTestGateway({
      emulator: { profile: 'strict' },
      org: { fields: { Case: { productLine: 'Product_Line__c', region: 'Region__c' } }, caseDefaults: {} },
    });
    try {
      const before = await calls(noDefaults);
      const res = await noDefaults.graphql<Record<string, Result>>(CREATE.replace('CUSTOM', 'region'), {
        input: { customerId: noDefaults.emulators.salesforce.fixtures.contacts.ada, subject: 'Nothing set', idempotencyKey: 'nd-1' },
      });
      expect(await calls(noDefaults)).toBe(before);
      expect(res.data!.createCase!.fieldErrors).toEqual([
        { field: 'custom.productLine', code: 'REQUIRED', message: 'custom.productLine is required by the org (Case.Product_Line__c).' },
        { field: 'custom.region', code: 'REQUIRED', message: 'custom.region is required by the org (Case.Region__c).' },
      ]);
      // Given by custom, the case is made.
      const made = await noDefaults.graphql<Record<string, Result>>(CREATE.replace('CUSTOM', 'region'), {
        input: {
          customerId: noDefaults.emulators.salesforce.fixtures.contacts.ada,
          subject: 'Set',
          custom: { productLine: 'Mobile', region: 'US' },
          idempotencyKey: 'nd-2',
        },
      });
      expect(made.data!.createCase).toMatchObject({ __typename: 'CreateCaseSuccess', case: { custom: { region: 'US' } } });
    } finally {
      await noDefaults.close();
    }
  });

  it('shows the deployment’s inputs, with their allowed values, in introspection (GraphiQL’s Docs)', async () => {
    const res = await gw.graphql<{ __type: { inputFields: { name: string; description: string; type: { name: string } }[] } }>(
      '{ __type(name: "CaseCustomInput") { inputFields { name description type { name } } } }',
      {},
      { authorization: 'Bearer demo-designer-key' },
    );
    const productLine = res.data!.__type.inputFields.find((f) => f.name === 'productLine')!;
    expect(productLine.type.name).toBe('String');
    expect(productLine.description).toContain('One of: Broadband, Mobile, TV, General.');
  });
});
