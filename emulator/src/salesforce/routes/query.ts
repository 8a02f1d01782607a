/**
 * `query` and `queryAll` with query locators for the next pages, `search` and
 * `parameterizedSearch` (docs/salesforce-facts.md#soql).
 */
import { randomBytes } from 'node:crypto';
import { SfError, notFound } from '../errors';
import { normaliseId } from '../ids';
import { explainSoql, queryColumns } from '../query-meta';
import { listViewSoql } from './layouts';
import { executeSoql } from '../soql';
import { executeParameterizedSearch, executeSosl, type ParameterizedSearch } from '../sosl';
import type { SfRecord } from '../store';
import type { Answer, Org } from './context';

interface Locator {
  records: SfRecord[];
  totalSize: number;
  version: string;
  batch: number;
  lastUsed: number;
}

export interface QueryRequest {
  method: string;
  version: string;
  tail: string[];
  params: URLSearchParams;
  body: unknown;
  /** The Sforce-Query-Options header. */
  queryOptions?: string;
}

export class QueryResource {
  private readonly locators = new Map<string, Locator>();

  constructor(
    private readonly org: Org,
    /** New and changed records stay out of SOSL results this long (a fault switch). */
    private readonly indexLagMs: () => number,
  ) {}

  reset(): void {
    this.locators.clear();
  }

  /** `GET /query?q=` and `/queryAll?q=`, or `GET /query/01g…-N` for a next page. */
  query(r: QueryRequest, includeDeleted: boolean): Answer {
    if (r.tail.length === 1 && r.method === 'GET') return this.nextPage(r.tail[0]!, r.version);
    if (r.tail.length > 0 || r.method !== 'GET') throw notFound();
    const env = { store: this.org.store, version: r.version, now: this.org.clock(), includeDeleted };
    // A query plan instead of the rows, of a query or of a list view (by its Id); reports are not claimed.
    const explain = r.params.get('explain');
    if (explain !== null) return { status: 200, body: explainSoql(listViewSoql(this.org.schema.objects, explain, r.version) ?? explain, env) };
    const q = r.params.get('q');
    if (q === null) throw SfError.one(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    if (r.params.get('columns') === 'true') return { status: 200, body: queryColumns(q, env) };
    const outcome = executeSoql(q, env);
    return { status: 200, body: this.page(outcome.records, outcome.totalSize, r.version, batchSize(r.queryOptions)) };
  }

  search(r: QueryRequest): Answer {
    if (r.method !== 'GET') throw notFound();
    const q = r.params.get('q');
    if (!q) throw SfError.one(400, 'MALFORMED_SEARCH', 'No search term found. The search term must be enclosed in braces.');
    return { status: 200, body: { searchRecords: executeSosl(q, this.searchEnv(r.version)) } };
  }

  parameterizedSearch(r: QueryRequest): Answer {
    const spec = r.method === 'POST' ? (r.body as ParameterizedSearch) : parameterizedFromQuery(r.params);
    return { status: 200, body: { searchRecords: executeParameterizedSearch(spec ?? { q: '' }, this.searchEnv(r.version)) } };
  }

  private searchEnv(version: string) {
    return { store: this.org.store, version, now: this.org.clock(), includeDeleted: false, indexLagMs: this.indexLagMs() };
  }

  private page(records: SfRecord[], totalSize: number, version: string, batch: number): Record<string, unknown> {
    if (records.length <= batch) return { totalSize, done: true, records };
    const id15 = `01g5g${randomBytes(5).toString('hex').toUpperCase()}`;
    const locator = normaliseId(id15)!;
    this.locators.set(locator, { records, totalSize, version, batch, lastUsed: this.org.clock() });
    this.expireLocators();
    return { totalSize, done: false, nextRecordsUrl: `/services/data/v${version}/query/${locator}-${batch}`, records: records.slice(0, batch) };
  }

  /** `GET /query/01g…-N`: the page starting at row N of an earlier query (docs/salesforce-facts.md#soql). */
  private nextPage(token: string, version: string): Answer {
    const m = /^(01g[A-Za-z0-9]{15})-(\d+)$/.exec(token);
    const locator = m ? this.locators.get(m[1]!) : undefined;
    if (!m || !locator) throw SfError.one(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    locator.lastUsed = this.org.clock();
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
    const cutoff = this.org.clock() - 15 * 60_000;
    for (const [k, l] of this.locators) if (l.lastUsed < cutoff) this.locators.delete(k);
    while (this.locators.size > 50) this.locators.delete(this.locators.keys().next().value!);
  }
}

function batchSize(options: string | undefined): number {
  // Sforce-Query-Options: batchSize=N, clamped to 200..2000; default 2000 (docs/salesforce-facts.md#soql).
  const m = /batchSize=(\d+)/i.exec(options ?? '');
  return m ? Math.min(2000, Math.max(200, Number(m[1]))) : 2000;
}

function parameterizedFromQuery(params: URLSearchParams): ParameterizedSearch {
  const sobjects = params.getAll('sobject').map((name) => ({
    name,
    fields: params
      .get(`${name}.fields`)
      ?.split(',')
      .map((s) => s.trim()),
    where: params.get(`${name}.where`) ?? undefined,
    limit: params.has(`${name}.limit`) ? Number(params.get(`${name}.limit`)) : undefined,
  }));
  return {
    q: params.get('q') ?? '',
    in: params.get('in') ?? undefined,
    overallLimit: params.has('overallLimit') ? Number(params.get('overallLimit')) : undefined,
    defaultLimit: params.has('defaultLimit') ? Number(params.get('defaultLimit')) : undefined,
    fields: params
      .get('fields')
      ?.split(',')
      .map((s) => s.trim()),
    sobjects,
  };
}
