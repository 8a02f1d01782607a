import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_VERSION, control, passwordLogin, rejection, startTestEmulator, stats, useTestOrg } from './support';

const org = useTestOrg();

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${org.em.url}/services/data/v${API_VERSION}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${org.conn.accessToken}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });

/** Key sets and value types of describes captured from real orgs (fixtures/README.md says whose). */
const SHAPES = JSON.parse(readFileSync(new URL('fixtures/describe-shapes.json', import.meta.url), 'utf8')) as {
  objects: Record<string, string[]>;
  newest: Record<string, string>;
  idField: Record<string, string>;
  global: string[];
  globalCase: string[];
};

describe('describe', () => {
  it('has the same keys and value types as real describe responses', async () => {
    // The API 53 Account describe is the newest capture; older ones (Task, API 48 Case) lack a few keys.
    for (const object of ['Case', 'Contact', 'Account', 'Task']) {
      const ours = (await org.conn.sobject(object).describe()) as unknown as Record<string, unknown> & { fields: Record<string, unknown>[] };
      expect(Object.keys(ours).sort()).toEqual(Object.keys(SHAPES.newest));
      for (const k of SHAPES.objects[object]!) expect(ours).toHaveProperty(k);
      for (const [k, type] of Object.entries(SHAPES.newest)) if (ours[k] !== null && type !== 'null') expect([k, typeof ours[k]]).toEqual([k, type]);
      for (const f of ours.fields) {
        expect(Object.keys(f).sort()).toEqual(Object.keys(SHAPES.idField));
        for (const [k, v] of Object.entries(f)) {
          if (v !== null && SHAPES.idField[k] !== 'null') expect([k, typeof v]).toEqual([k, SHAPES.idField[k]]);
        }
      }
    }
    const ours = (await org.conn.describeGlobal()) as unknown as { sobjects: Record<string, unknown>[] };
    expect(Object.keys(ours).sort()).toEqual(SHAPES.global);
    expect(Object.keys(ours.sobjects.find((s) => s.name === 'Case')!).sort()).toEqual(SHAPES.globalCase);
  });

  it('describes fields, picklists with defaults, key prefixes and the gateway custom fields', async () => {
    const d = await org.conn.sobject('Case').describe();
    expect(d.keyPrefix).toBe('500');
    const status = d.fields.find((f) => f.name === 'Status')!;
    expect(status.picklistValues!.map((p) => [p.value, p.defaultValue])).toEqual([
      ['New', true],
      ['Working', false],
      ['Escalated', false],
      ['Closed', false],
    ]);
    const key = d.fields.find((f) => f.name === 'Gateway_Request_Key__c')!;
    expect(key).toMatchObject({ custom: true, externalId: true, unique: true, type: 'string', length: 255 });
    const task = await org.conn.sobject('Task').describe();
    expect(task.fields.find((f) => f.name === 'Follow_Up_Status__c')).toMatchObject({ restrictedPicklist: true, custom: true });
    const calls = task.fields.filter((f) => ['CallType', 'CallDurationInSeconds', 'CallObject', 'CallDisposition', 'TaskSubtype'].includes(f.name));
    expect(calls.map((f) => [f.name, f.type])).toEqual([
      ['TaskSubtype', 'picklist'],
      ['CallType', 'picklist'],
      ['CallDurationInSeconds', 'int'],
      ['CallObject', 'string'],
      ['CallDisposition', 'string'],
    ]);
    const global = await org.conn.describeGlobal();
    expect(global.sobjects.map((s) => [s.name, s.keyPrefix])).toEqual([
      ['Account', '001'],
      ['Contact', '003'],
      ['Case', '500'],
      ['CaseComment', '00a'],
      ['Opportunity', '006'],
      ['Organization', '00D'],
      ['Task', '00T'],
      ['User', '005'],
    ]);
  });

  it('answers 404 NOT_FOUND for an unknown object', async () => {
    const res = await api('/sobjects/Nope/describe');
    expect(res.status).toBe(404);
    // The body real orgs answer (captured in restforce's fixtures, spec/fixtures/sobject/sobject_describe_error_response.json).
    expect(await res.json()).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
  });
});

