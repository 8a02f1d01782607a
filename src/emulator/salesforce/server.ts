/**
 * The Salesforce REST API of the emulated org, under `/services/data/vNN.N/` and
 * `/services/oauth2/`: query and queryAll with locators, search and parameterizedSearch, sObject
 * CRUD and upsert, describe, composite and collections, limits and the emailSimple action.
 * Headers, status codes and bodies follow ../shared/reference/salesforce-api.md.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { SfError, limitExceeded, notFound, sessionInvalid } from './errors';
import { normaliseId } from './ids';
import { OAuthServer, type OrgCredentials } from './oauth';
import { createOrgSchema, describeGlobalEntry, describeObject, type ObjectDef } from './schema';
import { seedOrg, type SeedFixtures } from './seed';
import { executeSoql, attributes } from './soql';
import { executeParameterizedSearch, executeSosl, type ParameterizedSearch } from './sosl';
import { Store, type SfRecord } from './store';

export type FaultErrorCode = 'SERVER_UNAVAILABLE' | 'REQUEST_LIMIT_EXCEEDED' | 'UNABLE_TO_LOCK_ROW';

export interface Faults {
  /** Added before every API call is answered. */
  latencyMs: number;
  /** Share of API calls (0..1) answered with `errorCode` instead. */
  errorRate: number;
  errorCode: FaultErrorCode;
  /** Share of writes (0..1) that commit and then close the connection without answering. */
  dropResponseAfterCommitRate: number;
  /** Answer 401 to every token, even fresh ones. */
  rejectTokens: boolean;
  /** New and changed records stay out of SOSL results this long. */
  searchIndexLagMs: number;
  /** Seed for the fault dice, so a run with faults is repeatable. */
  seed: number;
  /** When set, errorRate applies only to queries and searches whose statement contains this text. */
  errorStatementContains: string | null;
  /** When set, latencyMs applies only to queries and searches whose statement contains this text. */
  latencyStatementContains: string | null;
  /** The next N API calls answer errorCode, whatever errorRate says. */
  failNext: number;
  /** Retry-After (seconds) sent with SERVER_UNAVAILABLE; null sends none. */
  retryAfterSeconds: number | null;
}

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  errorRate: 0,
  errorCode: 'SERVER_UNAVAILABLE',
  dropResponseAfterCommitRate: 0,
  rejectTokens: false,
  searchIndexLagMs: 0,
  seed: 1,
  errorStatementContains: null,
  latencyStatementContains: null,
  failNext: 0,
  retryAfterSeconds: null,
};

export type RequestKind = 'query' | 'search' | 'sobject' | 'describe' | 'composite' | 'action' | 'limits' | 'other';

export interface LoggedRequest {
  method: string;
  path: string;
  kind: RequestKind;
  status: number;
  /** The SOQL or SOSL text, for query and search calls. */
  statement?: string;
}

