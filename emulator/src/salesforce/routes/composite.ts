/**
 * `/composite` (up to 25 subrequests with references, one transaction with allOrNone) and sObject
 * Collections under `/composite/sobjects` (docs/salesforce-facts.md#writes-upsert-collections-composite).
 */
import { SfError, notFound } from '../errors';
import { normaliseId } from '../ids';
import type { SfRecord } from '../store';
import { objectOr404, recordBody, type Answer, type Org } from './context';
import { retrieve, type SObjectRequest } from './sobjects';

/** Answers a subrequest as the top-level router would. */
export type SubRouter = (method: string, version: string, rest: string, params: URLSearchParams, body: unknown) => Answer;

export function composite(org: Org, r: SObjectRequest, route: SubRouter): Answer {
  const { method, version, tail, params, body } = r;
  if (tail.length === 0 && method === 'POST') return compositeRequest(org, version, body, route);
  if (tail[0] !== 'sobjects') throw notFound();
  const spec = (body ?? {}) as { allOrNone?: boolean; records?: SfRecord[]; ids?: string[]; fields?: string[] };
  if (method === 'POST' && tail.length === 2) {
    // Collections retrieve: POST /composite/sobjects/{Type} { ids, fields }
    const object = objectOr404(org, tail[1]!);
    if (!Array.isArray(spec.ids) || !Array.isArray(spec.fields)) {
      throw SfError.one(400, 'INVALID_FIELD', 'ids and fields are required');
    }
    return {
      status: 200,
      body: spec.ids.map((id) => {
        const full = normaliseId(id);
        return full && org.store.get(full) && full.startsWith(object.keyPrefix) ? retrieve(org, object, full, spec.fields!.join(','), version) : null;
      }),
    };
  }
  if (method === 'DELETE' && tail.length === 1) {
    const ids = (params.get('ids') ?? '').split(',').filter(Boolean);
    return collection(org, ids.length, params.get('allOrNone') === 'true', (i) => {
      const id = ids[i]!;
      const o = org.schema.objectByPrefix(normaliseId(id) ?? '');
      if (!o) throw SfError.one(400, 'MALFORMED_ID', `malformed id ${id}`, []);
      org.store.delete(o.name, id);
      return { id: normaliseId(id), success: true, errors: [] };
    });
  }
  if (!Array.isArray(spec.records)) throw SfError.one(400, 'JSON_PARSER_ERROR', 'records is required');
  const records = spec.records;
  const allOrNone = spec.allOrNone === true;
  if (method === 'POST' && tail.length === 1) {
    return collection(org, records.length, allOrNone, (i) => {
      const rec = records[i]!;
      if ('id' in rec || 'Id' in rec) throw SfError.one(400, 'INVALID_FIELD', 'cannot specify Id in an insert call', ['Id']);
      const object = objectOr404(org, recordType(rec));
      return { id: org.store.insert(object.name, recordBody(rec)), success: true, errors: [] };
    });
  }
  if (method === 'PATCH' && tail.length === 1) {
    return collection(org, records.length, allOrNone, (i) => {
      const rec = records[i]!;
      const id = String(rec.id ?? rec.Id ?? '');
      const object = objectOr404(org, recordType(rec));
      const { id: _id, ...values } = recordBody(rec);
      org.store.update(object.name, id, values);
      return { id: normaliseId(id), success: true, errors: [] };
    });
  }
  if (method === 'PATCH' && tail.length === 3) {
    const object = objectOr404(org, tail[1]!);
    const f = org.schema.field(object, tail[2]!);
    if (!f || !(f.externalId || f.idLookup)) {
      throw SfError.one(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${tail[2]}`);
    }
    // A failed upsert still says whether it would have created the record (Salesforce answers
    // `created: true` with the errors of a rolled-back new record).
    const wouldCreate = (i: number): SfRecord => {
      const key = recordBody(records[i]!)[f.name];
      return { created: typeof key === 'string' && key !== '' && org.store.findBy(object.name, f.name, key).length === 0 };
    };
    return collection(
      org,
      records.length,
      allOrNone,
      (i) => {
        const values = recordBody(records[i]!);
        const key = values[f.name];
        if (typeof key !== 'string' || key === '') {
          throw SfError.one(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${f.name}]`, [f.name]);
        }
        const matches = org.store.findBy(object.name, f.name, key);
        if (matches.length > 1)
          throw SfError.one(300, 'DUPLICATE_EXTERNAL_ID', `${f.name}: more than one record found for external id field: ${key}`, [f.name]);
        if (matches[0]) {
          org.store.update(object.name, String(matches[0].Id), values);
          return { id: matches[0].Id, success: true, errors: [], created: false };
        }
        return { id: org.store.insert(object.name, values), success: true, errors: [], created: true };
      },
      wouldCreate,
    );
  }
  throw notFound();
}

const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

/**
 * sObject Collections: up to 200 records, one SaveResult each in request order, errors with
 * `statusCode` (docs/salesforce-facts.md#writes-upsert-collections-composite). With allOrNone, one failure rolls every record back.
 */
