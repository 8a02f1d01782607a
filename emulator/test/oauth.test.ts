import { readFileSync } from 'node:fs';
import jsforce from 'jsforce';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, DEMO_JWT_PRIVATE_KEY_FILE, type RunningEmulators } from '../src/index';
import { API_VERSION, control, passwordLogin, rejection, signAssertion, startTestEmulator, stats, type JwtClaims } from './support';

let em: RunningEmulators;
beforeAll(async () => {
  em = await startTestEmulator();
});
afterAll(() => em.close());
beforeEach(() => control(em.url, 'POST', 'reset'));

const token = (form: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${em.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });

const jwtCredentials = (overrides: Partial<JwtClaims> = {}): JwtClaims => ({
  clientId: DEMO_CREDENTIALS.clientId,
  username: DEMO_CREDENTIALS.username,
  privateKey: readFileSync(DEMO_JWT_PRIVATE_KEY_FILE, 'utf8'),
  audience: 'https://login.salesforce.com',
  ...overrides,
});

describe('password grant (password + security token)', () => {
  it('logs jsforce in and serves API calls with the token', async () => {
    const conn = await passwordLogin(em.url);
    expect(conn.accessToken).toMatch(/^00D\w+!/);
    expect(conn.instanceUrl).toBe(em.url);
    expect(conn.userInfo?.organizationId).toMatch(/^00D\w{15}$/);
    const result = await conn.query('SELECT Id FROM User LIMIT 1');
    expect(result.totalSize).toBe(1);
    expect((await stats(em.url)).logins).toBe(1);
  });

  it('answers the token body Salesforce answers', async () => {
    const res = await token({
      grant_type: 'password',
      client_id: DEMO_CREDENTIALS.clientId,
      client_secret: DEMO_CREDENTIALS.clientSecret,
      username: DEMO_CREDENTIALS.username,
      password: DEMO_CREDENTIALS.password + DEMO_CREDENTIALS.securityToken,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'id', 'instance_url', 'issued_at', 'scope', 'signature', 'token_type']);
    expect(typeof body.issued_at).toBe('string');
    expect(body.token_type).toBe('Bearer');
    expect(body.id).toMatch(/\/id\/00D\w{15}\/005\w{15}$/);
    expect(body).not.toHaveProperty('refresh_token');
  });

  it('refuses the password without the security token', async () => {
    const conn = new jsforce.Connection({
      oauth2: { clientId: DEMO_CREDENTIALS.clientId, clientSecret: DEMO_CREDENTIALS.clientSecret, loginUrl: em.url },
      version: API_VERSION,
    });
    const e = await rejection(() => conn.login(DEMO_CREDENTIALS.username, DEMO_CREDENTIALS.password));
    expect(e.name).toBe('invalid_grant');
    expect(e.message).toBe('authentication failure');
  });

  it('refuses an unknown client id and a wrong secret', async () => {
    const bad = await token({ grant_type: 'password', client_id: 'nope', client_secret: 'x', username: 'u', password: 'p' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'invalid_client_id', error_description: 'client identifier invalid' });
    const secret = await token({ grant_type: 'password', client_id: DEMO_CREDENTIALS.clientId, client_secret: 'wrong', username: 'u', password: 'p' });
    expect(await secret.json()).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
  });

  it('refuses an unknown grant type', async () => {
    const res = await token({ grant_type: 'magic' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'unsupported_grant_type', error_description: 'grant type not supported' });
  });
});

