import type { Connection } from 'jsforce';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulators } from '../src/index';
import { idChecksum, normaliseId } from '../src/salesforce/ids';
import { SEED_COUNTS } from '../src/salesforce/seed';
import { API_VERSION, control, passwordLogin, rejection, startTestEmulator, stats } from './support';

let em: RunningEmulators;
let conn: Connection;

beforeAll(async () => {
  em = await startTestEmulator();
  conn = await passwordLogin(em.url);
});
afterAll(() => em.close());
beforeEach(() => control(em.url, 'POST', 'reset'));

describe('seeded demo org', () => {
  it('has the documented size, valid 18-character Ids and the same data on every start', async () => {
    for (const [object, count] of [
      ['Account', SEED_COUNTS.accounts],
      ['Contact', SEED_COUNTS.contacts],
      ['Case', SEED_COUNTS.cases],
      ['Task', SEED_COUNTS.tasks],
    ] as const) {
      expect((await conn.query(`SELECT COUNT() FROM ${object}`)).totalSize).toBe(count);
    }
    const rows = (await conn.query<{ Id: string; Phone: string | null }>('SELECT Id, Name, Phone FROM Contact ORDER BY Id LIMIT 200')).records;
    for (const r of rows) expect(normaliseId(r.Id)).toBe(r.Id);
    const other = await startTestEmulator();
    try {
      const again = await passwordLogin(other.url);
      const same = (await again.query('SELECT Id, Name, Phone FROM Contact ORDER BY Id LIMIT 200')).records;
      expect(same).toEqual(rows);
    } finally {
      await other.close();
    }
  });

  it('stores phone numbers in mixed formats, some shared, some opted out', async () => {
    const phones = (
      await conn.query<{ Phone: string | null }>('SELECT Phone FROM Contact WHERE Phone != null', { autoFetch: true, maxFetch: 2000 })
    ).records.map((r) => r.Phone!);
    expect(phones.some((p) => /^\+1\d{10}$/.test(p))).toBe(true);
    expect(phones.some((p) => /^\(\d{3}\) \d{3}-\d{4}$/.test(p))).toBe(true);
    expect(phones.some((p) => /^\d{3}\.\d{3}\.\d{4}$/.test(p))).toBe(true);
    expect(phones.some((p) => / ext\. \d+$/.test(p))).toBe(true);
    expect(phones.some((p) => p.startsWith('+44 '))).toBe(true);
    expect(phones.some((p) => p.startsWith('+49 '))).toBe(true);
    expect(phones.some((p) => p.startsWith('+61 '))).toBe(true);
    expect(new Set(phones).size).toBeLessThan(phones.length);
    expect((await conn.query('SELECT COUNT() FROM Contact WHERE HasOptedOutOfEmail = true')).totalSize).toBeGreaterThan(20);
    expect((await conn.query('SELECT COUNT() FROM Task WHERE Follow_Up_Channel__c != null')).totalSize).toBeGreaterThan(300);
  });

  it('computes the official Id checksum examples', () => {
    expect(idChecksum('001D000000IRFma')).toBe('IAH');
    expect(idChecksum('003D000000QV9n2')).toBe('IAD');
    expect(normaliseId('003D000000QV9n2IAD')).toBe('003D000000QV9n2IAD');
    expect(normaliseId('003D000000QV9n2iad')).toBe('003D000000QV9n2IAD');
    expect(normaliseId('003D000000QV9n2IAX')).toBeNull();
    expect(normaliseId("003' OR Id != '")).toBeNull();
  });
});

describe('control API', () => {
  it('counts API requests by kind and logins; reset zeroes them and restores the data', async () => {
    await conn.query('SELECT Id FROM Account LIMIT 1');
    await conn.search('FIND {Ada} RETURNING Contact(Id)');
    await conn.sobject('Case').create({ Subject: 'temp' });
    await conn.sobject('Case').describe();
    expect(await stats(em.url)).toEqual({ apiRequests: 4, logins: 0, byKind: { query: 1, search: 1, sobject: 1, describe: 1 }, smsRequests: 0 });
    await control(em.url, 'POST', 'reset');
    expect(await stats(em.url)).toEqual({ apiRequests: 0, logins: 0, byKind: {}, smsRequests: 0 });
    expect((await conn.query('SELECT COUNT() FROM Case')).totalSize).toBe(SEED_COUNTS.cases);
  });

  it('logs each statement the org received', async () => {
    await conn.query("SELECT Id FROM Contact WHERE LastName = 'O\\'Brien'");
    const { requests } = await control<{ requests: { kind: string; statement?: string; status: number }[] }>(em.url, 'GET', 'requests');
    expect(requests).toEqual([expect.objectContaining({ kind: 'query', statement: "SELECT Id FROM Contact WHERE LastName = 'O\\'Brien'", status: 200 })]);
  });

  it('expires every session on request; jsforce logs in again through its refresh delegate', async () => {
    const c = await passwordLogin(em.url);
    const old = c.accessToken;
    const { expired } = await control<{ expired: number }>(em.url, 'POST', 'sessions/expire');
    expect(expired).toBeGreaterThanOrEqual(2);
    await c.query('SELECT Id FROM Account LIMIT 1');
    expect(c.accessToken).not.toBe(old);
    expect((await stats(em.url)).logins).toBe(2);
  });

  it('validates fault settings', async () => {
    const res = await fetch(`${em.url}/__emulator/faults`, { method: 'PUT', body: JSON.stringify({ errorRate: 2, errorCode: 'NOPE', bogus: 1 }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: string[] }).errors).toHaveLength(3);
  });
});