describe('create, retrieve, update, delete', () => {
  it('creates with 201, fills auto fields, and the next read sees it', async () => {
    const res = await api('/sobjects/Case', { method: 'POST', body: JSON.stringify({ Subject: 'New one', ContactId: org.ids.contacts.ada }) });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string };
    expect(Object.keys(body)).toEqual(['id', 'success', 'errors']);
    expect(res.headers.get('location')).toBe(`/services/data/v${API_VERSION}/sobjects/Case/${body.id}`);
    expect(body.id).toMatch(/^500\w{15}$/);
    const row = (await org.conn.sobject('Case').retrieve(body.id)) as unknown as Record<string, unknown>;
    expect(row).toMatchObject({ Id: body.id, Status: 'New', Priority: 'Medium', IsClosed: false, ClosedDate: null, IsDeleted: false });
    expect(row.CaseNumber).toBe('00004001');
    expect(row.CreatedDate).toBe(row.LastModifiedDate);
    const next = (await org.conn.sobject('Case').create({ Subject: 'Another' })) as { id: string };
    expect(((await org.conn.sobject('Case').retrieve(next.id)) as unknown as { CaseNumber: string }).CaseNumber).toBe('00004002');
  });

  it('closes a case when Status becomes Closed, and reopens it', async () => {
    await org.conn.sobject('Case').update({ Id: org.ids.cases.graceOpen, Status: 'Closed' });
    let row = (await org.conn.sobject('Case').retrieve(org.ids.cases.graceOpen)) as unknown as Record<string, unknown>;
    expect(row.IsClosed).toBe(true);
    expect(row.ClosedDate).toMatch(/\+0000$/);
    await org.conn.sobject('Case').update({ Id: org.ids.cases.graceOpen, Status: 'Working' });
    row = (await org.conn.sobject('Case').retrieve(org.ids.cases.graceOpen)) as unknown as Record<string, unknown>;
    expect([row.IsClosed, row.ClosedDate]).toEqual([false, null]);
  });

  it('retrieves with ?fields and by 15-character Id; answers 404 for a missing record', async () => {
    const res = await api(`/sobjects/Contact/${org.ids.contacts.ada.slice(0, 15)}?fields=Name,Email`);
    expect(await res.json()).toEqual({
      attributes: { type: 'Contact', url: `/services/data/v${API_VERSION}/sobjects/Contact/${org.ids.contacts.ada}` },
      Name: 'Ada Lovelace',
      Email: 'ada@example.com',
    });
    expect((await api(`/sobjects/Contact/003000000000000AAA`)).status).toBe(404);
    const ext = await api('/sobjects/Case/23foo');
    expect(await ext.json()).toEqual([{ message: 'Provided external ID field does not exist or is not accessible: 23foo', errorCode: 'NOT_FOUND' }]);
  });

  it('validates like a real org and writes nothing on failure', async () => {
    const before = (await org.conn.query('SELECT COUNT() FROM Case')).totalSize;
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ Subject: 'x'.repeat(256) }, 'STRING_TOO_LONG', ['Subject']],
      [{ Subject: 'ok', SuppliedEmail: 'not an email' }, 'INVALID_EMAIL_ADDRESS', ['SuppliedEmail']],
      [{ Subject: 'ok', CaseNumber: '1' }, 'INVALID_FIELD_FOR_INSERT_UPDATE', ['CaseNumber']],
      [{ Subject: 'ok', ContactId: '003000000000000AAA' }, 'INVALID_CROSS_REFERENCE_KEY', ['ContactId']],
      [{ Subject: 'ok', ContactId: org.ids.accounts.acme }, 'MALFORMED_ID', ['ContactId']],
      [{ Subject: 'ok', Status: 'Escalated', Priority: 'Low' }, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', ['Priority']],
    ];
    for (const [values, code, fields] of cases) {
      const res = await api('/sobjects/Case', { method: 'POST', body: JSON.stringify(values) });
      expect(res.status).toBe(400);
      const [error] = (await res.json()) as { errorCode: string; fields: string[]; message: string }[];
      expect([error!.errorCode, error!.fields]).toEqual([code, fields]);
    }
    const missing = await rejection(() => org.conn.sobject('Contact').create({ FirstName: 'No last name' }));
    expect(missing.errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect(missing.message).toBe('Required fields are missing: [LastName]');
    const picklist = await rejection(() => org.conn.sobject('Task').create({ Subject: 'x', Follow_Up_Channel__c: 'FAX' }));
    expect(picklist.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    const unknown = await rejection(() => org.conn.sobject('Case').create({ Nope__c: 1 }));
    expect(unknown.errorCode).toBe('INVALID_FIELD');
    expect((await org.conn.query('SELECT COUNT() FROM Case')).totalSize).toBe(before);
  });

  it('updates with 204 and deletes with 204', async () => {
    const upd = await api(`/sobjects/Contact/${org.ids.contacts.grace}`, { method: 'PATCH', body: JSON.stringify({ Title: 'Admiral' }) });
    expect(upd.status).toBe(204);
    expect((await org.conn.query(`SELECT Title FROM Contact WHERE Id = '${org.ids.contacts.grace}'`)).records[0]).toMatchObject({ Title: 'Admiral' });
    const del = await api(`/sobjects/Contact/${org.ids.contacts.grace}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect((await api(`/sobjects/Contact/${org.ids.contacts.grace}`)).status).toBe(404);
  });
});

describe('upsert by external ID', () => {
  it('creates (201, created:true), then updates (200, created:false)', async () => {
    const first = await api('/sobjects/Case/Gateway_Request_Key__c/agent:call-1', { method: 'PATCH', body: JSON.stringify({ Subject: 'One' }) });
    expect(first.status).toBe(201);
    const a = (await first.json()) as { id: string; created: boolean };
    expect(a).toMatchObject({ success: true, errors: [], created: true });
    const second = await api('/sobjects/Case/Gateway_Request_Key__c/agent:call-1', { method: 'PATCH', body: JSON.stringify({ Subject: 'Two' }) });
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ id: a.id, success: true, errors: [], created: false });
    const byKey = (await (await api('/sobjects/Case/Gateway_Request_Key__c/agent:call-1?fields=Subject')).json()) as { Subject: string };
    expect(byKey.Subject).toBe('Two');
    // jsforce's upsert speaks the same protocol.
    const viaJsforce = await org.conn.sobject('Case').upsert({ Subject: 'Three', Gateway_Request_Key__c: 'agent:call-2' } as never, 'Gateway_Request_Key__c');
    expect(viaJsforce).toMatchObject({ success: true, created: true });
  });

  it('answers 300 when several records match, and 404 for an unknown field', async () => {
    await org.conn.sobject('Contact').create({ LastName: 'Twin', Email: 'twin@example.com' });
    await org.conn.sobject('Contact').create({ LastName: 'Twin', Email: 'twin@example.com' });
    const several = await api('/sobjects/Contact/Email/twin@example.com', { method: 'PATCH', body: JSON.stringify({ Title: 'x' }) });
    expect(several.status).toBe(300);
    expect(((await several.json()) as string[]).every((u) => u.startsWith(`/services/data/v${API_VERSION}/sobjects/Contact/003`))).toBe(true);
    const unknown = await api('/sobjects/Case/Namez/x', { method: 'PATCH', body: JSON.stringify({ Subject: 'x' }) });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual([{ message: 'Provided external ID field does not exist or is not accessible: Namez', errorCode: 'NOT_FOUND' }]);
  });

  it('refuses a duplicate value of a unique field with DUPLICATE_VALUE', async () => {
    await org.conn.sobject('Case').create({ Subject: 'a', Gateway_Request_Key__c: 'k' } as never);
    const e = await rejection(() => org.conn.sobject('Case').create({ Subject: 'b', Gateway_Request_Key__c: 'k' } as never));
    expect(e.errorCode).toBe('DUPLICATE_VALUE');
    // The key is case-sensitive, as the shipped field definition says.
    expect(await org.conn.sobject('Case').create({ Subject: 'c', Gateway_Request_Key__c: 'K' } as never)).toMatchObject({ success: true });
  });
});

describe('composite', () => {
  it('creates up to 200 records through /composite/sobjects, in order, with statusCode errors', async () => {
    const res = await api('/composite/sobjects', {
      method: 'POST',
      body: JSON.stringify({
        allOrNone: false,
        records: [
          { attributes: { type: 'Case' }, Subject: 'ok' },
          { attributes: { type: 'Contact' }, FirstName: 'No last name' },
          { attributes: { type: 'Contact' }, LastName: 'Fine' },
        ],
      }),
    });
    const body = (await res.json()) as { success: boolean; id?: string; errors: { statusCode: string }[] }[];
    expect(body.map((r) => r.success)).toEqual([true, false, true]);
    expect(body[1]!.errors[0]).toEqual({ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]', fields: ['LastName'] });
    const tooMany = await api('/composite/sobjects', {
      method: 'POST',
      body: JSON.stringify({ records: Array.from({ length: 201 }, () => ({ attributes: { type: 'Case' }, Subject: 'x' })) }),
    });
    expect(tooMany.status).toBe(400);
  });

  it('rolls every record back with allOrNone', async () => {
    const before = (await org.conn.query('SELECT COUNT() FROM Contact')).totalSize;
    const res = await api('/composite/sobjects', {
      method: 'POST',
      body: JSON.stringify({ allOrNone: true, records: [{ attributes: { type: 'Contact' }, LastName: 'A' }, { attributes: { type: 'Contact' } }] }),
    });
    const body = (await res.json()) as { success: boolean; errors: { statusCode: string }[] }[];
    expect(body.map((r) => r.errors[0]!.statusCode)).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'REQUIRED_FIELD_MISSING']);
    expect((await org.conn.query('SELECT COUNT() FROM Contact')).totalSize).toBe(before);
  });

  it('upserts a collection by external ID (the fixture shape)', async () => {
    const res = await api('/composite/sobjects/Case/Gateway_Request_Key__c', {
      method: 'PATCH',
      body: JSON.stringify({ records: [{ attributes: { type: 'Case' }, Subject: 'x', Gateway_Request_Key__c: 'c1' }] }),
    });
    const [first] = (await res.json()) as Record<string, unknown>[];
    expect(Object.keys(first!)).toEqual(['id', 'success', 'errors', 'created']);
  });

  it('runs /composite with @{ref} references as one API call', async () => {
    const before = await stats(org.em.url);
    const res = await api('/composite', {
      method: 'POST',
      body: JSON.stringify({
        allOrNone: false,
        compositeRequest: [
          { method: 'POST', url: `/services/data/v${API_VERSION}/sobjects/Account`, referenceId: 'acct', body: { Name: 'Composite Ltd' } },
          { method: 'POST', url: `/services/data/v${API_VERSION}/sobjects/Contact`, referenceId: 'ct', body: { LastName: 'Ref', AccountId: '@{acct.id}' } },
          { method: 'GET', url: `/services/data/v${API_VERSION}/sobjects/Contact/@{ct.id}?fields=AccountId`, referenceId: 'read' },
          { method: 'GET', url: `/services/data/v${API_VERSION}/query?q=select+count()+from+XYZZY`, referenceId: 'bad' },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const { compositeResponse } = (await res.json()) as { compositeResponse: { httpStatusCode: number; body: Record<string, unknown>; referenceId: string }[] };
    expect(compositeResponse.map((r) => [r.referenceId, r.httpStatusCode])).toEqual([
      ['acct', 201],
      ['ct', 201],
      ['read', 200],
      ['bad', 400],
    ]);
    expect(compositeResponse[2]!.body.AccountId).toBe(compositeResponse[0]!.body.id);
    expect((compositeResponse[3]!.body as unknown as { errorCode: string }[])[0]!.errorCode).toBe('INVALID_TYPE');
    const after = await stats(org.em.url);
    expect(after.apiRequests - before.apiRequests).toBe(1);
  });

  it('rolls back the whole /composite request with allOrNone', async () => {
    const res = await api('/composite', {
      method: 'POST',
      body: JSON.stringify({
        allOrNone: true,
        compositeRequest: [
          { method: 'POST', url: `/services/data/v${API_VERSION}/sobjects/Account`, referenceId: 'acct', body: { Name: 'Rolled back' } },
          { method: 'POST', url: `/services/data/v${API_VERSION}/sobjects/Contact`, referenceId: 'ct', body: { AccountId: '@{acct.id}' } },
        ],
      }),
    });
    const { compositeResponse } = (await res.json()) as { compositeResponse: { httpStatusCode: number }[] };
    expect(compositeResponse.map((r) => r.httpStatusCode)).toEqual([400, 400]);
    expect((await org.conn.query("SELECT COUNT() FROM Account WHERE Name = 'Rolled back'")).totalSize).toBe(0);
  });
});

describe('emailSimple, limits and usage headers', () => {
  it('validates inputs, sends, and records each email in the outbox', async () => {
    const ok = await api('/actions/standard/emailSimple', {
      method: 'POST',
      body: JSON.stringify({ inputs: [{ emailAddresses: 'ada@example.com', emailSubject: 'Your case', emailBody: 'Hello', senderType: 'CurrentUser' }] }),
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual([
      { actionName: 'emailSimple', errors: null, invocationId: null, isSuccess: true, outcome: null, outputValues: null, sortOrder: -1, version: 1 },
    ]);
    const bad = await api('/actions/standard/emailSimple', { method: 'POST', body: JSON.stringify({ inputs: [{ emailAddresses: 'nope', emailBody: 'x' }] }) });
    expect(bad.status).toBe(400);
    const [result] = (await bad.json()) as { isSuccess: boolean; errors: { statusCode: string }[] }[];
    expect(result!.isSuccess).toBe(false);
    expect(result!.errors.map((e) => e.statusCode).sort()).toEqual(['INVALID_EMAIL_ADDRESS', 'REQUIRED_FIELD_MISSING']);
    const { messages } = await control<{ messages: { channel: string; to: string[]; subject: string }[] }>(org.em.url, 'GET', 'outbox');
    expect(messages).toEqual([expect.objectContaining({ channel: 'EMAIL', to: ['ada@example.com'], subject: 'Your case' })]);
  });

  it('reports usage in Sforce-Limit-Info and /limits, and answers 403 once the daily budget is spent', async () => {
    const small = await startTestEmulator({ dailyApiLimit: 3 });
    try {
      const c = await passwordLogin(small.url);
      await c.query('SELECT Id FROM Account LIMIT 1');
      expect(c.limitInfo).toEqual({ apiUsage: { used: 1, limit: 3 } });
      const limits = await c.limits();
      expect(limits.DailyApiRequests).toEqual({ Max: 3, Remaining: 1 });
      await c.query('SELECT Id FROM Account LIMIT 1');
      const e = await rejection(async () => c.query('SELECT Id FROM Account LIMIT 1'));
      expect(e.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
      expect(e.message).toBe('TotalRequests Limit exceeded.');
    } finally {
      await small.close();
    }
  });
});

describe('case comments and logged calls', () => {
  const org = useTestOrg();

  it('adds comments to a case, reads them as its CaseComments, and stamps a closed call task', async () => {
    const caseId = org.ids.cases.adaOpen1;
    const comment = await org.conn.sobject('CaseComment').create({ ParentId: caseId, CommentBody: 'Customer called again', IsPublished: false });
    expect(comment.id).toMatch(/^00a/);
    const read = await org.conn.query<{ CaseComments: { records: { CommentBody: string; IsPublished: boolean }[] } }>(
      `SELECT Id, (SELECT CommentBody, IsPublished, CreatedDate FROM CaseComments ORDER BY CreatedDate DESC) FROM Case WHERE Id = '${caseId}'`,
    );
    // Newest first: ours, then the seeded one.
    expect(read.records[0]!.CaseComments.records.map((c) => c.CommentBody)).toEqual(['Customer called again', 'Engineer booked for Thursday.']);
    const call = await org.conn.sobject('Task').create({
      Subject: 'Inbound call',
      Status: 'Completed',
      TaskSubtype: 'Call',
      Type: 'Call',
      CallType: 'Inbound',
      CallDurationInSeconds: 95,
      CallObject: 'conv-1',
    });
    const task = (await org.conn.sobject('Task').retrieve(call.id!)) as unknown as Record<string, unknown>;
    expect(task).toMatchObject({ TaskSubtype: 'Call', CallType: 'Inbound', CallDurationInSeconds: 95, IsClosed: true });
    expect(typeof task.CompletedDateTime).toBe('string');
    await expect(org.conn.sobject('Task').create({ Subject: 'x', CallType: 'Sideways' })).rejects.toMatchObject({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    });
  });
});