export interface SalesforceEmulatorOptions {
  /** Overrides of the demo org's credentials. */
  credentials?: Partial<OrgCredentials>;
  /** Access tokens expire after this long without use. @default 7_200_000 (2 h, Salesforce's default) */
  tokenTtlMs?: number;
  /** Daily API request allocation. @default 100_000 */
  dailyApiLimit?: number;
  clock?: () => number;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const JSON_TYPE = 'application/json;charset=UTF-8';
const MAX_URI = 16_384;
const MAX_LOG = 20_000;
// The demo org's Id: 15 characters plus the checksum.
const ORG_ID = normaliseId('00D5g00000DEMO1')!;

/** mulberry32: a small seeded generator, so that fault runs can be repeated exactly. */
function dice(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Locator {
  records: SfRecord[];
  totalSize: number;
  version: string;
  batch: number;
  lastUsed: number;
}

export interface SentEmail {
  channel: 'EMAIL';
  id: string;
  to: string[];
  subject: string;
  body: string;
  senderType: string;
  relatedRecordId: string | null;
  sentAt: string;
}

export class SalesforceEmulator {
  readonly schema = createOrgSchema();
  readonly store: Store;
  readonly oauth: OAuthServer;
  readonly fixtures: SeedFixtures;
  faults: Faults = { ...NO_FAULTS };
  apiRequests = 0;
  byKind: Record<string, number> = {};
  readonly requests: LoggedRequest[] = [];
  readonly emails: SentEmail[] = [];
  dailyApiLimit: number;
  private roll = dice(NO_FAULTS.seed);
  private readonly locators = new Map<string, Locator>();
  private readonly restoreSeed: () => void;
  private readonly clock: () => number;

  constructor(options: SalesforceEmulatorOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.dailyApiLimit = options.dailyApiLimit ?? 100_000;
    this.store = new Store(this.schema, this.clock);
    this.fixtures = seedOrg(this.store);
    this.restoreSeed = this.store.snapshot();
    this.oauth = new OAuthServer({
      credentials: options.credentials,
      orgId: ORG_ID,
      userId: this.fixtures.integrationUserId,
      tokenTtlMs: options.tokenTtlMs ?? 7_200_000,
      clock: this.clock,
    });
  }

  setFaults(faults: Partial<Faults>): Faults {
    this.faults = { ...NO_FAULTS, ...faults };
    this.oauth.rejectTokens = this.faults.rejectTokens;
    this.roll = dice(this.faults.seed);
    return this.faults;
  }

  /** Back to the seeded org: data, counters, faults, locators and the outbox. Tokens stay valid. */
  reset(): void {
    this.restoreSeed();
    this.setFaults({});
    this.apiRequests = 0;
    this.oauth.logins = 0;
    this.byKind = {};
    this.requests.length = 0;
    this.emails.length = 0;
    this.locators.clear();
  }

  stats() {
    return { apiRequests: this.apiRequests, logins: this.oauth.logins, byKind: { ...this.byKind } };
  }

  /** Handles `/services/...`; returns false for any other path. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, baseUrl: string): Promise<boolean> {
    if (url.pathname === '/services/oauth2/token' && req.method === 'POST') {
      const form = new URLSearchParams((await readBody(req)).toString('utf8'));
      if (this.faults.latencyMs > 0) await sleep(this.faults.latencyMs);
      const answer = this.oauth.token(form, header(req, 'authorization'), baseUrl);
      send(res, answer.status, answer.body, { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-cache,must-revalidate,max-age=0,no-store,private' });
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

  private limitHeader(): Record<string, string> {
    return { 'Sforce-Limit-Info': `api-usage=${this.apiRequests}/${this.dailyApiLimit}` };
  }

  private async api(req: IncomingMessage, res: ServerResponse, url: URL, version: string | undefined, rest: string) {
    const raw = req.url ?? '';
    const headerBytes = req.rawHeaders.reduce((n, h) => n + h.length + 2, 0);
    if (raw.length > MAX_URI) {
      // URI alone over 16,384 bytes → 414; URI + headers → 431 (reference §2). Body shape unverified.
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
    const log = (status: number) => {
      if (this.requests.length >= MAX_LOG) this.requests.shift();
      this.requests.push({ method: req.method ?? 'GET', path: url.pathname, kind, status, ...(statement !== undefined ? { statement } : {}) });
    };
    if (this.apiRequests >= this.dailyApiLimit) {
      log(403);
      send(res, 403, limitExceeded().errors, { 'Content-Type': JSON_TYPE, ...this.limitHeader() });
      return;
    }
    // Counted on arrival, as Salesforce counts it, however long the answer then takes.
    this.apiRequests++;
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    const slow = this.faults.latencyStatementContains === null || (statement ?? '').includes(this.faults.latencyStatementContains);
    if (this.faults.latencyMs > 0 && slow) await sleep(this.faults.latencyMs);
    const targeted = this.faults.errorStatementContains === null || (statement ?? '').includes(this.faults.errorStatementContains);
    const forced = this.faults.failNext > 0 && targeted;
    if (forced) this.faults.failNext--;
    if (forced || (this.faults.errorRate > 0 && targeted && this.roll() < this.faults.errorRate)) {
      const answer = this.faultAnswer();
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
      answer = this.route(req.method ?? 'GET', version, rest, url.searchParams, parsed, header(req, 'sforce-query-options'));
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
    send(res, answer.status, answer.body, {
      ...(answer.body === undefined ? {} : { 'Content-Type': JSON_TYPE }),
      ...this.limitHeader(),
      ...answer.headers,
    });
  }

  private faultAnswer(): Answer {
    switch (this.faults.errorCode) {
      case 'REQUEST_LIMIT_EXCEEDED':
        return { status: 403, body: limitExceeded().errors };
      case 'UNABLE_TO_LOCK_ROW':
        // Status 400 for a lock timeout on a single-record call is unverified (reference §9.1).
        return { status: 400, body: [{ message: 'unable to obtain exclusive access to this record', errorCode: 'UNABLE_TO_LOCK_ROW', fields: [] }] };
      default:
        // 503 errorCode SERVER_UNAVAILABLE is unverified (reference §9.1, §11).
        return {
          status: 503,
          body: [{ message: 'Server temporarily unavailable. Please try again later.', errorCode: 'SERVER_UNAVAILABLE' }],
          headers: this.faults.retryAfterSeconds === null ? {} : { 'Retry-After': String(this.faults.retryAfterSeconds) },
        };
    }
  }

  /** Answers one REST call; also used for composite subrequests. */
  route(method: string, version: string, rest: string, params: URLSearchParams, body: unknown, queryOptions?: string): Answer {
    const segments = rest.split('/').filter((s) => s !== '').map(decodeURIComponent);
    const [head, ...tail] = segments;
    const now = this.clock();
    switch (head) {
      case undefined:
        return { status: 200, body: this.resources(version) };
      case 'query':
      case 'queryAll': {
        if (tail.length === 1 && method === 'GET') return this.nextPage(tail[0]!, version);
        if (tail.length > 0 || method !== 'GET') throw notFound();
        const q = params.get('q');
        if (q === null) throw SfError.one(400, 'MALFORMED_QUERY', 'A query string has to be specified');
        const outcome = executeSoql(q, { store: this.store, version, now, includeDeleted: head === 'queryAll' });
        return { status: 200, body: this.page(outcome.records, outcome.totalSize, version, batchSize(queryOptions)) };
      }
      case 'search': {
        if (method !== 'GET') throw notFound();
        const q = params.get('q');
        if (!q) throw SfError.one(400, 'MALFORMED_SEARCH', 'No search term found. The search term must be enclosed in braces.');
        return { status: 200, body: { searchRecords: executeSosl(q, this.searchEnv(version, now)) } };
      }
      case 'parameterizedSearch': {
        const spec = method === 'POST' ? (body as ParameterizedSearch) : parameterizedFromQuery(params);
        return { status: 200, body: { searchRecords: executeParameterizedSearch(spec ?? { q: '' }, this.searchEnv(version, now)) } };
      }
      case 'sobjects':
        return this.sobjects(method, version, tail, params, body);
      case 'composite':
        return this.composite(method, version, tail, params, body);
      case 'limits':
        return { status: 200, body: this.limits() };
      case 'actions':
        if (method === 'POST' && tail[0] === 'standard' && tail[1] === 'emailSimple' && tail.length === 2) {
          return this.emailSimple(body);
        }
        throw notFound();
      default:
        throw notFound();
    }
  }

  private searchEnv(version: string, now: number) {
    return { store: this.store, version, now, includeDeleted: false, indexLagMs: this.faults.searchIndexLagMs };
  }

  private resources(version: string) {
    const base = `/services/data/v${version}`;
    return Object.fromEntries(
      ['sobjects', 'query', 'queryAll', 'search', 'parameterizedSearch', 'composite', 'limits', 'actions'].map((r) => [r, `${base}/${r}`]),
    );
  }

  private page(records: SfRecord[], totalSize: number, version: string, batch: number): Record<string, unknown> {
    if (records.length <= batch) return { totalSize, done: true, records };
    const id15 = `01g5g${randomBytes(5).toString('hex').toUpperCase()}`;
    const locator = normaliseId(id15)!;
    this.locators.set(locator, { records, totalSize, version, batch, lastUsed: this.clock() });
    this.expireLocators();
    return { totalSize, done: false, nextRecordsUrl: `/services/data/v${version}/query/${locator}-${batch}`, records: records.slice(0, batch) };
  }

  /** `GET /query/01g…-N`: the page starting at row N of an earlier query (reference §3.2). */
  private nextPage(token: string, version: string): Answer {
    const m = /^(01g[A-Za-z0-9]{15})-(\d+)$/.exec(token);
    const locator = m ? this.locators.get(m[1]!) : undefined;
    if (!m || !locator) throw SfError.one(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    locator.lastUsed = this.clock();
    const offset = Number(m[2]);
    const end = offset + locator.batch;
    const records = locator.records.slice(offset, end);
    if (end >= locator.records.length) {
      this.locators.delete(m[1]!);
      return { status: 200, body: { totalSize: locator.totalSize, done: true, records } };
    }
    return {
      status: 200,
      body: { totalSize: locator.totalSize, done: false, nextRecordsUrl: `/services/data/v${version}/query/${m[1]}-${end}`, records },
    };
  }

  private expireLocators(): void {
    // Locators expire after 15 minutes unused; orgs also cap how many stay open (we keep 50).
    const cutoff = this.clock() - 15 * 60_000;
    for (const [k, l] of this.locators) if (l.lastUsed < cutoff) this.locators.delete(k);
    while (this.locators.size > 50) this.locators.delete(this.locators.keys().next().value!);
  }

  private objectOr404(name: string): ObjectDef {
    const o = this.schema.object(name);
    if (!o) throw notFound();
    return o;
  }

  private sobjects(method: string, version: string, tail: string[], params: URLSearchParams, body: unknown): Answer {
    if (tail.length === 0) {
      if (method !== 'GET') throw notFound();
      return {
        status: 200,
        body: { encoding: 'UTF-8', maxBatchSize: 200, sobjects: this.schema.objects.map((o) => describeGlobalEntry(o, version)) },
      };
    }
    const object = this.objectOr404(tail[0]!);
    if (tail.length === 1) {
      if (method === 'GET') {
        return { status: 200, body: { objectDescribe: describeGlobalEntry(object, version), recentItems: [] } };
      }
      if (method === 'POST') return this.create(object, body, version);
      throw notFound();
    }
    if (tail.length === 2 && tail[1] === 'describe' && method === 'GET') {
      return { status: 200, body: describeObject(object, version) };
    }
    if (tail.length === 2) {
      const id = tail[1]!;
      const full = normaliseId(id);
      if (!full || !full.startsWith(object.keyPrefix)) {
        throw SfError.one(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${id}`);
      }
      switch (method) {
        case 'GET':
          return { status: 200, body: this.retrieve(object, full, params.get('fields'), version) };
        case 'PATCH':
          this.store.update(object.name, full, recordBody(body));
          return { status: 204 };
        case 'DELETE':
          this.store.delete(object.name, full);
          return { status: 204 };
        default:
          throw notFound();
      }
    }
    if (tail.length === 3) return this.byExternalId(method, object, tail[1]!, tail[2]!, params, body, version);
    throw notFound();
  }

  private create(object: ObjectDef, body: unknown, version: string): Answer {
    const values = recordBody(body);
    if ('Id' in values) {
      throw SfError.one(400, 'INVALID_FIELD', 'Cannot specify Id in an insert call', ['Id']);
    }
    const id = this.store.insert(object.name, values);
    return {
      status: 201,
      body: { id, success: true, errors: [] },
      headers: { Location: `/services/data/v${version}/sobjects/${object.name}/${id}` },
    };
  }

  private retrieve(object: ObjectDef, id: string, fields: string | null, version: string): SfRecord {
    const row = this.store.get(id);
    if (!row || !id.startsWith(object.keyPrefix)) throw notFound();
    const wanted = fields ? fields.split(',').map((f) => f.trim()).filter(Boolean) : object.fields.map((f) => f.name);
    const out: SfRecord = { attributes: attributes(object.name, id, version) };
    for (const name of wanted) {
      const f = this.schema.field(object, name);
      if (!f) throw SfError.one(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`);
      out[f.name] = row[f.name] ?? null;
    }
    return out;
  }

  private byExternalId(
    method: string,
    object: ObjectDef,
    fieldName: string,
    value: string,
    params: URLSearchParams,
    body: unknown,
    version: string,
  ): Answer {
    const f = this.schema.field(object, fieldName);
    if (!f || !(f.externalId || f.idLookup)) {
      throw SfError.one(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${fieldName}`);
    }
    const matches = this.store.findBy(object.name, f.name, value);
    if (matches.length > 1) {
      return { status: 300, body: matches.map((r) => `/services/data/v${version}/sobjects/${object.name}/${String(r.Id)}`) };
    }
    const match = matches[0];
    switch (method) {
      case 'GET':
        if (!match) throw notFound();
        return { status: 200, body: this.retrieve(object, String(match.Id), params.get('fields'), version) };
      case 'DELETE':
        if (!match) throw notFound();
        this.store.delete(object.name, String(match.Id));
        return { status: 204 };
      case 'PATCH':
      case 'POST': {
        const values = recordBody(body);
        if (match) {
          this.store.update(object.name, String(match.Id), values);
          // Before v46.0 an update by upsert answers 204 (reference §6.2, unverified).
          if (Number(version) < 46) return { status: 204 };
          return { status: 200, body: { id: match.Id, success: true, errors: [], created: false } };
        }
        if (params.get('updateOnly') === 'true') throw notFound();
        const id = this.store.insert(object.name, { ...values, [f.name]: value });
        return {
          status: 201,
          body: { id, success: true, errors: [], created: true },
          headers: { Location: `/services/data/v${version}/sobjects/${object.name}/${id}` },
        };
      }
      default:
        throw notFound();
    }
  }

  private composite(method: string, version: string, tail: string[], params: URLSearchParams, body: unknown): Answer {
    if (tail.length === 0 && method === 'POST') return this.compositeRequest(version, body);
    if (tail[0] !== 'sobjects') throw notFound();
    const spec = (body ?? {}) as { allOrNone?: boolean; records?: SfRecord[]; ids?: string[]; fields?: string[] };
    if (method === 'POST' && tail.length === 2) {
      // Collections retrieve: POST /composite/sobjects/{Type} { ids, fields }
      const object = this.objectOr404(tail[1]!);
      if (!Array.isArray(spec.ids) || !Array.isArray(spec.fields)) {
        throw SfError.one(400, 'INVALID_FIELD', 'ids and fields are required');
      }
      return {
        status: 200,
        body: spec.ids.map((id) => {
          const full = normaliseId(id);
          return full && this.store.get(full) && full.startsWith(object.keyPrefix)
            ? this.retrieve(object, full, spec.fields!.join(','), version)
            : null;
        }),
      };
    }
    if (method === 'DELETE' && tail.length === 1) {
      const ids = (params.get('ids') ?? '').split(',').filter(Boolean);
      return this.collection(ids.length, params.get('allOrNone') === 'true', (i) => {
        const id = ids[i]!;
        const o = this.schema.objectByPrefix(normaliseId(id) ?? '');
        if (!o) throw SfError.one(400, 'MALFORMED_ID', `malformed id ${id}`, []);
        this.store.delete(o.name, id);
        return { id: normaliseId(id), success: true, errors: [] };
      });
    }
    if (!Array.isArray(spec.records)) throw SfError.one(400, 'JSON_PARSER_ERROR', 'records is required');
    const records = spec.records;
    const allOrNone = spec.allOrNone === true;
    if (method === 'POST' && tail.length === 1) {
      return this.collection(records.length, allOrNone, (i) => {
        const r = records[i]!;
        if ('id' in r || 'Id' in r) throw SfError.one(400, 'INVALID_FIELD', 'cannot specify Id in an insert call', ['Id']);
        const object = this.objectOr404(recordType(r));
        return { id: this.store.insert(object.name, recordBody(r)), success: true, errors: [] };
      });
    }
    if (method === 'PATCH' && tail.length === 1) {
      return this.collection(records.length, allOrNone, (i) => {
        const r = records[i]!;
        const id = String(r.id ?? r.Id ?? '');
        const object = this.objectOr404(recordType(r));
        const { id: _id, ...values } = recordBody(r);
        this.store.update(object.name, id, values);
        return { id: normaliseId(id), success: true, errors: [] };
      });
    }
    if (method === 'PATCH' && tail.length === 3) {
      const object = this.objectOr404(tail[1]!);
      const f = this.schema.field(object, tail[2]!);
      if (!f || !(f.externalId || f.idLookup)) {
        throw SfError.one(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${tail[2]}`);
      }
      return this.collection(records.length, allOrNone, (i) => {
        const values = recordBody(records[i]!);
        const key = values[f.name];
        if (typeof key !== 'string' || key === '') {
          throw SfError.one(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${f.name}]`, [f.name]);
        }
        const matches = this.store.findBy(object.name, f.name, key);
        if (matches.length > 1) throw SfError.one(300, 'DUPLICATE_EXTERNAL_ID', `${f.name}: more than one record found for external id field: ${key}`, [f.name]);
        if (matches[0]) {
          this.store.update(object.name, String(matches[0].Id), values);
          return { id: matches[0].Id, success: true, errors: [], created: false };
        }
        return { id: this.store.insert(object.name, values), success: true, errors: [], created: true };
      });
    }
    throw notFound();
  }

  /**
   * sObject Collections: up to 200 records, one SaveResult each in request order, errors with
   * `statusCode` (reference §6.5). With allOrNone, one failure rolls every record back.
   */
  private collection(count: number, allOrNone: boolean, one: (i: number) => SfRecord): Answer {
    if (count > 200) {
      // The errorCode for more than 200 records is unverified (reference §11).
      throw SfError.one(400, 'EXCEEDED_ID_LIMIT', 'record limit reached. cannot submit more than 200 records into this call');
    }
    const unit = this.store.begin();
    try {
      const results: SfRecord[] = [];
      let failed = false;
      for (let i = 0; i < count; i++) {
        try {
          results.push(one(i));
        } catch (e) {
          if (!(e instanceof SfError)) throw e;
          failed = true;
          results.push({ success: false, errors: e.errors.map((x) => ({ statusCode: x.errorCode, message: x.message, fields: x.fields ?? [] })) });
        }
      }
      if (allOrNone && failed) {
        unit.rollback();
        return {
          status: 200,
          body: results.map((r) =>
            r.success
              ? {
                  success: false,
                  errors: [
                    {
                      statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                      message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
                      fields: [],
                    },
                  ],
                }
              : r,
          ),
        };
      }
      return { status: 200, body: results };
    } finally {
      unit.end();
    }
  }

  /** `/composite`: up to 25 subrequests with `@{ref.field}` references, one API call (reference §6.6). */
  private compositeRequest(version: string, body: unknown): Answer {
    const spec = (body ?? {}) as { allOrNone?: boolean; compositeRequest?: { method: string; url: string; referenceId: string; body?: unknown; httpHeaders?: Record<string, string> }[] };
    const subs = spec.compositeRequest;
    if (!Array.isArray(subs) || subs.length === 0) throw SfError.one(400, 'JSON_PARSER_ERROR', 'compositeRequest is required');
    if (subs.length > 25) throw SfError.one(400, 'INVALID_BATCH_REQUEST', 'Composite request may only have up to 25 subrequests');
    const refs = new Map<string, unknown>();
    const responses: Record<string, unknown>[] = [];
    const unit = this.store.begin();
    let failed = false;
    try {
      for (const sub of subs) {
        if (failed && spec.allOrNone) {
          responses.push({ body: [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }], httpHeaders: {}, httpStatusCode: 400, referenceId: sub.referenceId });
          continue;
        }
        let answer: Answer;
        try {
          if (!['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(sub.method)) {
            throw SfError.one(400, 'INVALID_BATCH_REQUEST', `Invalid HTTP method: ${sub.method}`);
          }
          const url = new URL(resolveRefs(sub.url, refs, true) as string, 'http://composite.invalid');
          const m = /^\/services\/data\/v(\d{2}\.\d)(\/.*)?$/.exec(url.pathname);
          if (!m) throw notFound();
          const resolvedBody = sub.body === undefined ? null : resolveRefs(sub.body, refs, false);
          answer = this.route(sub.method, m[1]!, m[2] ?? '', url.searchParams, resolvedBody);
        } catch (e) {
          if (!(e instanceof SfError)) throw e;
          answer = { status: e.status, body: e.errors };
        }
        if (answer.status >= 400) failed = true;
        else refs.set(sub.referenceId, answer.body);
        responses.push({
          body: answer.body ?? null,
          httpHeaders: answer.headers ?? {},
          httpStatusCode: answer.status,
          referenceId: sub.referenceId,
        });
      }
      if (failed && spec.allOrNone) {
        unit.rollback();
        for (const r of responses) {
          if ((r.httpStatusCode as number) < 400) {
            r.body = [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }];
            r.httpStatusCode = 400;
            r.httpHeaders = {};
          }
        }
      }
    } finally {
      unit.end();
    }
    return { status: 200, body: { compositeResponse: responses } };
  }

  private emailSimple(body: unknown): Answer {
    const inputs = (body as { inputs?: Record<string, unknown>[] } | null)?.inputs;
    if (!Array.isArray(inputs) || inputs.length === 0) {
      throw SfError.one(400, 'JSON_PARSER_ERROR', 'inputs is required');
    }
    const now = this.clock();
    const results = inputs.map((input) => {
      const errors: { statusCode: string; message: string; fields: string[] }[] = [];
      const list = Array.isArray(input.emailAddressesArray)
        ? (input.emailAddressesArray as unknown[]).map(String)
        : typeof input.emailAddresses === 'string'
          ? input.emailAddresses.split(',').map((s) => s.trim()).filter(Boolean)
          : [];
      if (list.length === 0) errors.push({ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Missing required input parameter: emailAddresses', fields: [] });
      for (const a of list) {
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a)) errors.push({ statusCode: 'INVALID_EMAIL_ADDRESS', message: `Email address is invalid: ${a}`, fields: [] });
      }
      if (list.length > 150) errors.push({ statusCode: 'LIMIT_EXCEEDED', message: 'Too many recipients: at most 150', fields: [] });
      if (typeof input.emailSubject !== 'string' || input.emailSubject === '') {
        errors.push({ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Missing required input parameter: emailSubject', fields: [] });
      }
      if (typeof input.emailBody !== 'string' || input.emailBody === '') {
        errors.push({ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Missing required input parameter: emailBody', fields: [] });
      }
      const senderType = typeof input.senderType === 'string' ? input.senderType : 'CurrentUser';
      if (!['CurrentUser', 'DefaultWorkflowUser', 'OrgWideEmailAddress'].includes(senderType)) {
        errors.push({ statusCode: 'INVALID_API_INPUT', message: `Invalid senderType: ${senderType}`, fields: [] });
      }
      const ok = errors.length === 0;
      if (ok) {
        this.emails.push({
          channel: 'EMAIL',
          id: `email-${this.emails.length + 1}`,
          to: list,
          subject: input.emailSubject as string,
          body: input.emailBody as string,
          senderType,
          relatedRecordId: typeof input.relatedRecordId === 'string' ? input.relatedRecordId : null,
          sentAt: new Date(now).toISOString(),
        });
      }
      // The array-per-input shape is from third-party samples (reference §8.1, unverified).
      return { actionName: 'emailSimple', errors: ok ? null : errors, invocationId: null, isSuccess: ok, outcome: null, outputValues: null, sortOrder: -1, version: 1 };
    });
    return { status: results.every((r) => r.isSuccess) ? 200 : 400, body: results };
  }

  private limits(): Record<string, { Max: number; Remaining: number }> {
    const fixed = (max: number) => ({ Max: max, Remaining: max });
    return {
      ConcurrentAsyncGetReportInstances: fixed(200),
      ConcurrentSyncReportRuns: fixed(20),
      DailyApiRequests: { Max: this.dailyApiLimit, Remaining: Math.max(0, this.dailyApiLimit - this.apiRequests) },
      DailyAsyncApexExecutions: fixed(250000),
      DailyBulkApiBatches: fixed(15000),
      DailyBulkV2QueryFileStorageMB: fixed(976562),
      DailyBulkV2QueryJobs: fixed(10000),
      DailyStreamingApiEvents: fixed(10000),
      DataStorageMB: fixed(5),
      FileStorageMB: fixed(20),
      HourlyODataCallout: fixed(10000),
      MassEmail: fixed(10),
      SingleEmail: { Max: 15, Remaining: Math.max(0, 15 - this.emails.length) },
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

function batchSize(options: string | undefined): number {
  // Sforce-Query-Options: batchSize=N, clamped to 200..2000; default 2000 (reference §3.2).
  const m = /batchSize=(\d+)/i.exec(options ?? '');
  return m ? Math.min(2000, Math.max(200, Number(m[1]))) : 2000;
}

function parameterizedFromQuery(params: URLSearchParams): ParameterizedSearch {
  const sobjects = params.getAll('sobject').map((name) => ({
    name,
    fields: params.get(`${name}.fields`)?.split(',').map((s) => s.trim()),
    where: params.get(`${name}.where`) ?? undefined,
    limit: params.has(`${name}.limit`) ? Number(params.get(`${name}.limit`)) : undefined,
  }));
  return {
    q: params.get('q') ?? '',
    in: params.get('in') ?? undefined,
    overallLimit: params.has('overallLimit') ? Number(params.get('overallLimit')) : undefined,
    defaultLimit: params.has('defaultLimit') ? Number(params.get('defaultLimit')) : undefined,
    fields: params.get('fields')?.split(',').map((s) => s.trim()),
    sobjects,
  };
}

function recordType(r: SfRecord): string {
  const a = r.attributes as { type?: unknown } | undefined;
  if (typeof a?.type !== 'string') throw SfError.one(400, 'INVALID_TYPE', 'Must specify a type in attributes', []);
  return a.type;
}

function recordBody(body: unknown): SfRecord {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw SfError.one(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
  }
  const { attributes: _a, ...values } = body as SfRecord;
  return values;
}

/** Replaces `@{ref.path}` with values from earlier subresponses. */
function resolveRefs(value: unknown, refs: Map<string, unknown>, inUrl: boolean): unknown {
  if (typeof value === 'string') {
    return value.replace(/@\{([^}.[\]]+)((?:\.[^}.[\]]+|\[\d+\])*)\}/g, (whole, ref: string, path: string) => {
      if (!refs.has(ref)) throw SfError.one(400, 'INVALID_REFERENCE', `Invalid reference specified. No value for ${ref} found.`);
      let v: unknown = refs.get(ref);
      for (const part of path.match(/\.[^.[\]]+|\[\d+\]/g) ?? []) {
        const key = part.startsWith('.') ? part.slice(1) : Number(part.slice(1, -1));
        v = (v as Record<string | number, unknown> | null)?.[key];
      }
      if (v === undefined) throw SfError.one(400, 'INVALID_REFERENCE', `Invalid reference specified: ${whole}`);
      return inUrl ? encodeURIComponent(String(v)) : String(v);
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, refs, inUrl));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, refs, inUrl)]));
  }
  return value;
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export async function readBody(req: IncomingMessage, limit = 20 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw SfError.one(413, 'REQUEST_TOO_LARGE', 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