describe('faults', () => {
  // Raw calls below need a live token; an earlier test may have expired the shared one.
  let token: string;
  beforeEach(async () => {
    token = (await passwordLogin(em.url)).accessToken!;
  });
  it('answers every call with the chosen error at errorRate 1', async () => {
    const expectations = [
      ['SERVER_UNAVAILABLE', 503],
      ['REQUEST_LIMIT_EXCEEDED', 403],
      ['UNABLE_TO_LOCK_ROW', 400],
    ] as const;
    for (const [errorCode, status] of expectations) {
      await control(em.url, 'PUT', 'faults', { errorRate: 1, errorCode, retryAfterSeconds: 1 });
      const res = await fetch(`${em.url}/services/data/v${API_VERSION}/limits`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(status);
      expect(((await res.json()) as { errorCode: string }[])[0]!.errorCode).toBe(errorCode);
      expect(res.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/\d+$/);
      if (status === 503) expect(res.headers.get('retry-after')).toBe('1');
    }
  });

  it('fails a share of calls at errorRate, repeatably for a given seed', async () => {
    const run = async () => {
      await control(em.url, 'PUT', 'faults', { errorRate: 0.3, seed: 7 });
      const outcomes: number[] = [];
      for (let i = 0; i < 40; i++) {
        const res = await fetch(`${em.url}/services/data/v${API_VERSION}/limits`, { headers: { authorization: `Bearer ${token}` } });
        outcomes.push(res.status);
        await res.body?.cancel();
      }
      return outcomes;
    };
    const first = await run();
    const failures = first.filter((s) => s === 503).length;
    expect(failures).toBeGreaterThan(4);
    expect(failures).toBeLessThan(24);
    expect(await run()).toEqual(first);
  });

  it('adds latency to every call', async () => {
    await control(em.url, 'PUT', 'faults', { latencyMs: 150 });
    const started = performance.now();
    await conn.query('SELECT Id FROM Account LIMIT 1');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('spreads that latency with latencyJitterMs', async () => {
    await control(em.url, 'PUT', 'faults', { latencyMs: 60, latencyJitterMs: 50 });
    const took: number[] = [];
    for (let i = 0; i < 12; i++) {
      const started = performance.now();
      await conn.query('SELECT Id FROM Account LIMIT 1');
      took.push(performance.now() - started);
    }
    // Between 10 and 110 ms added, not all alike (a wall-clock bound kept generous above).
    expect(Math.min(...took)).toBeGreaterThanOrEqual(9);
    expect(Math.max(...took) - Math.min(...took)).toBeGreaterThan(15);
    await control(em.url, 'DELETE', 'faults');
  });

  it('commits a write and then drops the answer (dropResponseAfterCommitRate)', async () => {
    await control(em.url, 'PUT', 'faults', { dropResponseAfterCommitRate: 1 });
    const e = await rejection(() =>
      fetch(`${em.url}/services/data/v${API_VERSION}/sobjects/Case/Gateway_Request_Key__c/dropped-1`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ Subject: 'Was it written?' }),
      }),
    );
    expect(e.message).toMatch(/fetch failed|socket/i);
    await control(em.url, 'DELETE', 'faults');
    const rows = await conn.query("SELECT Subject FROM Case WHERE Gateway_Request_Key__c = 'dropped-1'");
    expect(rows.records).toEqual([expect.objectContaining({ Subject: 'Was it written?' })]);
  });

  it('refuses every token, even fresh ones, with rejectTokens', async () => {
    await control(em.url, 'PUT', 'faults', { rejectTokens: true });
    const fresh = await passwordLogin(em.url);
    const res = await fetch(`${em.url}/services/data/v${API_VERSION}/limits`, { headers: { authorization: `Bearer ${fresh.accessToken}` } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });
});

describe('the org’s day (PUT /__emulator/limits)', () => {
  it('moves Sforce-Limit-Info, /limits and the limit itself, and reset restores it', async () => {
    {
      expect(await control(em.url, 'PUT', 'limits', { dailyApiLimit: 1_000, apiRequests: 798 })).toEqual({ dailyApiLimit: 1_000, apiRequests: 798 });
      await conn.query('SELECT Id FROM Account LIMIT 1');
      expect(conn.limitInfo?.apiUsage).toEqual({ used: 799, limit: 1_000 });
      const limits = await conn.request<{ DailyApiRequests: { Max: number; Remaining: number } }>('/services/data/v62.0/limits');
      expect(limits.DailyApiRequests).toEqual({ Max: 1_000, Remaining: 200 });
      await control(em.url, 'PUT', 'limits', { apiRequests: 1_000 });
      await expect(conn.query('SELECT Id FROM Account LIMIT 1')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
      expect(await control(em.url, 'PUT', 'limits', { apiRequests: -1 }).catch((e: Error) => e.message)).toMatch(/400|whole number/);
      await control(em.url, 'POST', 'reset');
      expect(await control(em.url, 'GET', 'limits')).toEqual({ dailyApiLimit: 100_000, apiRequests: 0 });
      // Stats still count the calls made since the reset only.
      await conn.query('SELECT Id FROM Account LIMIT 1');
      expect((await stats(em.url)).apiRequests).toBe(1);
    }
  });
});
