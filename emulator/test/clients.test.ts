/**
 * What other clients ask of Salesforce, through jsforce as they ask it: the calls of jsforce's own
 * REST tests that fell outside the emulator before (identity, query plans, layouts, list views,
 * Organization, Opportunity), and the column metadata and userinfo the Salesforce CLI needs.
 */
import { describe, expect, it } from 'vitest';
import { rejection, useTestOrg } from './support';

const org = useTestOrg();

const api = async (path: string, token = org.conn.accessToken!) => fetch(`${org.em.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('who the session is', () => {
  it('lists identity among the version’s resources, and conn.identity() follows it', async () => {
    const resources = await org.conn.request<Record<string, string>>('/services/data/v62.0/');
    expect(resources.identity).toBe(`${org.em.url}/id/${org.ids.organizationId}/${org.ids.integrationUserId}`);
    const who = await org.conn.identity();
    expect(who).toMatchObject({
      user_id: org.ids.integrationUserId,
      organization_id: org.ids.organizationId,
      username: 'integration@demo.example',
      active: true,
    });
    expect(who.urls.rest).toMatch(/\/services\/data\/v\{version\}\/$/);
  });

  it('answers the identity URL of the token response, and userinfo, only with a valid token', async () => {
    const id = `/id/${org.ids.organizationId}/${org.ids.integrationUserId}`;
    expect((await api(id)).status).toBe(200);
    expect((await api(id, 'not-a-token')).status).toBe(403);
    const info = await api('/services/oauth2/userinfo');
    expect(await info.json()).toMatchObject({
      sub: `${org.em.url}${id}`,
      preferred_username: 'integration@demo.example',
      organization_id: org.ids.organizationId,
      email: 'integration@demo.example',
    });
    expect((await api('/services/oauth2/userinfo', 'nope')).status).toBe(403);
  });

  it('has the org’s Organization record and its users', async () => {
    const orgs = await org.conn.query<{ Id: string; Name: string; IsSandbox: boolean; OrganizationType: string; InstanceName: string }>(
      'SELECT Id, Name, IsSandbox, OrganizationType, InstanceName, TrialExpirationDate, NamespacePrefix FROM Organization',
    );
    expect(orgs.records).toEqual([
      expect.objectContaining({ Id: org.ids.organizationId, IsSandbox: false, OrganizationType: 'Developer Edition', InstanceName: 'EMU1' }),
    ]);
    const users = await org.conn.query<{ Username: string; UserType: string }>(
      'SELECT Id, Username, Name, Email, UserType, IsActive FROM User ORDER BY Username',
    );
    expect(users.records.map((u) => u.Username)).toEqual(['agent@demo.example', 'integration@demo.example']);
    // The org's record is Salesforce's, not the client's to change.
    expect((await rejection(() => org.conn.sobject('Organization').update({ Id: org.ids.organizationId, Name: 'Mine' }))).errorCode).toBe(
      'INVALID_FIELD_FOR_INSERT_UPDATE',
    );
  });
});

describe('queries', () => {
  it('explains a query plan (jsforce Query#explain)', async () => {
    const result = await org.conn.query('SELECT Id, Name FROM Account ORDER BY CreatedDate DESC LIMIT 10').explain();
    expect(result.plans).toHaveLength(1);
    const [plan] = result.plans;
    expect(plan).toMatchObject({ leadingOperationType: 'TableScan', sobjectType: 'Account', fields: [] });
    expect(plan!.sobjectCardinality).toBeGreaterThan(100);
    expect(typeof plan!.relativeCost).toBe('number');
    const byId = await org.conn.query(`SELECT Id FROM Contact WHERE Id = '${org.ids.contacts.ada}'`).explain();
    expect(byId.plans[0]).toMatchObject({ leadingOperationType: 'Index', cardinality: 1, fields: ['Id'] });
    expect((await rejection(() => org.conn.query('SELECT Nope FROM Account').explain())).errorCode).toBe('INVALID_FIELD');
  });

  it('describes the columns of a query (columns=true, as the Salesforce CLI asks)', async () => {
    const q = encodeURIComponent('SELECT Id, Name, Account.Name, (SELECT Subject FROM Cases) FROM Contact LIMIT 2');
    const meta = await org.conn.request<{
      columnMetadata: { columnName: string; displayName: string; aggregate: boolean; joinColumns: { columnName: string; displayName: string }[] }[];
      entityName: string;
      idSelected: boolean;
      keyPrefix: string;
    }>(`/services/data/v62.0/query?q=${q}&columns=true`);
    expect(meta).toMatchObject({ entityName: 'Contact', idSelected: true, keyPrefix: '003' });
    expect(meta.columnMetadata.map((c) => [c.columnName, c.aggregate, c.joinColumns.map((j) => j.columnName)])).toEqual([
      ['Id', false, []],
      ['Name', false, []],
      ['Account', false, ['Name']],
      ['Cases', true, ['Subject']],
    ]);
    const count = await org.conn.request<{ columnMetadata: { displayName: string; aggregate: boolean }[] }>(
      `/services/data/v62.0/query?q=${encodeURIComponent('SELECT COUNT(Id) n FROM Case')}&columns=true`,
    );
    expect(count.columnMetadata).toEqual([expect.objectContaining({ aggregate: true, displayName: 'COUNT(Id)' })]);
  });
});

describe('a standard org’s objects and metadata', () => {
  it('creates, reads and closes an Opportunity on an Account with employees and a billing state', async () => {
    const account = await org.conn.sobject('Account').create({ Name: 'Initech', NumberOfEmployees: 120, BillingState: 'TX' });
    const opp = await org.conn
      .sobject('Opportunity')
      .create({ AccountId: account.id, Name: 'Initech - TPS', StageName: 'Prospecting', CloseDate: '2026-12-31', Amount: 5000 });
    await org.conn.sobject('Opportunity').update({ Id: opp.id!, StageName: 'Closed Won' });
    const [row] = (
      await org.conn.query<{ IsClosed: boolean; IsWon: boolean; Account: { NumberOfEmployees: number; BillingState: string } }>(
        `SELECT IsClosed, IsWon, Account.NumberOfEmployees, Account.BillingState FROM Opportunity WHERE Id = '${opp.id}'`,
      )
    ).records;
    expect(row).toMatchObject({ IsClosed: true, IsWon: true, Account: { NumberOfEmployees: 120, BillingState: 'TX' } });
    expect((await rejection(() => org.conn.sobject('Opportunity').create({ Name: 'No stage', CloseDate: '2026-12-31' }))).errorCode).toBe(
      'REQUIRED_FIELD_MISSING',
    );
    const seeded = await org.conn.query(`SELECT Id, (SELECT Name, StageName FROM Opportunities) FROM Account WHERE Id = '${org.ids.accounts.acme}'`);
    expect((seeded.records[0] as unknown as { Opportunities: { totalSize: number } }).Opportunities.totalSize).toBe(2);
  });

  it('describes layouts and compact layouts, and serves a list view with its results', async () => {
    const layouts = await org.conn.sobject('Account').layouts();
    expect(layouts.layouts).toHaveLength(1);
    expect(layouts.recordTypeMappings).toEqual([]);
    const firstItem = layouts.layouts[0]!.detailLayoutSections[0]!.layoutRows[0]!.layoutItems[0]!;
    expect(firstItem.layoutComponents[0]!.value).toBe('Name');
    const compact = await org.conn.sobject('Contact').compactLayouts();
    expect(compact.compactLayouts[0]).toMatchObject({ name: 'SYSTEM', objectType: 'Contact' });
    const views = (await org.conn.sobject('Account').listviews()) as { listviews: { id: string; label: string }[] };
    expect(views.listviews.map((v) => v.label)).toEqual(['All Accounts']);
    const view = org.conn.sobject('Account').listview(views.listviews[0]!.id);
    const describe = (await view.describe()) as { query: string };
    expect(describe.query).toMatch(/^SELECT Id, Name/);
    const results = (await view.results()) as { records: { columns: { fieldNameOrPath: string; value: string | null }[] }[]; size: number };
    // The first 25 rows by name, as Salesforce pages list view results.
    expect(results.records).toHaveLength(25);
    expect(results.size).toBe(25);
    expect(results.records[0]!.columns.map((c) => c.fieldNameOrPath).slice(0, 2)).toEqual(['Id', 'Name']);
    expect((await rejection(() => org.conn.request('/services/data/v62.0/sobjects/Account/listviews/00B000000000000AAA/results'))).errorCode).toBe('NOT_FOUND');
  });
});

describe('replication (updated and deleted records)', () => {
  // The org's clock, moved by hand: Salesforce covers whole minutes, so a window is read later.
  let now = Date.UTC(2026, 10, 30, 10, 0, 30);
  const timed = useTestOrg({ clock: () => now });

  it('lists what changed and what was deleted in a window, up to the last whole minute', async () => {
    const start = new Date(now - 60_000);
    const created = await timed.conn.sobject('Account').create({ Name: 'Replicated' });
    const doomed = await timed.conn.sobject('Account').create({ Name: 'Doomed' });
    await timed.conn.sobject('Account').destroy(doomed.id!);
    const end = new Date(now + 120_000);
    // Still within the minute of the writes: not covered yet.
    expect((await timed.conn.sobject('Account').updated(start, end)).ids).not.toContain(created.id);
    now += 60_000;
    const updated = await timed.conn.sobject('Account').updated(start, end);
    expect(updated.ids).toContain(created.id);
    expect(updated.ids).not.toContain(doomed.id);
    expect(updated.latestDateCovered).toBe('2026-11-30T10:01:00.000+0000');
    const deleted = await timed.conn.sobject('Account').deleted(start, end);
    expect(deleted.deletedRecords.map((r) => r.id)).toEqual([doomed.id]);
    expect((await rejection(() => timed.conn.sobject('Account').updated(end, start))).errorCode).toBe('INVALID_REPLICATION_DATE');
  });
});

describe('jsforce’s test package objects (jsforceTestObjects)', () => {
  const withPackage = useTestOrg({ jsforceTestObjects: true });

  it('upserts UpsertTable__c by ExtId__c and pages through BigTable__c', async () => {
    const first = await withPackage.conn.sobject('UpsertTable__c').upsert({ Name: 'New Record', ExtId__c: 'ID-1' }, 'ExtId__c');
    expect(first).toMatchObject({ success: true, created: true });
    const again = await withPackage.conn.sobject('UpsertTable__c').upsert({ Name: 'Updated Record', ExtId__c: 'ID-1' }, 'ExtId__c');
    expect(again).toMatchObject({ success: true, created: false });
    expect(await withPackage.conn.sobject('BigTable__c').count({})).toBe(5_000);
    const all = await withPackage.conn.query('SELECT Id, Name FROM BigTable__c').run({ autoFetch: true, maxFetch: 10_000 });
    expect(all.records).toHaveLength(5_000);
  });

  it('is off by default', async () => {
    expect((await rejection(async () => org.conn.query('SELECT Id FROM BigTable__c').run())).errorCode).toBe('INVALID_TYPE');
  });
});
