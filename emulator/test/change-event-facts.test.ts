/**
 * What Salesforce's change events carry, as the emulated org sends them, through the maintained
 * Node client (emulator/README.md, "Change events over the Pub/Sub API"): only the changed fields (LastModifiedDate
 * always), the compound Name, merging only the same change, enrichment through the Tooling API,
 * no CaseComment events, person accounts in one transaction, changeOrigin, gap events, UNDELETE,
 * Salesforce's error trailers, and the org's 15-character id as tenant.
 */
import PubSubApiClient from 'salesforce-pubsub-api-client';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPubSub, type RunningEmulators, type RunningPubSub } from '../src/index';
import { control, passwordLogin, startTestEmulator } from './support';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

type Payload = Record<string, unknown> & { ChangeEventHeader: Record<string, unknown> & { changedFields: string[]; recordIds: string[] } };
interface Received {
  type: string;
  data?: { replayId?: number; payload?: Payload; code?: number; metadata?: { get(k: string): unknown[] } };
}

async function org(profile: 'demo' | 'b2c' = 'demo') {
  const em = await startTestEmulator({ profile });
  const pubsub = await startPubSub(em.salesforce, { keepaliveMs: 200 });
  const conn = await passwordLogin(em.url);
  return { em, pubsub, conn };
}

let em: RunningEmulators;
let pubsub: RunningPubSub;
let conn: Connection;
beforeAll(async () => ({ em, pubsub, conn } = await org()));
afterAll(async () => {
  await pubsub.close();
  await em.close();
});
beforeEach(async () => {
  await control(em.url, 'POST', 'reset');
  await control(em.url, 'PUT', 'pubsub/faults', {});
});

