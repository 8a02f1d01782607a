/**
 * The one authenticated jsforce Connection of the process. It logs in with the configured OAuth
 * flow (password, client credentials or JWT bearer) through `authorize()`, and re-logs in through
 * a guarded `refreshFn`: jsforce coalesces concurrent refreshes into one, and the guard bounds
 * how often a refused session may trigger a login, because jsforce 3.10.16 would otherwise
 * re-login forever on repeated 401s (docs/salesforce-facts.md#auth).
 */
import { createSign } from 'node:crypto';
import jsforce, { type Connection } from 'jsforce';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { SessionStore, SharedSession } from '../shared-state/session';
import type { SalesforceCredentials } from '../config';

export interface LoginGuardOptions {
  /** Logins allowed in a burst before the guard refuses. @default 3 */
  burst?: number;
  /** The window is `burst × refillMs`. @default 20_000 (≤ 180 per hour, far under Salesforce's 3,600) */
  refillMs?: number;
}

/** A limit on logins: `burst` per window of `burst × refillMs` (rate-limiter-flexible). */
export class LoginGuard {
  private readonly limiter: RateLimiterMemory;

  constructor(options: LoginGuardOptions = {}) {
    const burst = options.burst ?? 3;
    this.limiter = new RateLimiterMemory({ keyPrefix: 'logins', points: burst, duration: (burst * (options.refillMs ?? 20_000)) / 1000 });
  }

  /** True when one more login may go now. */
  async tryTake(): Promise<boolean> {
    try {
      await this.limiter.consume('org');
      return true;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return false;
      throw refusal;
    }
  }
}

/** Raised when Salesforce refuses our credentials or the login guard refuses another attempt. */
export class SalesforceAuthError extends Error {
  constructor(
    message: string,
    readonly reason: 'refused' | 'guard' | 'network',
  ) {
    super(message);
    this.name = 'SalesforceAuthError';
  }
}

export interface SalesforceConnection {
  conn: Connection;
  apiVersion: string;
  /** The first login, before the connection serves requests; later ones go through `refreshFn`. */
  login(): Promise<void>;
  /** Logins performed so far, successful or not. */
  readonly logins: number;
  /** True while the latest login failed (jsforce reports a failed refresh as a plain Error). */
  loginFailed(): boolean;
}

export interface ConnectionOptions {
  apiVersion: string;
  credentials: SalesforceCredentials;
  guard?: LoginGuard;
  /** Where replicas share the session (Redis), or this process's memory (shared-state gives both). */
  session: SessionStore;
  /** Told of every login, for metrics. */
  onLogin?: (outcome: 'ok' | 'refused' | 'network' | 'guard') => void;
  /** A login that takes longer fails (jsforce's own default would be 30 minutes). @default 10_000 */
  loginTimeoutMs?: number;
  /** Refuse a token answer whose instance URL is not https (production). @default false */
  requireHttps?: boolean;
  clock?: () => number;
}

/** An RS256-signed JWT bearer assertion (iss = consumer key, sub = username, aud = login host). */
export function jwtAssertion(c: Extract<SalesforceCredentials, { flow: 'jwt' }>, nowMs: number): string {
  const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const header = encode({ alg: 'RS256', typ: 'JWT' });
  // Salesforce accepts an exp up to 3 minutes ahead (JWT bearer flow docs).
  const claims = encode({ iss: c.clientId, sub: c.username, aud: c.audience, exp: Math.floor(nowMs / 1000) + 180 });
  const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(c.privateKey, 'base64url');
  return `${header}.${claims}.${signature}`;
}

function grantParams(c: SalesforceCredentials, now: number): { grant_type: string; [name: string]: string } {
  switch (c.flow) {
    case 'password':
      return { grant_type: 'password', username: c.username, password: c.password };
    case 'client_credentials':
      return { grant_type: 'client_credentials' };
    case 'jwt':
      return { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwtAssertion(c, now) };
  }
}

/** What an OAuth error code most likely means, and the variable to check (Salesforce's OAuth error docs). */
const REFUSALS: Record<string, string> = {
  invalid_client_id: 'the consumer key is not known here: check SALESFORCE_CLIENT_ID and that SALESFORCE_TOKEN_URL is this org\u2019s',
  invalid_client: 'the consumer secret is wrong: check SALESFORCE_CLIENT_SECRET',
  invalid_grant:
    'the user or its credentials were refused: check SALESFORCE_USERNAME and SALESFORCE_PASSWORD plus the security token (password flow), the Run As user (client credentials), or the certificate and pre-authorisation (JWT)',
  unsupported_grant_type: 'the connected app does not allow this flow: check SALESFORCE_AUTH_FLOW and the app\u2019s OAuth settings',
  inactive_user: 'the integration user is inactive: check SALESFORCE_USERNAME',
  inactive_org: 'the org is locked or inactive',
  invalid_request: 'the request was refused as malformed: check SALESFORCE_TOKEN_URL',
};

