/**
 * The Salesforce REST API of the emulated org, under `/services/data/vNN.N/` and
 * `/services/oauth2/`: authentication, API counting, fault injection and the router. Each
 * resource answers in its own module under routes/. Headers, status codes and bodies follow
 * the real API's (docs/salesforce-facts.md in the gateway's repository).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JSON_TYPE, header, readBody, send, sleep } from '../http';
import { SfError, limitExceeded, notFound, sessionInvalid } from './errors';
import { NO_FAULTS, dice, faultAnswer, type Faults } from './faults';
import { normaliseId } from './ids';
import { OAuthServer, type OrgCredentials } from './oauth';
import { emailSimple, type SentEmail } from './routes/actions';
import { identity, userinfo, type Who } from './routes/identity';
import { composite } from './routes/composite';
import type { Answer, Org } from './routes/context';
import { limits } from './routes/limits';
import { QueryResource } from './routes/query';
import { sobjects } from './routes/sobjects';
import { Enrichment } from './routes/tooling';
import { uiApi } from './routes/ui-api';
import { profileObjects, seedProfile, type OrgProfile, type ProfileFixtures } from './profiles';
import { JSFORCE_TEST_OBJECTS, createOrgSchema } from './schema';
import { seedJsforceTestObjects, seedOrg, type SeedFixtures } from './seed';
import { Store } from './store';

export { NO_FAULTS, type Faults, type FaultErrorCode } from './faults';
export type { SentEmail } from './routes/actions';

export type RequestKind = 'query' | 'search' | 'sobject' | 'describe' | 'composite' | 'action' | 'limits' | 'other';

export interface LoggedRequest {
  method: string;
  path: string;
  kind: RequestKind;
  status: number;
  /** The SOQL or SOSL text, for query and search calls. */
  statement?: string;
  /** When it arrived and when it was answered, as positions in one sequence of events (no clock): a call that arrived after another was answered came in a later round. */
  arrived: number;
  answered: number;
}

export interface SalesforceEmulatorOptions {
  /** Overrides of the demo org's credentials. */
  credentials?: Partial<OrgCredentials>;
  /** Access tokens expire after this long without use. @default 7_200_000 (2 h, Salesforce's default) */
  tokenTtlMs?: number;
  /** Daily API request allocation. @default 100_000 */
  dailyApiLimit?: number;
  clock?: () => number;
  /** Load jsforce's test package objects (UpsertTable__c, and BigTable__c with many rows). @default false */
  jsforceTestObjects?: boolean;
  /** The org's shape (profiles.ts): the demo org, person accounts (b2c), or record types, a required field and a rule (strict). @default 'demo' */
  profile?: OrgProfile;
}

const MAX_URI = 16_384;
const MAX_LOG = 20_000;

export class SalesforceEmulator {
  readonly schema: ReturnType<typeof createOrgSchema>;
  readonly store: Store;
  readonly oauth: OAuthServer;
  readonly fixtures: SeedFixtures;
  readonly profile: OrgProfile;
  /** What the profile added to the seed (person account, record type Ids...). */
  readonly profileFixtures: ProfileFixtures;
  faults: Faults = { ...NO_FAULTS };
  apiRequests = 0;
  byKind: Record<string, number> = {};
  readonly requests: LoggedRequest[] = [];
  private events = 0;
  readonly emails: SentEmail[] = [];
  dailyApiLimit: number;
  /** The org's Pub/Sub server, once one is started for it (its faults join the control API). */
  pubsub: { setFaults(f: Record<string, unknown>): unknown } | null = null;
  /** Change-event enrichment, configured through the Tooling API's PlatformEventChannelMember. */
  readonly enrichment = new Enrichment();
  /** One answer's added latency: latencyMs, spread by latencyJitterMs either way. */
  private latency(): number {
    const { latencyMs, latencyJitterMs } = this.faults;
    return Math.max(0, latencyMs + (latencyJitterMs > 0 ? (this.jitter() * 2 - 1) * latencyJitterMs : 0));
  }

  /** The objects with change events (set by the Pub/Sub server; enrichment is checked against them). */
  cdcObjects: readonly string[] = ['Contact', 'Account', 'Case', 'Task'];
  /** The org's calls of the day made before the counted ones (by other integrations): set by PUT /__emulator/limits. */
  private usedElsewhere = 0;
  private readonly initialDailyApiLimit: number;
  private roll = dice(NO_FAULTS.seed);
  /** The latency's spread has dice of its own, so that errors fall where they would without it. */
  private jitter = dice(NO_FAULTS.seed + 1);
  private readonly org: Org;
  private readonly queries: QueryResource;
  private readonly restoreSeed: () => void;
  private readonly clock: () => number;
  /** This server's own URL, as the last API call reached it (for URLs in answers). */
  private baseUrl = '';

