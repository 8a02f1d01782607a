/** What every resource of the REST API works on: the org's schema, its records and its clock. */
import { SfError, notFound } from '../errors';
import type { ObjectDef, OrgSchema } from '../schema';
import type { SfRecord, Store } from '../store';

/** One REST answer, before it is written to the socket (or into a composite response). */
export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Org {
  schema: OrgSchema;
  store: Store;
  clock: () => number;
}

export function objectOr404(org: Org, name: string): ObjectDef {
  const o = org.schema.object(name);
  if (!o) throw notFound();
  return o;
}

/** A record body without its `attributes`; anything but a JSON object is refused. */
export function recordBody(body: unknown): SfRecord {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw SfError.one(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
  }
  const { attributes: _a, ...values } = body as SfRecord;
  return values;
}