function collection(org: Org, count: number, allOrNone: boolean, one: (i: number) => SfRecord, failed: (i: number) => SfRecord = () => ({})): Answer {
  if (count > 200) {
    // The errorCode for more than 200 records is unverified (docs/salesforce-facts.md#writes-upsert-collections-composite).
    throw SfError.one(400, 'EXCEEDED_ID_LIMIT', 'record limit reached. cannot submit more than 200 records into this call');
  }
  const unit = org.store.begin();
  try {
    const results: SfRecord[] = [];
    let anyFailed = false;
    for (let i = 0; i < count; i++) {
      try {
        results.push(one(i));
      } catch (e) {
        if (!(e instanceof SfError)) throw e;
        anyFailed = true;
        results.push({ ...failed(i), success: false, errors: e.errors.map((x) => ({ statusCode: x.errorCode, message: x.message, fields: x.fields ?? [] })) });
      }
    }
    if (allOrNone && anyFailed) {
      unit.rollback();
      return {
        status: 200,
        body: results.map((res) => (res.success ? { ...('created' in res ? { created: res.created } : {}), success: false, errors: [ROLLED_BACK] } : res)),
      };
    }
    return { status: 200, body: results };
  } finally {
    unit.end();
  }
}

const HALTED = [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }];

interface SubRequest {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

/** `/composite`: up to 25 subrequests with `@{ref.field}` references, one API call (docs/salesforce-facts.md#writes-upsert-collections-composite). */
function compositeRequest(org: Org, _version: string, body: unknown, route: SubRouter): Answer {
  const spec = (body ?? {}) as { allOrNone?: boolean; compositeRequest?: SubRequest[] };
  const subs = spec.compositeRequest;
  if (!Array.isArray(subs) || subs.length === 0) throw SfError.one(400, 'JSON_PARSER_ERROR', 'compositeRequest is required');
  if (subs.length > 25) throw SfError.one(400, 'INVALID_BATCH_REQUEST', 'Composite request may only have up to 25 subrequests');
  const refs = new Map<string, unknown>();
  const responses: Record<string, unknown>[] = [];
  const unit = org.store.begin();
  let failed = false;
  try {
    for (const sub of subs) {
      if (failed && spec.allOrNone) {
        responses.push({ body: HALTED, httpHeaders: {}, httpStatusCode: 400, referenceId: sub.referenceId });
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
        answer = route(sub.method, m[1]!, m[2] ?? '', url.searchParams, resolvedBody);
      } catch (e) {
        if (!(e instanceof SfError)) throw e;
        answer = { status: e.status, body: e.errors };
      }
      if (answer.status >= 400) failed = true;
      else refs.set(sub.referenceId, answer.body);
      responses.push({ body: answer.body ?? null, httpHeaders: answer.headers ?? {}, httpStatusCode: answer.status, referenceId: sub.referenceId });
    }
    if (failed && spec.allOrNone) {
      unit.rollback();
      for (const res of responses) {
        if ((res.httpStatusCode as number) < 400) Object.assign(res, { body: HALTED, httpStatusCode: 400, httpHeaders: {} });
      }
    }
  } finally {
    unit.end();
  }
  return { status: 200, body: { compositeResponse: responses } };
}

function recordType(r: SfRecord): string {
  const a = r.attributes as { type?: unknown } | undefined;
  if (typeof a?.type !== 'string') throw SfError.one(400, 'INVALID_TYPE', 'Must specify a type in attributes', []);
  return a.type;
}

const REFERENCE = /@\{([^}.[\]]+)((?:\.[^}.[\]]+|\[\d+\])*)\}/g;

/**
 * The value at `@{ref.path}` in earlier subresponses. One Salesforce cannot resolve (no such
 * referenceId, or a query that found no row) halts the subrequest: 400 PROCESSING_HALTED, "Invalid
 * reference specified. No value for target.records[0].Id found in target." (REST API guide,
 * "Composite Subrequest Result"; the rest of Salesforce's message is [unverified]). A reference to
 * a field whose value is null is not documented: this emulator halts it the same way, so that no
 * client leans on it.
 */
function valueOf(ref: string, path: string, refs: Map<string, unknown>): unknown {
  const halt = () => SfError.one(400, 'PROCESSING_HALTED', `Invalid reference specified. No value for ${ref}${path} found in ${ref}.`);
  if (!refs.has(ref)) throw halt();
  let v: unknown = refs.get(ref);
  for (const part of path.match(/\.[^.[\]]+|\[\d+\]/g) ?? []) {
    const key = part.startsWith('.') ? part.slice(1) : Number(part.slice(1, -1));
    v = (v as Record<string | number, unknown> | null)?.[key];
  }
  if (v === undefined || v === null) throw halt();
  return v;
}

/**
 * Replaces `@{ref.path}` with values from earlier subresponses. A body value that is one whole
 * reference takes the referenced value as it is; in URLs and inside longer text it is the value's
 * text.
 */
function resolveRefs(value: unknown, refs: Map<string, unknown>, inUrl: boolean): unknown {
  if (typeof value === 'string') {
    const whole = new RegExp(`^${REFERENCE.source}$`).exec(value);
    if (whole && !inUrl) return valueOf(whole[1]!, whole[2] ?? '', refs);
    return value.replace(REFERENCE, (_match, ref: string, path: string) => {
      const v = valueOf(ref, path, refs);
      return inUrl ? encodeURIComponent(String(v)) : String(v);
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, refs, inUrl));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, refs, inUrl)]));
  }
  return value;
}
