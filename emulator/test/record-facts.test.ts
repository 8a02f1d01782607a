/**
 * Writes answered as Salesforce answers them, through jsforce: record types (the user's default
 * given, a foreign or inactive one refused with Salesforce's message, picklist values per record
 * type, also through the UI API), several missing required fields as one error, person accounts
 * (one Contact each, no Name on insert), custom objects `custom: true` in describe, and composite
 * references to what is not there (PROCESSING_HALTED).
 */
import { describe, expect, it } from 'vitest';
import { rejection, useTestOrg } from './support';

describe('a strict org', () => {
  const org = useTestOrg({ profile: 'strict' });
  /** jsforce, logged in to the org once it has started. */
  const sf = () => org.conn;
  const types = () => org.em.salesforce.profileFixtures.recordTypes;
  const row = async (id: string) =>
    (await sf().query<Record<string, unknown>>(`SELECT RecordTypeId, Product_Line__c FROM Case WHERE Id = '${id}'`)).records[0]!;

  it("gives a case without a record type the user's default one", async () => {
    const made = (await sf().sobject('Case').create({ Subject: 'Default type', Product_Line__c: 'TV', Region__c: 'EMEA' })) as { id: string };
    expect((await row(made.id)).RecordTypeId).toBe(types().Support);
  });

  it("refuses another object's, an unknown or an inactive record type with Salesforce's message", async () => {
    for (const id of [types().Legacy!, '012000000000999AAA']) {
      const e = await rejection(() => sf().sobject('Case').create({ Subject: 'x', RecordTypeId: id, Product_Line__c: 'TV', Region__c: 'EMEA' }));
      expect(e.errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
      expect(e.message).toBe(`Record Type ID: this ID value isn't valid for the user: ${id}`);
      expect((e.data as { fields?: string[] } | undefined)?.fields ?? ['RecordTypeId']).toEqual(['RecordTypeId']);
    }
  });

  it("holds a restricted picklist to its record type's values, and the UI API says which", async () => {
    const e = await rejection(() =>
      sf().sobject('Case').create({ Subject: 'x', RecordTypeId: types().Complaint, Description: 'd', Product_Line__c: 'TV', Region__c: 'EMEA' }),
    );
    expect(e.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    const values = (await sf().request(`/services/data/v62.0/ui-api/object-info/Case/picklist-values/${types().Complaint}`)) as {
      picklistFieldValues: Record<string, { values: { value: string }[] }>;
    };
    expect(values.picklistFieldValues.Product_Line__c!.values.map((v) => v.value)).toEqual(['Broadband', 'Mobile']);
    const master = (await sf().request('/services/data/v62.0/ui-api/object-info/Case/picklist-values/012000000000000AAA')) as typeof values;
    expect(master.picklistFieldValues.Product_Line__c!.values.map((v) => v.value)).toEqual(['Broadband', 'Mobile', 'TV', 'General']);
  });

  it('reports several missing required fields as one error naming them all', async () => {
    const res = (await sf()
      .request({
        method: 'POST',
        url: '/services/data/v62.0/sobjects/Case',
        body: JSON.stringify({ Subject: 'Nothing required' }),
        headers: { 'Content-Type': 'application/json' },
      })
      .catch((e: { data?: unknown; errorCode?: string; message?: string }) => e)) as { errorCode?: string; message?: string };
    expect(res.errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect(res.message).toBe('Required fields are missing: [Product_Line__c, Region__c]');
  });

  it('halts a composite subrequest whose reference finds no value, and rolls the rest back with allOrNone', async () => {
    const missing = '500000000000000AAA';
    const answer = (await sf().request({
      method: 'POST',
      url: '/services/data/v62.0/composite',
      body: JSON.stringify({
        allOrNone: true,
        compositeRequest: [
          { method: 'GET', url: `/services/data/v62.0/query?q=SELECT+Id+FROM+Case+WHERE+Id='${missing}'`, referenceId: 'target' },
          {
            method: 'POST',
            url: '/services/data/v62.0/sobjects/CaseComment',
            referenceId: 'comment',
            body: { ParentId: '@{target.records[0].Id}', CommentBody: 'x' },
          },
        ],
      }),
      headers: { 'Content-Type': 'application/json' },
    })) as { compositeResponse: { referenceId: string; httpStatusCode: number; body: { errorCode: string; message: string }[] }[] };
    const [target, comment] = answer.compositeResponse;
    expect(comment).toMatchObject({ httpStatusCode: 400, body: [{ errorCode: 'PROCESSING_HALTED' }] });
    expect(comment!.body[0]!.message).toMatch(/^Invalid reference specified\. No value for target\.records\[0\]\.Id found in target\./);
    expect(target).toMatchObject({
      httpStatusCode: 400,
      body: [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }],
    });
  });
  it('halts a reference to a field whose value is null the same way (Salesforce does not document it)', async () => {
    const ada = org.em.salesforce.fixtures.contacts.ada;
    const answer = (await sf().request({
      method: 'POST',
      url: '/services/data/v62.0/composite',
      body: JSON.stringify({
        allOrNone: false,
        compositeRequest: [
          { method: 'GET', url: `/services/data/v62.0/query?q=SELECT+Id,+Department+FROM+Contact+WHERE+Id='${ada}'`, referenceId: 'who' },
          { method: 'POST', url: '/services/data/v62.0/sobjects/Account', referenceId: 'account', body: { Name: '@{who.records[0].Department}' } },
        ],
      }),
      headers: { 'Content-Type': 'application/json' },
    })) as { compositeResponse: { httpStatusCode: number; body: { errorCode: string; message: string }[] }[] };
    expect(answer.compositeResponse[0]!.httpStatusCode).toBe(200);
    expect(answer.compositeResponse[1]).toMatchObject({ httpStatusCode: 400, body: [{ errorCode: 'PROCESSING_HALTED' }] });
  });
});

describe('person accounts', () => {
  const org = useTestOrg({ profile: 'b2c' });

  it('are made with their Contact in one go (PersonContactId at once), take no Name, and no second Contact', async () => {
    const { conn } = org;
    const personType = org.em.salesforce.profileFixtures.recordTypes.PersonAccount!;
    const named = await rejection(() => conn.sobject('Account').create({ RecordTypeId: personType, Name: 'Emmy Noether', LastName: 'Noether' }));
    expect(named.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    const made = (await conn.sobject('Account').create({ RecordTypeId: personType, FirstName: 'Emmy', LastName: 'Noether' })) as { id: string };
    const [account] = (await conn.query<{ PersonContactId: string; Name: string }>(`SELECT PersonContactId, Name FROM Account WHERE Id = '${made.id}'`))
      .records;
    expect(account!.Name).toBe('Emmy Noether');
    expect(account!.PersonContactId).toMatch(/^003/);
    const second = await rejection(() => conn.sobject('Contact').create({ LastName: 'Second', AccountId: made.id }));
    expect(second.errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
  });
});

describe('describe', () => {
  const org = useTestOrg({ jsforceTestObjects: true });

  it('says a custom object is custom, in the global and the per-object describe', async () => {
    const { conn } = org;
    const global = await conn.describeGlobal();
    expect(global.sobjects.find((o) => o.name === 'UpsertTable__c')!.custom).toBe(true);
    expect(global.sobjects.find((o) => o.name === 'Account')!.custom).toBe(false);
    expect((await conn.sobject('UpsertTable__c').describe()).custom).toBe(true);
  });
});
