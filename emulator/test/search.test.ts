import { describe, expect, it } from 'vitest';
import { API_VERSION, control, rejection, useTestOrg } from './support';

const org = useTestOrg();

type Row = Record<string, unknown> & { attributes: { type: string } };
const search = async (sosl: string) => (await org.conn.search(sosl)).searchRecords as unknown as Row[];

describe('SOSL', () => {
  it('answers { searchRecords } with attributes and the RETURNING fields', async () => {
    const rows = await search('FIND {Lovelace} IN NAME FIELDS RETURNING Contact(Id, Name, Email)');
    expect(rows).toEqual([
      {
        attributes: { type: 'Contact', url: `/services/data/v${API_VERSION}/sobjects/Contact/${org.ids.contacts.ada}` },
        Id: org.ids.contacts.ada,
        Name: 'Ada Lovelace',
        Email: 'ada@example.com',
      },
    ]);
  });

  it('matches phone fields on their digits, whatever format they are stored in', async () => {
    const find = async (term: string) => (await search(`FIND {${term}} IN PHONE FIELDS RETURNING Contact(Id), Account(Id)`)).map((r) => r.Id).sort();
    expect(await find('4155550134')).toEqual([org.ids.contacts.ada]);
    expect(await find('14155550199')).toEqual([org.ids.contacts.grace]); // stored "(415) 555-0199"
    expect(await find('4155550177')).toEqual([org.ids.contacts.alan, org.ids.contacts.joan].sort()); // "415.555.0177", "+1 415 555 0177"
    expect(await find('4155550142')).toEqual([org.ids.contacts.katherine]); // "415-555-0142 ext. 12"
    expect(await find('447700900123')).toEqual([org.ids.contacts.tim]); // "+44 7700 900123"
    expect(await find('4155550188')).toEqual([org.ids.accounts.globex]);
  });

  it('searches names, emails and all fields, with AND as the default, OR, and wildcards', async () => {
    const names = async (sosl: string) => (await search(sosl)).map((r) => r.Name).sort();
    expect(await names('FIND {grace hopper} IN ALL FIELDS RETURNING Contact(Name)')).toEqual(['Grace Hopper']);
    expect(await names('FIND {grace OR turing} IN NAME FIELDS RETURNING Contact(Name)')).toEqual(['Alan Turing', 'Grace Hopper']);
    expect(await names('FIND {lovel*} IN NAME FIELDS RETURNING Contact(Name)')).toEqual(['Ada Lovelace']);
    expect(await names('FIND {"Ada Lovelace"} RETURNING Contact(Name)')).toEqual(['Ada Lovelace']);
    expect(await names('FIND {ada@example.com} IN EMAIL FIELDS RETURNING Contact(Name)')).toEqual(['Ada Lovelace']);
  });

  it('applies WHERE, ORDER BY and LIMIT inside RETURNING, and the overall LIMIT', async () => {
    const rows = await search(`FIND {example} IN EMAIL FIELDS RETURNING Contact(Name WHERE AccountId = '${org.ids.accounts.acme}' ORDER BY Name LIMIT 3)`);
    expect(rows.map((r) => r.Name)).toEqual(['Ada Lovelace', 'Alan Turing', 'Emmy Noether']);
    expect(await search('FIND {example} IN EMAIL FIELDS RETURNING Contact(Id), Account(Id) LIMIT 2')).toHaveLength(2);
  });

  it('accepts escaped reserved characters and refuses unescaped ones with MALFORMED_SEARCH', async () => {
    expect((await search("FIND {O\\'Brien} IN NAME FIELDS RETURNING Contact(Name)")).map((r) => r.Name)).toEqual(["Conan O'Brien"]);
    expect((await search('FIND {Berners\\-Lee} IN NAME FIELDS RETURNING Contact(Name)')).map((r) => r.Name)).toEqual(['Tim Berners-Lee']);
    for (const bad of ["FIND {O'Brien}", 'FIND {Berners-Lee}', 'FIND {a:b}', 'FIND {[x]}', 'FIND {a\\q}']) {
      expect((await rejection(() => search(bad))).errorCode).toBe('MALFORMED_SEARCH');
    }
  });

  it('answers the real error body without braces', async () => {
    const res = await fetch(`${org.em.url}/services/data/v${API_VERSION}/search?q=${encodeURIComponent('FIND Lovelace')}`, {
      headers: { authorization: `Bearer ${org.conn.accessToken}` },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([{ message: 'No search term found. The search term must be enclosed in braces.', errorCode: 'MALFORMED_SEARCH' }]);
  });

  it('keeps new and changed records out of results while the search index lags (searchIndexLagMs)', async () => {
    await control(org.em.url, 'PUT', 'faults', { searchIndexLagMs: 60_000 });
    const created = (await org.conn.sobject('Contact').create({ LastName: 'Freshly', MobilePhone: '+14155550111' })) as { id: string };
    expect(await search('FIND {Freshly} IN NAME FIELDS RETURNING Contact(Id)')).toEqual([]);
    expect(await search('FIND {4155550111} IN PHONE FIELDS RETURNING Contact(Id)')).toEqual([]);
    // SOQL sees it at once.
    expect((await org.conn.query(`SELECT Id FROM Contact WHERE Id = '${created.id}'`)).totalSize).toBe(1);
    // An edit also takes the record out of the index until it is re-indexed.
    await org.conn.sobject('Contact').update({ Id: org.ids.contacts.grace, Title: 'Rear Admiral' });
    expect(await search('FIND {Hopper} IN NAME FIELDS RETURNING Contact(Id)')).toEqual([]);
    await control(org.em.url, 'DELETE', 'faults');
    expect((await search('FIND {Freshly} IN NAME FIELDS RETURNING Contact(Id)')).map((r) => r.Id)).toEqual([created.id]);
  });
});

describe('parameterizedSearch', () => {
  it('takes a plain string by GET and by POST', async () => {
    const get = await org.conn.request<{ searchRecords: Row[] }>(
      `/services/data/v${API_VERSION}/parameterizedSearch/?q=${encodeURIComponent("O'Brien")}&sobject=Contact&Contact.fields=Id,Name&Contact.limit=5&in=NAME`,
    );
    expect(get.searchRecords.map((r) => r.Name)).toEqual(["Conan O'Brien"]);
    const post = await org.conn.request<{ searchRecords: Row[] }>({
      method: 'POST',
      url: `/services/data/v${API_VERSION}/parameterizedSearch/`,
      body: JSON.stringify({ q: '415-555-0177', in: 'PHONE', sobjects: [{ name: 'Contact', fields: ['Id', 'Name'], limit: 10 }] }),
      headers: { 'content-type': 'application/json' },
    });
    expect(post.searchRecords.map((r) => r.Name).sort()).toEqual(['Alan Turing', 'Joan Clarke']);
  });
});
