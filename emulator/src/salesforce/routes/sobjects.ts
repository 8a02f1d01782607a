/**
 * sObject resources: describe global, sObject basic info and describe, rows by Id (GET, PATCH,
 * DELETE), create, and rows by external ID (GET, upsert, DELETE) (docs/salesforce-facts.md#writes-upsert-collections-composite).
 */
import { SfError, notFound } from '../errors';
import { normaliseId } from '../ids';
import { describeGlobalEntry, describeObject, type ObjectDef } from '../schema';
import { attributes } from '../soql';
import type { SfRecord } from '../store';
import { objectOr404, recordBody, type Answer, type Org } from './context';
import { deletedIds, updatedIds } from './replication';
import { describeApprovalLayouts, describeCompactLayouts, describeLayouts, describeListView, isListView, listViewResults, listViews } from './layouts';

export interface SObjectRequest {
  method: string;
  version: string;
  tail: string[];
  params: URLSearchParams;
  body: unknown;
}

export function sobjects(org: Org, r: SObjectRequest): Answer {
  const { method, version, tail, params, body } = r;
  if (tail.length === 0) {
    if (method !== 'GET') throw notFound();
    return {
      status: 200,
      body: { encoding: 'UTF-8', maxBatchSize: 200, sobjects: org.schema.objects.map((o) => describeGlobalEntry(o, version)) },
    };
  }
  const object = objectOr404(org, tail[0]!);
  if (tail.length === 1) {
    if (method === 'GET') {
      return { status: 200, body: { objectDescribe: describeGlobalEntry(object, version), recentItems: [] } };
    }
    if (method === 'POST') return create(org, object, body, version);
    throw notFound();
  }
  if (tail.length === 2 && tail[1] === 'describe' && method === 'GET') {
    return { status: 200, body: describeObject(object, version) };
  }
  if (method === 'GET' && tail[1] === 'describe' && tail.length === 3 && tail[2] === 'layouts') return { status: 200, body: describeLayouts(object) };
  if (method === 'GET' && tail[1] === 'describe' && tail.length === 3 && tail[2] === 'compactLayouts')
    return { status: 200, body: describeCompactLayouts(object) };
  if (method === 'GET' && tail[1] === 'describe' && tail.length === 3 && tail[2] === 'approvalLayouts') return { status: 200, body: describeApprovalLayouts() };
  // Named layouts (e.g. User's UserAlt): the object's one layout, under any name.
  if (method === 'GET' && tail[1] === 'describe' && tail.length === 4 && tail[2] === 'namedLayouts') return { status: 200, body: describeLayouts(object) };
  if (method === 'GET' && tail.length === 2 && tail[1] === 'updated') return { status: 200, body: updatedIds(org, object, params) };
  if (method === 'GET' && tail.length === 2 && tail[1] === 'deleted') return { status: 200, body: deletedIds(org, object, params) };
  if (method === 'GET' && tail[1] === 'listviews') {
    if (tail.length === 2) return { status: 200, body: listViews(object, version) };
    if (tail.length === 4 && isListView(object, tail[2]!) && tail[3] === 'describe') return { status: 200, body: describeListView(object, version) };
    if (tail.length === 4 && isListView(object, tail[2]!) && tail[3] === 'results')
      return { status: 200, body: listViewResults(org, object, version, Number(params.get('limit') ?? 25)) };
    throw notFound();
  }
  if (tail.length === 2) {
    const id = tail[1]!;
    const full = normaliseId(id);
    if (!full || !full.startsWith(object.keyPrefix)) {
      throw SfError.one(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${id}`);
    }
    switch (method) {
      case 'GET':
        return { status: 200, body: retrieve(org, object, full, params.get('fields'), version) };
      case 'PATCH':
        org.store.update(object.name, full, recordBody(body));
        return { status: 204 };
      case 'DELETE':
        org.store.delete(object.name, full);
        return { status: 204 };
      default:
        throw notFound();
    }
  }
  if (tail.length === 3) return byExternalId(org, { ...r, tail: [tail[1]!, tail[2]!] }, object);
  throw notFound();
}

function create(org: Org, object: ObjectDef, body: unknown, version: string): Answer {
  const values = recordBody(body);
  if ('Id' in values) {
    throw SfError.one(400, 'INVALID_FIELD', 'Cannot specify Id in an insert call', ['Id']);
  }
  const id = org.store.insert(object.name, values);
  return {
    status: 201,
    body: { id, success: true, errors: [] },
    headers: { Location: `/services/data/v${version}/sobjects/${object.name}/${id}` },
  };
}

/** One row with the fields asked for (all of them by default), as `GET /sobjects/{type}/{id}` answers it. */
export function retrieve(org: Org, object: ObjectDef, id: string, fields: string | null, version: string): SfRecord {
  const row = org.store.get(id);
  if (!row || !id.startsWith(object.keyPrefix)) throw notFound();
  const wanted = fields
    ? fields
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean)
    : object.fields.map((f) => f.name);
  const out: SfRecord = { attributes: attributes(object.name, id, version) };
  for (const name of wanted) {
    const f = org.schema.field(object, name);
    if (!f) throw SfError.one(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`);
    out[f.name] = row[f.name] ?? null;
  }
  return out;
}

/** `/sobjects/{type}/{externalIdField}/{value}`: the tail is [field, value]. */
function byExternalId(org: Org, r: SObjectRequest, object: ObjectDef): Answer {
  const [fieldName, value] = r.tail as [string, string];
  const { method, version, params, body } = r;
  const f = org.schema.field(object, fieldName);
  if (!f || !(f.externalId || f.idLookup)) {
    throw SfError.one(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${fieldName}`);
  }
  const matches = org.store.findBy(object.name, f.name, value);
  if (matches.length > 1) {
    return { status: 300, body: matches.map((m) => `/services/data/v${version}/sobjects/${object.name}/${String(m.Id)}`) };
  }
  const match = matches[0];
  switch (method) {
    case 'GET':
      if (!match) throw notFound();
      return { status: 200, body: retrieve(org, object, String(match.Id), params.get('fields'), version) };
    case 'DELETE':
      if (!match) throw notFound();
      org.store.delete(object.name, String(match.Id));
      return { status: 204 };
    case 'PATCH':
    case 'POST': {
      const values = recordBody(body);
      if (match) {
        org.store.update(object.name, String(match.Id), values);
        // Before v46.0 an update by upsert answers 204 (docs/salesforce-facts.md#writes-upsert-collections-composite, unverified).
        if (Number(version) < 46) return { status: 204 };
        return { status: 200, body: { id: match.Id, success: true, errors: [], created: false } };
      }
      if (params.get('updateOnly') === 'true') throw notFound();
      const id = org.store.insert(object.name, { ...values, [f.name]: value });
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
