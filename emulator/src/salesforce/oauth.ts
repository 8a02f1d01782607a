/**
 * The OAuth 2.0 token endpoint of the emulated org (`POST /services/oauth2/token`) and the access
 * tokens it issues. Grants: password (password + security token), client_credentials, refresh_token
 * and the JWT bearer grant (RS256, verified against the demo connected app's certificate).
 * Success and error bodies follow docs/salesforce-facts.md#auth.
 */
import { createHmac, randomBytes, verify, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The demo org's fixed credentials, documented in the README. None of them is a secret. */
export const DEMO_CREDENTIALS = {
  clientId: 'demo-client-id',
  clientSecret: 'demo-client-secret',
  username: 'integration@demo.example',
  password: 'demo-password',
  securityToken: 'DEMOTOKEN',
} as const;

const demoFile = (name: string) => fileURLToPath(new URL(`./demo-app/${name}`, import.meta.url));
/** The demo connected app's JWT signing key: public knowledge, for the demo org only. */
export const DEMO_JWT_PRIVATE_KEY_FILE = demoFile('jwt-private-key.pem');
export const DEMO_JWT_CERTIFICATE_FILE = demoFile('jwt-certificate.pem');

export type OrgCredentials = { [K in keyof typeof DEMO_CREDENTIALS]: string };

export interface OAuthOptions {
  /** The org's credentials; the demo ones unless a test needs others (canaries). */
  credentials?: Partial<OrgCredentials>;
  orgId: string;
  userId: string;
  /** How long an access token lives without use. Salesforce's default session timeout is 2 hours. */
  tokenTtlMs: number;
  clock: () => number;
}

interface TokenState {
  issuedAt: number;
  lastUsed: number;
  revoked: boolean;
}

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

const oauthError = (error: string, description: string, status = 400): TokenAnswer => ({
  status,
  body: { error, error_description: description },
});

export type TokenCheck = 'ok' | 'missing' | 'invalid';

export class OAuthServer {
  private readonly tokens = new Map<string, TokenState>();
  private readonly refreshTokens = new Set<string>();
  private readonly certificate = new X509Certificate(readFileSync(DEMO_JWT_CERTIFICATE_FILE));
  private readonly signingSecret = randomBytes(32);
  /** When set, the API answers 401 to every token, even fresh ones (a frozen integration user). */
  rejectTokens = false;
  logins = 0;

  private readonly creds: OrgCredentials;

  constructor(private readonly options: OAuthOptions) {
    this.creds = { ...DEMO_CREDENTIALS, ...options.credentials };
  }

  /** Handles the token endpoint's form body. `baseUrl` is this server's own origin. */
  token(form: URLSearchParams, authorization: string | undefined, baseUrl: string): TokenAnswer {
    const grant = form.get('grant_type');
    let { clientId, clientSecret } = { clientId: form.get('client_id'), clientSecret: form.get('client_secret') };
    const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '');
    if (basic) {
      const [id, secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
      clientId ??= decodeURIComponent(id ?? '');
      clientSecret ??= decodeURIComponent(secret ?? '');
    }
    switch (grant) {
      case 'password': {
        const client = this.checkClient(clientId, clientSecret);
        if (client) return client;
        const expected = this.creds.password + this.creds.securityToken;
        if (form.get('username') !== this.creds.username || form.get('password') !== expected) {
          return oauthError('invalid_grant', 'authentication failure');
        }
        // The password grant never returns a refresh token (docs/salesforce-facts.md#auth).
        return this.issue(baseUrl, false);
      }
      case 'client_credentials': {
        const client = this.checkClient(clientId, clientSecret);
        return client ?? this.issue(baseUrl, false);
      }
      case 'refresh_token': {
        if (clientId !== this.creds.clientId) return oauthError('invalid_client_id', 'client identifier invalid');
        if (clientSecret !== null && clientSecret !== this.creds.clientSecret) {
          return oauthError('invalid_client', 'invalid client credentials');
        }
        const rt = form.get('refresh_token') ?? '';
        if (!this.refreshTokens.has(rt)) return oauthError('invalid_grant', 'expired access/refresh token');
        return this.issue(baseUrl, false);
      }
      case 'urn:ietf:params:oauth:grant-type:jwt-bearer':
        return this.jwtBearer(form.get('assertion') ?? '', baseUrl);
      default:
        return oauthError('unsupported_grant_type', 'grant type not supported');
    }
  }

  private checkClient(clientId: string | null, clientSecret: string | null): TokenAnswer | null {
    if (clientId !== this.creds.clientId) return oauthError('invalid_client_id', 'client identifier invalid');
    if (clientSecret !== this.creds.clientSecret) return oauthError('invalid_client', 'invalid client credentials');
    return null;
  }

  /**
   * JWT bearer grant: iss = consumer key, sub = username, aud = login host, exp in the future,
   * RS256 signature by the key whose certificate is on the app. Error texts are unverified
   * approximations (docs/salesforce-facts.md#auth).
   */
  private jwtBearer(assertion: string, baseUrl: string): TokenAnswer {
    const parts = assertion.split('.');
    if (parts.length !== 3) return oauthError('invalid_grant', 'invalid assertion');
    const [h, p, s] = parts as [string, string, string];
    let header: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    } catch {
      return oauthError('invalid_grant', 'invalid assertion');
    }
    if (header.alg !== 'RS256') return oauthError('invalid_grant', 'invalid assertion');
    const signed = verify('RSA-SHA256', Buffer.from(`${h}.${p}`), this.certificate.publicKey, Buffer.from(s, 'base64url'));
    if (!signed) return oauthError('invalid_grant', 'invalid assertion');
    if (claims.iss !== this.creds.clientId) return oauthError('invalid_client_id', 'client identifier invalid');
    const audiences = ['https://login.salesforce.com', 'https://test.salesforce.com', baseUrl];
    if (typeof claims.aud !== 'string' || !audiences.includes(claims.aud.replace(/\/$/, ''))) {
      return oauthError('invalid_grant', 'audience is invalid');
    }
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < this.options.clock()) {
      return oauthError('invalid_grant', 'expired authorization code');
    }
    if (claims.sub !== this.creds.username) return oauthError('invalid_grant', 'user hasn\u2019t approved this consumer');
    return this.issue(baseUrl, false);
  }

  private issue(baseUrl: string, withRefreshToken: boolean): TokenAnswer {
    this.logins++;
    const now = this.options.clock();
    const accessToken = `${this.options.orgId.slice(0, 15)}!${randomBytes(48).toString('base64url')}`;
    this.tokens.set(accessToken, { issuedAt: now, lastUsed: now, revoked: false });
    const id = `${baseUrl}/id/${this.options.orgId}/${this.options.userId}`;
    const issuedAt = String(now);
    const body: Record<string, unknown> = {
      access_token: accessToken,
      instance_url: baseUrl,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
      signature: createHmac('sha256', this.signingSecret)
        .update(id + issuedAt)
        .digest('base64'),
      scope: 'api refresh_token',
    };
    if (withRefreshToken) body.refresh_token = this.issueRefreshToken();
    return { status: 200, body };
  }

  /** A refresh token as the web-server flow would have handed out (see the control API). */
  issueRefreshToken(): string {
    const rt = `5Aep${randomBytes(40).toString('base64url')}`;
    this.refreshTokens.add(rt);
    return rt;
  }

  /** Checks `Authorization: Bearer …` on an API request and marks the session as used. */
  check(authorization: string | undefined): TokenCheck {
    const m = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(authorization ?? '');
    if (!m) return 'missing';
    const state = this.tokens.get(m[1]!);
    const now = this.options.clock();
    if (!state || state.revoked || this.rejectTokens || now - state.lastUsed > this.options.tokenTtlMs) return 'invalid';
    state.lastUsed = now;
    return 'ok';
  }

  /** Every token issued so far answers 401 from now on; new logins work. */
  expireAll(): number {
    let n = 0;
    for (const state of this.tokens.values()) {
      if (!state.revoked) n++;
      state.revoked = true;
    }
    return n;
  }

  /** `POST /services/oauth2/revoke` */
  revoke(token: string): void {
    const state = this.tokens.get(token);
    if (state) state.revoked = true;
    this.refreshTokens.delete(token);
  }
}