/** A subscriber to `/data/ChangeEvents` (or `topic`), live once its first keepalive came. */
async function listen(
  o: { em: RunningEmulators; pubsub: RunningPubSub; conn: Connection } = { em, pubsub, conn },
  tenant?: string,
  topic = '/data/ChangeEvents',
  replayId?: number,
) {
  const client = new PubSubApiClient(
    {
      authType: 'user-supplied',
      accessToken: o.conn.accessToken!,
      instanceUrl: o.em.url.replace('http:', 'https:'),
      organizationId: tenant ?? o.em.salesforce.fixtures.organizationId,
      pubSubEndpoint: o.pubsub.endpoint,
      rejectUnauthorizedSsl: false,
    },
    quiet,
  );
  await client.connect();
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const callback = (_i: unknown, type: string, data?: Received['data']) => {
    received.push({ type, data });
    for (const w of waiters.splice(0)) w();
  };
  if (replayId === undefined) client.subscribe(topic, callback, 100);
  else client.subscribeFromReplayId(topic, callback, 100, replayId);
  const until = (predicate: (r: Received[]) => boolean, ms = 5_000) =>
    new Promise<Received[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not received in ${ms} ms: ${JSON.stringify(received.map((r) => r.type))}`)), ms);
      const check = () => (predicate(received) ? (clearTimeout(timer), resolve(received)) : waiters.push(check));
      check();
    });
  await until((r) => r.some((x) => x.type === 'grpcKeepAlive' || x.type === 'error'));
  /** The payloads of the events received after `from` events, once `n` of them came. */
  const next = async (n: number, from: number) => {
    const got = await until((r) => r.filter((x) => x.type === 'event').length >= from + n);
    // In replay order: the client may hand events on out of order while it fetches a schema.
    return got
      .filter((x) => x.type === 'event')
      .sort((a, b) => a.data!.replayId! - b.data!.replayId!)
      .slice(from)
      .map((x) => x.data!.payload!);
  };
  const count = () => received.filter((x) => x.type === 'event').length;
  return { client, received, until, next, count };
}

const post = (c: Connection, url: string, body: unknown, headers: Record<string, string> = {}) =>
  c.request({ method: 'POST', url, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } });

describe('change events carry what Salesforce sends', () => {
  it('an UPDATE carries only its changed fields and LastModifiedDate, even within the same second; never IsDeleted or SystemModstamp', async () => {
    const s = await listen();
    try {
      const ada = em.salesforce.fixtures.contacts.ada;
      await conn.sobject('Contact').update({ Id: ada, Title: 'One' });
      await conn.sobject('Contact').update({ Id: ada, Title: 'Two' });
      const [a, b] = await s.next(2, 0);
      for (const e of [a!, b!]) {
        expect(e.ChangeEventHeader.changedFields.sort()).toEqual(['LastModifiedDate', 'Title']);
        expect(e).not.toHaveProperty('IsDeleted');
        expect(e).not.toHaveProperty('SystemModstamp');
        // Unchanged fields are not carried: the parent link included.
        expect(e.AccountId).toBeNull();
        expect(e.MobilePhone).toBeNull();
      }
      expect(b!.Title).toBe('Two');
    } finally {
      s.client.close();
    }
  });

  it('merges records into one event only when the same change happened to each', async () => {
    const s = await listen();
    try {
      const { ada, grace } = em.salesforce.fixtures.contacts as Record<string, string>;
      const collection = (records: unknown[]) =>
        conn.request({
          method: 'PATCH',
          url: '/services/data/v62.0/composite/sobjects',
          body: JSON.stringify({ allOrNone: true, records }),
          headers: { 'Content-Type': 'application/json' },
        });
      await collection([
        { attributes: { type: 'Contact' }, Id: ada, Department: 'Same' },
        { attributes: { type: 'Contact' }, Id: grace, Department: 'Same' },
      ]);
      const [same] = await s.next(1, 0);
      expect(same!.ChangeEventHeader.recordIds.sort()).toEqual([ada, grace].sort());
      await collection([
        { attributes: { type: 'Contact' }, Id: ada, Department: 'First' },
        { attributes: { type: 'Contact' }, Id: grace, Department: 'Second' },
      ]);
      const apart = await s.next(2, 1);
      expect(apart.map((e) => [e.ChangeEventHeader.recordIds, e.Department])).toEqual([
        [[ada], 'First'],
        [[grace], 'Second'],
      ]);
      expect(apart[0]!.ChangeEventHeader.transactionKey).toBe(apart[1]!.ChangeEventHeader.transactionKey);
    } finally {
      s.client.close();
    }
  });

  it('adds enriched fields, configured through the Tooling API, to UPDATE and DELETE events', async () => {
    const s = await listen();
    try {
      const member = (await post(conn, '/services/data/v62.0/tooling/sobjects/PlatformEventChannelMember', {
        FullName: 'ChangeEvents_CaseChangeEvent',
        Metadata: { eventChannel: 'ChangeEvents', selectedEntity: 'CaseChangeEvent', enrichedFields: [{ name: 'ContactId' }, { name: 'AccountId' }] },
      })) as { id: string; success: boolean };
      expect(member.success).toBe(true);
      expect(await control(em.url, 'GET', 'pubsub/enrichment')).toEqual({ Case: ['ContactId', 'AccountId'] });
      const bad = await post(conn, '/services/data/v62.0/tooling/sobjects/PlatformEventChannelMember', {
        Metadata: { eventChannel: 'ChangeEvents', selectedEntity: 'CaseChangeEvent', enrichedFields: [{ name: 'No_Such__c' }] },
      }).catch((e: { errorCode?: string }) => e);
      expect(bad).toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION' });
      const ada = em.salesforce.fixtures.contacts.ada;
      const { id } = (await conn.sobject('Case').create({ Subject: 'Enriched', Status: 'New', Origin: 'Phone', ContactId: ada })) as { id: string };
      await conn.sobject('Case').update({ Id: id, Status: 'Working' });
      await conn.sobject('Case').destroy(id);
      const [, update, del] = await s.next(3, 0);
      expect(update!.ChangeEventHeader.changeType).toBe('UPDATE');
      expect(update!.ChangeEventHeader.changedFields.sort()).toEqual(['LastModifiedDate', 'Status']);
      expect(update).toMatchObject({ Status: 'Working', ContactId: ada, Subject: null });
      expect(del).toMatchObject({ ChangeEventHeader: { changeType: 'DELETE', recordIds: [id] }, ContactId: ada, Status: null });
      // Removed again: no enrichment.
      await conn.request({ method: 'DELETE', url: `/services/data/v62.0/tooling/sobjects/PlatformEventChannelMember/${member.id}` });
      expect(await control(em.url, 'GET', 'pubsub/enrichment')).toEqual({});
    } finally {
      s.client.close();
    }
  });

  it('publishes nothing for CaseComment, which has no change events', async () => {
    const before = pubsub.published();
    const caseId = Object.values(em.salesforce.fixtures.cases as Record<string, string>)[0]!;
    await conn.sobject('CaseComment').create({ ParentId: caseId, CommentBody: 'A note' });
    await conn.sobject('Account').create({ Name: 'After the comment' });
    const s = await listen(undefined, undefined, '/data/CaseCommentChangeEvent');
    try {
      expect(s.received.find((x) => x.type === 'error')?.data).toMatchObject({ code: 5 });
    } finally {
      s.client.close();
    }
    // Only the account's event.
    expect(pubsub.published() - before).toBe(1);
  });

  it("names the request's API version and Sforce-Call-Options client in changeOrigin", async () => {
    const s = await listen();
    try {
      await post(conn, '/services/data/v61.0/sobjects/Account', { Name: 'Origin' }, { 'Sforce-Call-Options': 'client=PolyAIGateway' });
      await post(conn, '/services/data/v62.0/sobjects/Account', { Name: 'No client' });
      const [a, b] = await s.next(2, 0);
      expect(a!.ChangeEventHeader.changeOrigin).toBe('com/salesforce/api/rest/61.0;client=PolyAIGateway');
      expect(b!.ChangeEventHeader.changeOrigin).toBe('com/salesforce/api/rest/62.0');
    } finally {
      s.client.close();
    }
  });

  it('sends gap and overflow events on demand, with the header and no field values', async () => {
    const s = await listen();
    try {
      const ada = em.salesforce.fixtures.contacts.ada;
      await control(em.url, 'PUT', 'pubsub/faults', { gap: 'GAP_UPDATE' });
      await conn.sobject('Contact').update({ Id: ada, Title: 'Gap' });
      await control(em.url, 'PUT', 'pubsub/faults', { gap: 'GAP_OVERFLOW' });
      await conn.sobject('Contact').update({ Id: ada, Title: 'Overflow' });
      await expect(control(em.url, 'PUT', 'pubsub/faults', { gap: 'SOMETIMES' })).rejects.toThrow(/400/);
      const [gap, overflow] = await s.next(2, 0);
      expect(gap!.ChangeEventHeader).toMatchObject({ changeType: 'GAP_UPDATE', recordIds: [ada], changedFields: [] });
      expect(gap!.Title).toBeNull();
      expect(overflow!.ChangeEventHeader).toMatchObject({ changeType: 'GAP_OVERFLOW', entityName: 'Contact' });
      expect(overflow!.Title).toBeNull();
    } finally {
      s.client.close();
    }
  });

  it('sends UNDELETE when a person restores a record from the Recycle Bin', async () => {
    const s = await listen();
    try {
      const { id } = (await conn.sobject('Account').create({ Name: 'Bin' })) as { id: string };
      await conn.sobject('Account').destroy(id);
      expect(await control(em.url, 'POST', 'undelete', { ids: [id] })).toEqual({ restored: [id] });
      const types = (await s.next(3, 0)).map((e) => e.ChangeEventHeader.changeType);
      expect(types).toEqual(['CREATE', 'DELETE', 'UNDELETE']);
      expect(((await conn.query(`SELECT Name FROM Account WHERE Id = '${id}'`)).records[0] as { Name: string }).Name).toBe('Bin');
    } finally {
      s.client.close();
    }
  });

  it("refuses a stale replay id with INVALID_ARGUMENT and Salesforce's error-code and rpc-id trailers; takes the 15-character org id as tenant", async () => {
    const s = await listen(undefined, em.salesforce.fixtures.organizationId.slice(0, 15));
    s.client.close();
    expect(s.received.some((x) => x.type === 'grpcKeepAlive')).toBe(true);
    const stale = await listen(undefined, undefined, '/data/ChangeEvents', 9_999_999);
    try {
      const refused = stale.received.find((x) => x.type === 'error')!.data;
      expect(refused).toMatchObject({ code: 3 });
      expect(refused!.metadata!.get('error-code')).toEqual(['sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted']);
      expect(refused!.metadata!.get('rpc-id')).toHaveLength(1);
    } finally {
      stale.client.close();
    }
  });
});

describe('person accounts', () => {
  it('a person account made gives an Account and a Contact event in one transaction, with PersonContactId set', async () => {
    const b2c = await org('b2c');
    const s = await listen(b2c);
    try {
      const personType = b2c.em.salesforce.profileFixtures.recordTypes.PersonAccount!;
      const { id } = (await b2c.conn
        .sobject('Account')
        .create({ RecordTypeId: personType, FirstName: 'Mary', LastName: 'Somerville', PersonMobilePhone: '+441632960111' })) as {
        id: string;
      };
      const [account, contact] = await s.next(2, 0);
      expect(account!.ChangeEventHeader).toMatchObject({ entityName: 'Account', changeType: 'CREATE', recordIds: [id] });
      expect(contact!.ChangeEventHeader).toMatchObject({ entityName: 'Contact', changeType: 'CREATE' });
      expect(account!.ChangeEventHeader.transactionKey).toBe(contact!.ChangeEventHeader.transactionKey);
      expect(account!.PersonContactId).toBe(contact!.ChangeEventHeader.recordIds[0]);
      expect(account!.Name).toMatchObject({ FirstName: 'Mary', LastName: 'Somerville' });
    } finally {
      s.client.close();
      await b2c.pubsub.close();
      await b2c.em.close();
    }
  });
});
