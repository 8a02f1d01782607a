import { describe, expect, it } from 'vitest';
import { API_VERSION, rejection, useTestOrg } from './support';

const org = useTestOrg();

type Row = Record<string, unknown> & { attributes: { type: string; url: string } };
const q = async (soql: string) => (await org.conn.query<Row>(soql)) as unknown as { totalSize: number; done: boolean; records: Row[]; nextRecordsUrl?: string };
const names = async (soql: string) => (await q(soql)).records.map((r) => r.Name);

describe('result shape', () => {
  it('returns attributes, canonical field casing and the requested version in urls', async () => {
    const r = await q("select name, ID, mobilephone from contact where lastname = 'LOVELACE'");
    expect(r).toMatchObject({ totalSize: 1, done: true });
    expect(r.records[0]).toEqual({
      attributes: { type: 'Contact', url: `/services/data/v${API_VERSION}/sobjects/Contact/${org.ids.contacts.ada}` },
      Name: 'Ada Lovelace',
      Id: org.ids.contacts.ada,
      MobilePhone: '+14155550134',
    });
  });

  it('nests parent fields under the relationship, and answers null for an empty lookup', async () => {
    const r = await q(`SELECT Id, Account.Name, Account.Owner.Username FROM Contact WHERE Id = '${org.ids.contacts.ada}'`);
    expect(r.records[0]!.Account).toEqual({
      attributes: { type: 'Account', url: `/services/data/v${API_VERSION}/sobjects/Account/${org.ids.accounts.acme}` },
      Name: 'Acme Corporation',
      Owner: { attributes: expect.objectContaining({ type: 'User' }), Username: 'integration@demo.example' },
    });
    const created = await org.conn.sobject('Contact').create({ LastName: 'Orphan' });
    const orphan = await q(`SELECT Id, Account.Name FROM Contact WHERE Id = '${(created as { id: string }).id}'`);
    expect(orphan.records[0]!.Account).toBeNull();
  });

  it('returns child subqueries as nested QueryResults, null when there are no children', async () => {
    const r = await q(
      `SELECT Id, (SELECT Subject, Status FROM Cases WHERE IsClosed = false ORDER BY CreatedDate DESC LIMIT 2) FROM Contact WHERE Id IN ('${org.ids.contacts.ada}', '${org.ids.contacts.hank}') ORDER BY LastName`,
    );
    const [ada, hank] = r.records;
    expect(ada!.Cases).toEqual({
      totalSize: 2,
      done: true,
      records: [
        expect.objectContaining({ Subject: 'Punch cards arrived damaged', Status: 'Escalated' }),
        expect.objectContaining({ Subject: 'Invoice shows the wrong address', Status: 'Working' }),
      ],
    });
    expect(hank!.Cases).toBeNull();
  });

  it('nests child subqueries (API 58.0+), each with its own WHERE, ORDER BY and LIMIT', async () => {
    const soql =
      "SELECT Name, (SELECT Subject, CreatedDate, (SELECT Follow_Up_Channel__c FROM Tasks WHERE Follow_Up_Channel__c != null ORDER BY CreatedDate DESC, Id DESC LIMIT 1) FROM Cases WHERE IsClosed = false ORDER BY CreatedDate DESC, Id DESC LIMIT 2), (SELECT Id FROM Tasks WHERE Follow_Up_Channel__c != null LIMIT 5) FROM Contact WHERE LastName = 'Lovelace'";
    const [ada] = (await q(soql)).records as (Row & {
      Cases: { totalSize: number; records: (Row & { CreatedDate: string; Tasks: { records: Row[] } | null })[] };
      Tasks: { totalSize: number };
    })[];
    expect(ada!.Cases.totalSize).toBe(2);
    const [newer, older] = ada!.Cases.records;
    expect(newer!.CreatedDate >= older!.CreatedDate).toBe(true);
    for (const c of ada!.Cases.records) {
      expect(c.attributes.type).toBe('Case');
      if (c.Tasks) expect(c.Tasks.records.length).toBeLessThanOrEqual(1);
    }
    expect(ada!.Cases.records.some((c) => c.Tasks !== null)).toBe(true);
    expect(ada!.Tasks.totalSize).toBe(2);
  });

  it('refuses nested subqueries before API 58.0, and more than five levels', async () => {
    const nested = "SELECT Id, (SELECT Id, (SELECT Id FROM Tasks) FROM Cases) FROM Contact WHERE LastName = 'Lovelace'";
    const old = await rejection(() => org.conn.request(`/services/data/v57.0/query?q=${encodeURIComponent(nested)}`));
    expect(old.errorCode).toBe('MALFORMED_QUERY');
    const deep =
      'SELECT Id, (SELECT Id, (SELECT Id, (SELECT Id, (SELECT Id, (SELECT Id FROM Cases) FROM Cases) FROM Cases) FROM Cases) FROM Contacts) FROM Account LIMIT 1';
    expect((await rejection(async () => org.conn.query(deep))).errorCode).toBe('MALFORMED_QUERY');
  });

  it('follows polymorphic relationships (Task.Who, Task.What)', async () => {
    const r = await q(`SELECT Who.Name, What.Id, Follow_Up_Channel__c FROM Task WHERE Id = '${org.ids.tasks.adaSms}'`);
    expect(r.records[0]).toMatchObject({
      Who: { attributes: { type: 'Contact' }, Name: 'Ada Lovelace' },
      What: { attributes: { type: 'Case' }, Id: org.ids.cases.adaOpen1 },
      Follow_Up_Channel__c: 'SMS',
    });
  });

  it('writes dateTimes as Salesforce does and keeps booleans and multi-picklists', async () => {
    const r = await q(`SELECT CreatedDate, HasOptedOutOfEmail, Languages__c FROM Contact WHERE Id = '${org.ids.contacts.ada}'`);
    expect(r.records[0]!.CreatedDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    expect(r.records[0]!.HasOptedOutOfEmail).toBe(false);
    expect(r.records[0]!.Languages__c).toBe('English;French');
  });

  it('answers COUNT() with totalSize and no rows, and COUNT(field) as an AggregateResult', async () => {
    expect(await q('SELECT COUNT() FROM Case')).toEqual({ totalSize: 3000, done: true, records: [] });
    const agg = await q(`SELECT COUNT(Id) FROM Case WHERE ContactId = '${org.ids.contacts.ada}'`);
    expect(agg.records).toEqual([{ attributes: { type: 'AggregateResult' }, expr0: 4 }]);
    const grouped = await q(`SELECT Status, COUNT(Id) n FROM Case WHERE ContactId = '${org.ids.contacts.ada}' GROUP BY Status ORDER BY Status`);
    expect(grouped.records.map((r) => [r.Status, r.n]).sort()).toEqual([
      ['Closed', 1],
      ['Escalated', 1],
      ['New', 1],
      ['Working', 1],
    ]);
  });
});

describe('WHERE', () => {
  it('compares strings case-insensitively and supports = != < > <= >=', async () => {
    expect(await names("SELECT Name FROM Contact WHERE FirstName = 'ADA'")).toEqual(['Ada Lovelace']);
    expect((await q('SELECT Id FROM Contact WHERE AccountId = null')).totalSize).toBe(0);
    const acme = `AccountId = '${org.ids.accounts.acme}'`;
    expect(await names(`SELECT Name FROM Contact WHERE ${acme} AND LastName < 'd' ORDER BY LastName`)).toEqual(['Tim Berners-Lee', 'Joan Clarke']);
    expect(await names(`SELECT Name FROM Contact WHERE ${acme} AND LastName >= 'T' ORDER BY LastName`)).toEqual(['Alan Turing']);
    expect((await q(`SELECT Id FROM Contact WHERE ${acme} AND LastName != 'Turing'`)).totalSize).toBe(8);
  });

  it('supports IN, NOT IN, LIKE with escapes, INCLUDES and EXCLUDES', async () => {
    expect(await names("SELECT Name FROM Contact WHERE LastName IN ('hopper', 'Turing') ORDER BY Name")).toEqual(['Alan Turing', 'Grace Hopper']);
    expect((await q(`SELECT Id FROM Contact WHERE AccountId = '${org.ids.accounts.globex}' AND LastName NOT IN ('Scorpio')`)).totalSize).toBe(1);
    expect(await names("SELECT Name FROM Contact WHERE LastName LIKE 'berners%'")).toEqual(['Tim Berners-Lee']);
    expect(await names("SELECT Name FROM Contact WHERE LastName LIKE 'O\\'B_ien'")).toEqual(["Conan O'Brien"]);
    await org.conn.sobject('Contact').create({ LastName: '100%_sure' });
    expect(await names("SELECT Name FROM Contact WHERE LastName LIKE '100\\%\\_%'")).toEqual(['100%_sure']);
    expect((await q("SELECT Id FROM Contact WHERE LastName LIKE '1000%'")).totalSize).toBe(0);
    const fr = await names(`SELECT Name FROM Contact WHERE Languages__c INCLUDES ('English;French') AND Id = '${org.ids.contacts.ada}'`);
    expect(fr).toEqual(['Ada Lovelace']);
    expect((await q(`SELECT Id FROM Contact WHERE Languages__c EXCLUDES ('French') AND Id = '${org.ids.contacts.ada}'`)).totalSize).toBe(0);
  });

  it('supports AND/OR/NOT with parentheses and rejects an unparenthesised mix', async () => {
    const both = await names("SELECT Name FROM Contact WHERE (FirstName = 'Ada' OR FirstName = 'Grace') AND NOT LastName = 'Hopper'");
    expect(both).toEqual(['Ada Lovelace']);
    const either = await names("SELECT Name FROM Contact WHERE FirstName = 'Ada' OR (FirstName = 'Grace' AND LastName = 'Hopper') ORDER BY Name");
    expect(either).toEqual(['Ada Lovelace', 'Grace Hopper']);
    const e = await rejection(() => q("SELECT Id FROM Contact WHERE FirstName = 'a' OR FirstName = 'b' AND LastName = 'c'"));
    expect(e.errorCode).toBe('MALFORMED_QUERY');
  });

  it('filters on booleans, null, dates, dateTimes and date literals', async () => {
    expect((await q(`SELECT Id FROM Contact WHERE DoNotCall = TRUE AND Id = '${org.ids.contacts.rosalind}'`)).totalSize).toBe(1);
    expect((await q(`SELECT Id FROM Case WHERE ClosedDate != null AND ContactId = '${org.ids.contacts.ada}'`)).totalSize).toBe(1);
    expect((await q(`SELECT Id FROM Case WHERE CreatedDate > 2026-09-05T00:00:00Z AND ContactId = '${org.ids.contacts.ada}'`)).totalSize).toBe(2);
    expect((await q(`SELECT Id FROM Case WHERE CreatedDate < 2026-09-15T00:00:00.000+02:00 AND ContactId = '${org.ids.contacts.ada}'`)).totalSize).toBe(3);
    expect((await q('SELECT Id FROM Case WHERE CreatedDate = TODAY')).totalSize).toBe(0);
    const created = (await org.conn.sobject('Case').create({ Subject: 'Fresh' })) as { id: string };
    expect((await q('SELECT Id FROM Case WHERE CreatedDate = TODAY')).records.map((r) => r.Id)).toEqual([created.id]);
    expect((await q('SELECT Id FROM Case WHERE CreatedDate = LAST_N_DAYS:1')).totalSize).toBe(1);
    await org.conn.sobject('Task').create({ Subject: 'Due', ActivityDate: '2026-01-15' });
    expect((await q('SELECT Id FROM Task WHERE ActivityDate = 2026-01-15')).totalSize).toBe(1);
  });

  it('supports a semi-join', async () => {
    const r = await names(`SELECT Name FROM Contact WHERE Id IN (SELECT ContactId FROM Case WHERE Subject = 'Compiler bug report')`);
    expect(r).toEqual(['Grace Hopper']);
  });

  it('keeps injected text inside the literal', async () => {
    // What jsforce's own builder would send for find({ Name: "x\\' OR Name != null OR Name = \\'" }) is a broken literal...
    const e = await rejection(() => q("SELECT Id FROM Contact WHERE Name = 'x\\\\' OR Name != null OR Name = \\\\''"));
    expect(e.errorCode).toBe('MALFORMED_QUERY');
    // ...and with the quote escaped properly it is just text that matches nothing.
    expect((await q("SELECT Id FROM Contact WHERE Name = 'x\\' OR Name != null OR Name = \\''")).totalSize).toBe(0);
  });
});

describe('ORDER BY, LIMIT, OFFSET', () => {
  it('sorts ascending and descending with NULLS FIRST/LAST', async () => {
    const acme = `AccountId = '${org.ids.accounts.acme}' AND FirstName IN ('Ada', 'Grace', 'Katherine')`;
    expect(await names(`SELECT Name FROM Contact WHERE ${acme} ORDER BY MobilePhone NULLS LAST, Name`)).toEqual([
      'Ada Lovelace',
      'Grace Hopper',
      'Katherine Johnson',
    ]);
    expect(await names(`SELECT Name FROM Contact WHERE ${acme} ORDER BY MobilePhone DESC NULLS FIRST, Name DESC`)).toEqual([
      'Katherine Johnson',
      'Grace Hopper',
      'Ada Lovelace',
    ]);
  });

  it('applies LIMIT and OFFSET, and caps OFFSET at 2000', async () => {
    const all = await names(`SELECT Name FROM Contact WHERE AccountId = '${org.ids.accounts.acme}' ORDER BY Name`);
    expect(await names(`SELECT Name FROM Contact WHERE AccountId = '${org.ids.accounts.acme}' ORDER BY Name LIMIT 3 OFFSET 2`)).toEqual(all.slice(2, 5));
    const e = await rejection(() => q('SELECT Id FROM Contact LIMIT 1 OFFSET 2001'));
    expect(e.errorCode).toBe('NUMBER_OUTSIDE_VALID_RANGE');
  });
});

describe('paging', () => {
  it('pages with nextRecordsUrl and honours Sforce-Query-Options batchSize', async () => {
    const first = await org.conn.request<{ totalSize: number; done: boolean; records: Row[]; nextRecordsUrl: string }>({
      method: 'GET',
      url: `/services/data/v${API_VERSION}/query?q=${encodeURIComponent('SELECT Id FROM Contact ORDER BY Id')}`,
      headers: { 'Sforce-Query-Options': 'batchSize=300' },
    });
    expect(first).toMatchObject({ totalSize: 1000, done: false });
    expect(first.records).toHaveLength(300);
    expect(first.nextRecordsUrl).toMatch(new RegExp(`^/services/data/v${API_VERSION}/query/01g\\w{15}-300$`));
    const seen = new Set(first.records.map((r) => r.Id));
    let next: string | undefined = first.nextRecordsUrl;
    while (next) {
      const page: { done: boolean; records: Row[]; nextRecordsUrl?: string } = await org.conn.request(next);
      page.records.forEach((r) => seen.add(r.Id));
      next = page.nextRecordsUrl;
      if (page.done) expect(page.nextRecordsUrl).toBeUndefined();
    }
    expect(seen.size).toBe(1000);
  });

  it('pages the default 2000 through jsforce autoFetch', async () => {
    const result = await org.conn.query('SELECT Id FROM Case', { autoFetch: true, maxFetch: 5000 });
    expect(result.records).toHaveLength(3000);
  });

  it('includes deleted rows in queryAll only', async () => {
    await org.conn.sobject('Contact').destroy(org.ids.contacts.hank);
    expect((await q(`SELECT Id FROM Contact WHERE Id = '${org.ids.contacts.hank}'`)).totalSize).toBe(0);
    const all = (await org.conn.query(`SELECT Id, IsDeleted FROM Contact WHERE Id = '${org.ids.contacts.hank}'`, { scanAll: true })) as unknown as {
      records: Row[];
    };
    expect(all.records[0]!.IsDeleted).toBe(true);
  });
});

describe('errors', () => {
  it('answers MALFORMED_QUERY, INVALID_FIELD with the caret form, and INVALID_TYPE, as 400 arrays', async () => {
    const soql = 'SELECT Id, Nope FROM Contact';
    const res = await fetch(`${org.em.url}/services/data/v${API_VERSION}/query?q=${encodeURIComponent(soql)}`, {
      headers: { authorization: `Bearer ${org.conn.accessToken}` },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { message: string; errorCode: string }[];
    expect(body).toHaveLength(1);
    expect(body[0]!.errorCode).toBe('INVALID_FIELD');
    expect(body[0]!.message).toBe(
      "\nSELECT Id, Nope FROM Contact\n           ^\nERROR at Row:1:Column:12\nNo such column 'Nope' on entity 'Contact'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
    );
    expect(Object.keys(body[0]!)).toEqual(['message', 'errorCode']);
    expect((await rejection(() => q('SELECT Id FRM Contact'))).errorCode).toBe('MALFORMED_QUERY');
    const type = await rejection(() => q('select count() from XYZZY'));
    expect(type.errorCode).toBe('INVALID_TYPE');
    expect(type.message).toContain("\nselect count() from XYZZY\n                    ^\nERROR at Row:1:Column:21\nsObject type 'XYZZY' is not supported.");
    expect((await rejection(() => q("SELECT Id FROM Contact WHERE DoNotCall = 'yes'"))).errorCode).toBe('INVALID_FIELD');
    expect((await rejection(() => q("SELECT Id FROM Case WHERE Description = 'x'"))).errorCode).toBe('INVALID_FIELD');
    expect((await rejection(() => q("SELECT Id FROM Contact WHERE Name = 'a\\q'"))).errorCode).toBe('MALFORMED_QUERY');
  });

  it('answers 414 for a request URI over 16,384 bytes', async () => {
    const idList = Array.from({ length: 900 }, () => `'${org.ids.contacts.ada}'`).join(',');
    const e = await rejection(() => q(`SELECT Id FROM Contact WHERE Id IN (${idList})`));
    expect(e.errorCode).toBe('ERROR_HTTP_414');
  });
});
