/**
 * Org profiles through jsforce, as any Salesforce client would meet them: b2c's person accounts,
 * custom phone field and loyalty picklist; strict's record types, required field and rule.
 */
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRICT_RULE_MESSAGE, type RunningEmulators } from '../src/index';
import { passwordLogin, rejection, startTestEmulator } from './support';

describe('the b2c profile', () => {
  let em: RunningEmulators;
  let conn: Connection;
  beforeAll(async () => {
    em = await startTestEmulator({ profile: 'b2c' });
    conn = await passwordLogin(em.url);
  });
  afterAll(() => em.close());

  it('describes person accounts: the record type, the person fields, IsPersonAccount on both objects', async () => {
    const account = await conn.sobject('Account').describe();
    const types = (account.recordTypeInfos as unknown as { developerName: string }[]).map((t) => t.developerName);
    expect(types).toEqual(expect.arrayContaining(['PersonAccount', 'Business', 'Master']));
    const names = account.fields.map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining(['IsPersonAccount', 'PersonContactId', 'PersonMobilePhone', 'PersonEmail', 'FirstName', 'LastName', 'Loyalty_Tier__pc']),
    );
    const contact = await conn.sobject('Contact').describe();
    const whatsApp = contact.fields.find((f) => f.name === 'WhatsApp__c');
    expect(whatsApp).toMatchObject({ type: 'phone', custom: true });
    const loyalty = contact.fields.find((f) => f.name === 'Loyalty_Tier__c');
    expect(loyalty?.picklistValues?.map((v) => v.value)).toEqual(['Gold', 'Silver', 'Bronze']);
    const rt = await conn.query<{ DeveloperName: string; IsPersonType: boolean }>(
      "SELECT DeveloperName, IsPersonType FROM RecordType WHERE SobjectType = 'Account'",
    );
    expect(rt.records.find((r) => r.DeveloperName === 'PersonAccount')?.IsPersonType).toBe(true);
  });

  it('makes a person account as Salesforce does: the Contact behind it, queryable both ways', async () => {
    const { PersonAccount } = em.salesforce.profileFixtures.recordTypes;
    const made = (await conn.sobject('Account').create({
      RecordTypeId: PersonAccount,
      FirstName: 'Dorothy',
      LastName: 'Hodgkin',
      PersonMobilePhone: '+14155550162',
      PersonEmail: 'dh@example.com',
    })) as {
      id: string;
    };
    const [account] = (
      await conn.query<{ Name: string; IsPersonAccount: boolean; PersonContactId: string }>(
        `SELECT Name, IsPersonAccount, PersonContactId FROM Account WHERE Id = '${made.id}'`,
      )
    ).records;
    expect(account).toMatchObject({ Name: 'Dorothy Hodgkin', IsPersonAccount: true });
    const [contact] = (
      await conn.query<{ Id: string; IsPersonAccount: boolean; AccountId: string; MobilePhone: string; Email: string }>(
        `SELECT Id, IsPersonAccount, AccountId, MobilePhone, Email FROM Contact WHERE Id = '${account!.PersonContactId}'`,
      )
    ).records;
    expect(contact).toMatchObject({ IsPersonAccount: true, AccountId: made.id, MobilePhone: '+14155550162', Email: 'dh@example.com' });
    // An edit of the account's person fields is an edit of its contact.
    await conn.sobject('Account').update({ Id: made.id, PersonMobilePhone: '+14155550163' });
    const [after] = (await conn.query<{ MobilePhone: string }>(`SELECT MobilePhone FROM Contact WHERE Id = '${contact!.Id}'`)).records;
    expect(after!.MobilePhone).toBe('+14155550163');
  });

  it('finds the custom phone field in SOSL IN PHONE FIELDS', async () => {
    const found = await conn.search('FIND {7700900456} IN PHONE FIELDS RETURNING Contact(Id, WhatsApp__c)');
    expect(found.searchRecords.map((r) => r.Id)).toContain(em.salesforce.profileFixtures.whatsAppOnly);
  });
});

describe('the strict profile', () => {
  let em: RunningEmulators;
  let conn: Connection;
  beforeAll(async () => {
    em = await startTestEmulator({ profile: 'strict' });
    conn = await passwordLogin(em.url);
  });
  afterAll(() => em.close());

  it('describes the Case record types and the required field', async () => {
    const described = await conn.sobject('Case').describe();
    expect(
      (described.recordTypeInfos as unknown as { developerName: string; defaultRecordTypeMapping: boolean }[]).map((t) => [
        t.developerName,
        t.defaultRecordTypeMapping,
      ]),
    ).toEqual([
      ['Support', true],
      ['Complaint', false],
      ['Legacy', false],
      ['Master', false],
    ]);
    expect(described.fields.find((f) => f.name === 'Product_Line__c')).toMatchObject({ nillable: false, createable: true, defaultedOnCreate: false });
  });

  it('refuses a case without the required field, and a complaint the rule refuses, writing nothing', async () => {
    const { Complaint } = em.salesforce.profileFixtures.recordTypes;
    const before = (await conn.query('SELECT COUNT() FROM Case')).totalSize;
    const missing = await rejection(() => conn.sobject('Case').create({ Subject: 'No product line', Status: 'New' }));
    expect(missing.errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect(missing.message).toContain('Product_Line__c');
    const rule = await rejection(() =>
      conn.sobject('Case').create({ Subject: 'Rude agent', Status: 'New', Product_Line__c: 'Mobile', Region__c: 'EMEA', RecordTypeId: Complaint }),
    );
    expect(rule.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(rule.message).toBe(STRICT_RULE_MESSAGE);
    expect((await conn.query('SELECT COUNT() FROM Case')).totalSize).toBe(before);
    const ok = (await conn.sobject('Case').create({
      Subject: 'Rude agent',
      Description: 'The agent hung up twice.',
      Status: 'New',
      Product_Line__c: 'Mobile',
      Region__c: 'EMEA',
      RecordTypeId: Complaint,
    })) as { success: boolean };
    expect(ok.success).toBe(true);
  });
});