/** Socket error codes and what they mean for SALESFORCE_TOKEN_URL. */
function networkCause(code: string): string {
  if (code === 'ECONNREFUSED') return 'nothing answers at that address';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
  if (code === 'ETIMEDOUT' || code === 'ECONNRESET') return 'the connection timed out or was reset';
  if (/CERT|TLS|SSL|SELF_SIGNED|VERIFY/.test(code)) return 'TLS failed (certificate or protocol)';
  return 'the network failed';
}

/**
 * Turns a jsforce OAuth failure into our error. A network failure is not a refusal: it says the
 * token URL could not be reached, and why; a refusal keeps only Salesforce's error code, with its
 * likely cause. Neither echoes a credential.
 */
function authFailure(e: unknown): SalesforceAuthError {
  const err = e as { name?: unknown; code?: unknown; type?: unknown };
  if (typeof err?.code === 'string' && (err.type === 'system' || /^E[A-Z_]+$|CERT|TLS/.test(err.code))) {
    return new SalesforceAuthError(`Salesforce could not be reached at SALESFORCE_TOKEN_URL (${err.code}): ${networkCause(err.code)}`, 'network');
  }
  const code = e instanceof Error && /^[a-z_]+$/.test(e.name) ? e.name : 'login_failed';
  return new SalesforceAuthError(`Salesforce refused the login (${code})${REFUSALS[code] ? `: ${REFUSALS[code]}` : ''}`, 'refused');
}

export function createSalesforceConnection(options: ConnectionOptions): SalesforceConnection {
  const { credentials: c } = options;
  const guard = options.guard ?? new LoginGuard();
  const clock = options.clock ?? Date.now;
  let logins = 0;
  let failed = false;

  const { session } = options;
  const loginTimeoutMs = options.loginTimeoutMs ?? 10_000;

  /** One login with the configured grant, bounded in time and by the guard. */
  const login = async (conn: Connection) => {
    if (!(await guard.tryTake())) {
      failed = true;
      options.onLogin?.('guard');
      throw new SalesforceAuthError('Salesforce login attempts are being rate-limited', 'guard');
    }
    logins++;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new SalesforceAuthError('Salesforce did not answer the login in time at SALESFORCE_TOKEN_URL', 'network')),
          loginTimeoutMs,
        );
      });
      await Promise.race([conn.authorize(grantParams(c, clock())), timeout]);
      failed = false;
      options.onLogin?.('ok');
    } catch (e) {
      failed = true;
      const failure = e instanceof SalesforceAuthError ? e : authFailure(e);
      options.onLogin?.(failure.reason);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
    if (!conn.instanceUrl && c.instanceUrl) conn.instanceUrl = c.instanceUrl;
    if (options.requireHttps && !/^https:\/\//.test(conn.instanceUrl ?? '')) {
      // The token answer names where the API is: in production, tokens and data never travel
      // in clear text, whatever the variables say.
      failed = true;
      conn.accessToken = undefined as unknown as string;
      options.onLogin?.('refused');
      throw new SalesforceAuthError(
        'the token answer named an instance URL that is not https; production takes https only (check SALESFORCE_TOKEN_URL and the org)',
        'refused',
      );
    }
    if (conn.accessToken) await session.set({ accessToken: conn.accessToken, instanceUrl: conn.instanceUrl });
  };

  const adopt = (conn: Connection, shared: SharedSession) => {
    conn.accessToken = shared.accessToken;
    conn.instanceUrl = shared.instanceUrl;
    failed = false;
  };

  /**
   * A session for this connection: the shared one if another replica has a newer token than the
   * one that failed (`stale`), else a login by whoever takes the lock, while the others wait for
   * its token. A holder that dies releases the lock when it times out.
   */
  const authorize = async (conn: Connection, stale: string | null) => {
    const deadline = clock() + loginTimeoutMs * 2;
    for (;;) {
      const shared = await session.get();
      if (shared && shared.accessToken !== stale) return adopt(conn, shared);
      if (await session.lock(loginTimeoutMs + 1_000)) {
        try {
          return await login(conn);
        } finally {
          await session.unlock();
        }
      }
      if (clock() > deadline) {
        failed = true;
        throw new SalesforceAuthError('Salesforce login by another replica did not finish', 'refused');
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const conn = new jsforce.Connection({
    version: options.apiVersion,
    oauth2: {
      clientId: c.clientId,
      // The JWT grant needs no secret; jsforce would add it to the form if it were set.
      ...(c.flow === 'jwt' ? {} : { clientSecret: c.clientSecret }),
      tokenServiceUrl: c.tokenUrl,
      authzServiceUrl: c.tokenUrl.replace(/\/token$/, '/authorize'),
    },
    ...(c.instanceUrl ? { instanceUrl: c.instanceUrl } : {}),
    refreshFn: (connection, callback) => {
      authorize(connection as Connection, (connection as Connection).accessToken ?? null).then(
        () => callback(null, (connection as Connection).accessToken ?? undefined),
        (e: Error) => callback(e),
      );
    },
  });

  return {
    conn,
    apiVersion: options.apiVersion,
    get logins() {
      return logins;
    },
    login: () => authorize(conn, null),
    loginFailed: () => failed,
  };
}