  constructor(options: SalesforceEmulatorOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.dailyApiLimit = options.dailyApiLimit ?? 100_000;
    this.initialDailyApiLimit = this.dailyApiLimit;
    this.profile = options.profile ?? 'demo';
    const objects = profileObjects(this.profile);
    this.schema = createOrgSchema(options.jsforceTestObjects ? [...objects, ...JSFORCE_TEST_OBJECTS] : objects);
    this.store = new Store(this.schema, this.clock);
    this.fixtures = seedOrg(this.store);
    this.profileFixtures = seedProfile(this.store, this.profile, objects);
    if (options.jsforceTestObjects) seedJsforceTestObjects(this.store);
    this.restoreSeed = this.store.snapshot();
    this.org = { schema: this.schema, store: this.store, clock: this.clock };
    this.queries = new QueryResource(this.org, () => this.faults.searchIndexLagMs);
    this.oauth = new OAuthServer({
      credentials: options.credentials,
      orgId: this.fixtures.organizationId,
      userId: this.fixtures.integrationUserId,
      tokenTtlMs: options.tokenTtlMs ?? 7_200_000,
      clock: this.clock,
    });
  }

  setFaults(faults: Partial<Faults>): Faults {
    this.faults = { ...NO_FAULTS, ...faults };
    this.oauth.rejectTokens = this.faults.rejectTokens;
    this.roll = dice(this.faults.seed);
    this.jitter = dice(this.faults.seed + 1);
    return this.faults;
  }

  /** Back to the seeded org: data, counters, faults, locators and the outbox. Tokens stay valid. */
  reset(): void {
    this.restoreSeed();
    this.setFaults({});
    this.apiRequests = 0;
    this.usedElsewhere = 0;
    this.dailyApiLimit = this.initialDailyApiLimit;
    this.oauth.logins = 0;
    this.byKind = {};
    this.requests.length = 0;
    this.emails.length = 0;
    this.queries.reset();
    this.enrichment.reset();
  }

  stats() {
    return { apiRequests: this.apiRequests, logins: this.oauth.logins, byKind: { ...this.byKind } };
  }

  /** The org's day as Salesforce reports it: calls used (counted here and elsewhere) of the allocation. */
  limits(): { dailyApiLimit: number; apiRequests: number } {
    return { dailyApiLimit: this.dailyApiLimit, apiRequests: this.usedElsewhere + this.apiRequests };
  }

  /**
   * Moves the org's day: from now on `Sforce-Limit-Info`, `/limits` and REQUEST_LIMIT_EXCEEDED
   * count `apiRequests` calls used of `dailyApiLimit`. The calls counted since the last reset
   * (stats) are not changed: the difference is taken as other integrations' use.
   */
  setLimits(l: { dailyApiLimit?: number; apiRequests?: number }): { dailyApiLimit: number; apiRequests: number } {
    if (l.dailyApiLimit !== undefined) this.dailyApiLimit = l.dailyApiLimit;
    if (l.apiRequests !== undefined) this.usedElsewhere = l.apiRequests - this.apiRequests;
    return this.limits();
  }

  /** Handles `/services/...`; returns false for any other path. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, baseUrl: string): Promise<boolean> {
    if (url.pathname === '/services/oauth2/token' && req.method === 'POST') {
      const form = new URLSearchParams((await readBody(req)).toString('utf8'));
      if (this.faults.latencyMs > 0) await sleep(this.latency());
      const answer = this.oauth.token(form, header(req, 'authorization'), baseUrl);
      send(res, answer.status, answer.body, { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-cache,must-revalidate,max-age=0,no-store,private' });
      return true;
    }
    if (url.pathname === '/services/oauth2/userinfo' && (req.method === 'GET' || req.method === 'POST')) {
      // OpenID Connect: a valid access token in the Authorization header, else 403 Bad_OAuth_Token
      // (the plain-text refusal is unverified, docs/salesforce-facts.md#rest-conventions-and-errors).
      if (this.oauth.check(header(req, 'authorization')) !== 'ok') {
        send(res, 403, 'Bad_OAuth_Token', { 'Content-Type': 'text/plain' });
        return true;
      }
      send(res, 200, userinfo(this.who(baseUrl)), { 'Content-Type': JSON_TYPE });
      return true;
    }
    const idUrl = /^\/id\/(00D\w{12,15})\/(005\w{12,15})$/.exec(url.pathname);
    if (idUrl && req.method === 'GET') {
      // The Identity URL takes the token as a header or as ?oauth_token= (jsforce sends both).
      const token = url.searchParams.get('oauth_token');
      const ok = this.oauth.check(header(req, 'authorization')) === 'ok' || (token !== null && this.oauth.check(`Bearer ${token}`) === 'ok');
      if (!ok) {
        send(res, 403, 'Bad_OAuth_Token', { 'Content-Type': 'text/plain' });
        return true;
      }
      const who = this.who(baseUrl);
      if (normaliseId(idUrl[1]!) !== who.orgId || normaliseId(idUrl[2]!) !== String(who.user.Id)) {
        send(res, 404, 'Bad_Id', { 'Content-Type': 'text/plain' });
        return true;
      }
      send(res, 200, identity(who), { 'Content-Type': JSON_TYPE });
      return true;
    }
    if (url.pathname === '/services/oauth2/revoke' && req.method === 'POST') {
      const form = new URLSearchParams((await readBody(req)).toString('utf8'));
      this.oauth.revoke(form.get('token') ?? '');
      send(res, 200, undefined);
      return true;
    }
    const m = /^\/services\/data(?:\/v(\d{2}\.\d))?(\/.*)?$/.exec(url.pathname);
    if (!m) return false;
    await this.api(req, res, url, m[1], m[2] ?? '');
    return true;
  }

  /** The session's user and org (every token is the integration user's). */
  private who(baseUrl: string): Who {
    return {
      baseUrl,
      apiVersion: '62.0',
      orgId: this.fixtures.organizationId,
      user: this.store.get(this.fixtures.integrationUserId)!,
      timeZone: 'America/Los_Angeles',
    };
  }