describe('client credentials grant', () => {
  it('issues a token for the client id and secret, in the body or HTTP Basic', async () => {
    const conn = new jsforce.Connection({
      oauth2: { clientId: DEMO_CREDENTIALS.clientId, clientSecret: DEMO_CREDENTIALS.clientSecret, loginUrl: em.url },
      version: API_VERSION,
    });
    await conn.authorize({ grant_type: 'client_credentials' });
    expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBe(200);

    const basic = Buffer.from(`${DEMO_CREDENTIALS.clientId}:${DEMO_CREDENTIALS.clientSecret}`).toString('base64');
    const res = await token({ grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
    expect(res.status).toBe(200);
    expect(await res.json()).not.toHaveProperty('refresh_token');
  });

  it('refuses a wrong secret', async () => {
    const res = await token({ grant_type: 'client_credentials', client_id: DEMO_CREDENTIALS.clientId, client_secret: 'nope' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_client');
  });
});

describe('JWT bearer grant', () => {
  const grant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

  it('accepts an RS256 assertion signed with the demo app key, through jsforce', async () => {
    const conn = new jsforce.Connection({ oauth2: { clientId: DEMO_CREDENTIALS.clientId, loginUrl: em.url }, version: API_VERSION });
    await conn.authorize({ grant_type: grant, assertion: signAssertion(jwtCredentials(), Date.now()) });
    expect((await conn.query("SELECT Id FROM Contact WHERE LastName = 'Lovelace'")).totalSize).toBe(1);
  });

  it('refuses a wrong key, a wrong issuer, a wrong audience, an unknown user and an expired assertion', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const cases: [JwtClaims, number, string][] = [
      [jwtCredentials({ privateKey: other }), Date.now(), 'invalid assertion'],
      [jwtCredentials({ clientId: 'someone-else' }), Date.now(), 'client identifier invalid'],
      [jwtCredentials({ audience: 'https://evil.example' }), Date.now(), 'audience is invalid'],
      [jwtCredentials({ username: 'nobody@demo.example' }), Date.now(), 'user hasn\u2019t approved this consumer'],
      [jwtCredentials(), Date.now() - 10 * 60_000, 'expired authorization code'],
    ];
    for (const [credentials, at, description] of cases) {
      const res = await token({ grant_type: grant, assertion: signAssertion(credentials, at) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error_description: string }).error_description).toBe(description);
    }
    const garbage = await token({ grant_type: grant, assertion: 'not-a-jwt' });
    expect(((await garbage.json()) as { error: string }).error).toBe('invalid_grant');
  });
});

describe('refresh token grant', () => {
  it('renews the session of a connection that holds a refresh token', async () => {
    const { refresh_token } = await control<{ refresh_token: string }>(em.url, 'POST', 'refresh-tokens');
    const first = await passwordLogin(em.url);
    const conn = new jsforce.Connection({
      oauth2: { clientId: DEMO_CREDENTIALS.clientId, clientSecret: DEMO_CREDENTIALS.clientSecret, loginUrl: em.url },
      instanceUrl: em.url,
      accessToken: first.accessToken!,
      refreshToken: refresh_token,
      version: API_VERSION,
    });
    await control(em.url, 'POST', 'sessions/expire');
    let refreshed = '';
    conn.on('refresh', (accessToken: string) => (refreshed = accessToken));
    // The 401 makes jsforce use the refresh token grant, then repeat the query.
    expect((await conn.query('SELECT Id FROM Account LIMIT 1')).totalSize).toBe(1);
    expect(refreshed).not.toBe('');
    expect(refreshed).not.toBe(first.accessToken);
  });

  it('refuses an unknown refresh token', async () => {
    const res = await token({ grant_type: 'refresh_token', client_id: DEMO_CREDENTIALS.clientId, refresh_token: 'nope' });
    expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: 'expired access/refresh token' });
  });
});

describe('access tokens', () => {
  it('answer 401 INVALID_SESSION_ID once they expire, as the real API does', async () => {
    let now = Date.now();
    const short = await startTestEmulator({ tokenTtlMs: 60_000, clock: () => now });
    try {
      const conn = await passwordLogin(short.url);
      await conn.query('SELECT Id FROM Account LIMIT 1');
      now += 61_000;
      const res = await fetch(`${short.url}/services/data/v${API_VERSION}/limits`, { headers: { authorization: `Bearer ${conn.accessToken}` } });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    } finally {
      await short.close();
    }
  });

  it('stay alive while used: the timeout counts from the last call', async () => {
    let now = Date.now();
    const short = await startTestEmulator({ tokenTtlMs: 60_000, clock: () => now });
    try {
      const conn = await passwordLogin(short.url);
      for (let i = 0; i < 3; i++) {
        now += 40_000;
        await conn.query('SELECT Id FROM Account LIMIT 1');
      }
      expect((await stats(short.url)).logins).toBe(1);
    } finally {
      await short.close();
    }
  });

  it('answer 401 INVALID_AUTH_HEADER without a bearer token', async () => {
    const res = await fetch(`${em.url}/services/data/v${API_VERSION}/limits`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual([{ message: 'INVALID_HEADER_TYPE', errorCode: 'INVALID_AUTH_HEADER' }]);
  });
});