  private limitHeader(): Record<string, string> {
    const { apiRequests, dailyApiLimit } = this.limits();
    return { 'Sforce-Limit-Info': `api-usage=${apiRequests}/${dailyApiLimit}` };
  }

  private async api(req: IncomingMessage, res: ServerResponse, url: URL, version: string | undefined, rest: string) {
    const raw = req.url ?? '';
    const headerBytes = req.rawHeaders.reduce((n, h) => n + h.length + 2, 0);
    if (raw.length > MAX_URI) {
      // URI alone over 16,384 bytes → 414; URI + headers → 431 (docs/salesforce-facts.md#rest-conventions-and-errors). Body shape unverified.
      send(res, 414, '414 URI Too Long', { 'Content-Type': 'text/plain' });
      return;
    }
    if (raw.length + headerBytes > MAX_URI) {
      send(res, 431, '431 Request Header Fields Too Large', { 'Content-Type': 'text/plain' });
      return;
    }
    if (version === undefined) {
      // GET /services/data: the versions list, the one resource without a limit header.
      const versions = ['58.0', '59.0', '60.0', '61.0', '62.0', '63.0', '64.0', '65.0'].map((v) => ({
        label: 'Emulated',
        url: `/services/data/v${v}`,
        version: v,
      }));
      send(res, 200, versions, { 'Content-Type': JSON_TYPE });
      return;
    }
    const auth = this.oauth.check(header(req, 'authorization'));
    if (auth !== 'ok') {
      const error = auth === 'missing' ? SfError.one(401, 'INVALID_AUTH_HEADER', 'INVALID_HEADER_TYPE') : sessionInvalid();
      send(res, 401, error.errors, { 'Content-Type': JSON_TYPE, ...this.limitHeader() });
      return;
    }
    const body = req.method === 'GET' || req.method === 'DELETE' ? null : await readBody(req);
    const kind = kindOf(rest);
    const statement = kind === 'query' || kind === 'search' ? (url.searchParams.get('q') ?? undefined) : undefined;
    const arrived = ++this.events;
    const log = (status: number) => {
      if (this.requests.length >= MAX_LOG) this.requests.shift();
      this.requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        kind,
        status,
        ...(statement !== undefined ? { statement } : {}),
        arrived,
        answered: ++this.events,
      });
    };
    if (this.limits().apiRequests >= this.dailyApiLimit) {
      log(403);
      send(res, 403, limitExceeded().errors, { 'Content-Type': JSON_TYPE, ...this.limitHeader() });
      return;
    }
    // Counted on arrival, as Salesforce counts it, however long the answer then takes.
    this.apiRequests++;
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    const slow = this.faults.latencyStatementContains === null || (statement ?? '').includes(this.faults.latencyStatementContains);
    if (this.faults.latencyMs > 0 && slow) await sleep(this.latency());
    const targeted =
      (this.faults.errorStatementContains === null || (statement ?? '').includes(this.faults.errorStatementContains)) &&
      (this.faults.errorMethod === null || req.method === this.faults.errorMethod);
    const forced = this.faults.failNext > 0 && targeted;
    if (forced) this.faults.failNext--;
    if (forced || (this.faults.errorRate > 0 && targeted && this.roll() < this.faults.errorRate)) {
      const answer = faultAnswer(this.faults);
      log(answer.status);
      send(res, answer.status, answer.body, { 'Content-Type': JSON_TYPE, ...this.limitHeader(), ...answer.headers });
      return;
    }
    let answer: Answer;
    try {
      let parsed: unknown = null;
      if (body && body.length > 0) {
        try {
          parsed = JSON.parse(body.toString('utf8'));
        } catch {
          throw SfError.one(400, 'JSON_PARSER_ERROR', 'Unexpected character in request body: not valid JSON');
        }
      }
      this.baseUrl = `${url.protocol}//${url.host}`;
      // Change events name where a write came from: the API version and the client's call option.
      const client = /(?:^|,)\s*client=([^,]*)/.exec(header(req, 'sforce-call-options') ?? '')?.[1]?.trim();
      this.store.origin = `com/salesforce/api/rest/${version}${client ? `;client=${client}` : ''}`;
      try {
        answer = this.route(req.method ?? 'GET', version, rest, url.searchParams, parsed, header(req, 'sforce-query-options'));
      } finally {
        this.store.origin = 'com/salesforce/api/rest/62.0';
      }
    } catch (e) {
      if (!(e instanceof SfError)) throw e;
      answer = { status: e.status, body: e.errors };
    }
    log(answer.status);
    const isWrite = req.method === 'POST' || req.method === 'PATCH' || req.method === 'PUT' || req.method === 'DELETE';
    if (isWrite && this.faults.dropResponseAfterCommitRate > 0 && this.roll() < this.faults.dropResponseAfterCommitRate) {
      // The write is committed; the answer is lost on the way back.
      req.socket.destroy();
      return;
    }
    const aimed = this.faults.errorMethod === null || req.method === this.faults.errorMethod;
    if (isWrite && aimed && this.faults.errorAfterCommitRate > 0 && answer.status < 400 && this.roll() < this.faults.errorAfterCommitRate) {
      // The write is committed; a proxy in front answers an error page instead of the answer.
      const status = this.faults.statusAfterCommit;
      send(res, status, `<html><body><h1>${status === 502 ? '502 Bad Gateway' : '500 Internal Server Error'}</h1></body></html>`, {
        'Content-Type': 'text/html',
      });
      return;
    }
    send(res, answer.status, answer.body, {
      ...(answer.body === undefined ? {} : { 'Content-Type': JSON_TYPE }),
      ...this.limitHeader(),
      ...answer.headers,
    });
  }

  /** Answers one REST call; also used for composite subrequests. */
  route(method: string, version: string, rest: string, params: URLSearchParams, body: unknown, queryOptions?: string): Answer {
    const segments = rest
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent);
    const [head, ...tail] = segments;
    const request = { method, version, tail, params, body, queryOptions };
    switch (head) {
      case undefined:
        return { status: 200, body: this.resources(version) };
      case 'query':
      case 'queryAll':
        return this.queries.query(request, head === 'queryAll');
      case 'search':
        return this.queries.search(request);
      case 'parameterizedSearch':
        return this.queries.parameterizedSearch(request);
      case 'sobjects':
        return sobjects(this.org, request);
      case 'composite':
        return composite(this.org, request, (m, v, r, p, b) => this.route(m, v, r, p, b));
      case 'ui-api':
        return uiApi(this.org, method, tail);
      case 'tooling':
        return this.enrichment.route(this.org, method, tail, body, this.cdcObjects);
      case 'limits':
        return { status: 200, body: limits({ ...this.limits(), emailsSent: this.emails.length }) };
      case 'actions':
        if (method === 'POST' && tail[0] === 'standard' && tail[1] === 'emailSimple' && tail.length === 2) {
          return emailSimple(this.emails, this.clock(), body);
        }
        throw notFound();
      default:
        throw notFound();
    }
  }

  private resources(version: string) {
    const base = `/services/data/v${version}`;
    return {
      ...Object.fromEntries(
        ['sobjects', 'query', 'queryAll', 'search', 'parameterizedSearch', 'composite', 'limits', 'actions'].map((r) => [r, `${base}/${r}`]),
      ),
      // The Identity URL, absolute as Salesforce gives it (conn.identity() follows it).
      identity: `${this.baseUrl}/id/${this.fixtures.organizationId}/${this.fixtures.integrationUserId}`,
    };
  }
}

function kindOf(rest: string): RequestKind {
  const head = rest.split('/')[1] ?? '';
  if (head === 'query' || head === 'queryAll') return 'query';
  if (head === 'search' || head === 'parameterizedSearch') return 'search';
  if (head === 'sobjects') return /\/describe\/?$/.test(rest) || rest === '/sobjects' || rest === '/sobjects/' ? 'describe' : 'sobject';
  if (head === 'composite') return 'composite';
  if (head === 'actions') return 'action';
  if (head === 'limits') return 'limits';
  return 'other';
}
