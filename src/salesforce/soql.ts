/**
 * The only code that writes SOQL and SOSL text. Caller text enters statements only through the
 * escapers here, inside literals; field and object names come from code, never from input.
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm
 */
import { MAX_IDS_PER_QUERY } from '../domain/context-shape';
import { normaliseId } from '../domain/ids';

const ESC: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '"': '\\"' };

/** Escapes backslash first, then quotes and control characters, in one pass (so nothing is escaped twice). */
function escape(s: string): string {
  // Other control characters have no SOQL escape; they cannot be part of stored text, so drop them.
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return s.replace(/[\\'"\n\r\t\b\f]/g, (c) => ESC[c]!).replace(/[\u0000-\u001f\u007f]/g, '');
}

/** A quoted SOQL string literal. */
export const literal = (s: string): string => `'${escape(s)}'`;

export class InvalidIdError extends Error {
  constructor(readonly value: string) {
    super('not a Salesforce Id');
    this.name = 'InvalidIdError';
  }
}

/** Checks an Id and returns its 18-character form. */
export function assertId(id: string): string {
  const full = normaliseId(id);
  if (!full) throw new InvalidIdError(id);
  return full;
}

/** `('a', 'b')` from Ids, each checked. */
export const idList = (ids: readonly string[]): string => `(${ids.map((id) => literal(assertId(id))).join(', ')})`;

/** `('a', 'b')` from arbitrary strings, each escaped. */
export const stringList = (values: readonly string[]): string => `(${values.map(literal).join(', ')})`;

/** SOSL reserved characters: ? & | ! { } [ ] ( ) ^ ~ * : \ " ' + - (docs/salesforce-facts.md#sosl-and-phone-numbers). */
const SOSL_RESERVED = /[?&|!{}[\]()^~*:\\"'+-]/g;
const SOSL_OPERATORS = new Set(['and', 'or', 'not']);

/**
 * A SOSL search term from caller text: each word's reserved characters escaped, and the words
 * AND, OR and NOT quoted so that they are searched for rather than read as operators.
 */
export function soslTerm(text: string): string {
  return (
    text
      // Control characters (NUL and the like) have no escape in SOSL and no place in a search: dropped.
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .split(/\s+/)
      .filter((w) => w !== '')
      .map((w) => {
        const escaped = w.replace(SOSL_RESERVED, '\\$&');
        return SOSL_OPERATORS.has(w.toLowerCase()) ? `"${escaped}"` : escaped;
      })
      .join(' ')
  );
}

/** Chunks a list so that each `IN (...)` stays well inside the 16,384-byte URI limit. */
export function chunk<T>(items: readonly T[], size: number = MAX_IDS_PER_QUERY): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Statements. Names (objects, fields, relationships) come from code and configuration and are
// checked against the identifier pattern; values go through the escapers above.

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** A field, object or relationship name; anything else is a bug on our side. */
export function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a SOQL identifier: ${JSON.stringify(name)}`);
  return name;
}

/** A WHERE condition. Only the helpers below make them, so caller text is always a literal. */
export interface Condition {
  readonly soql: string;
}

const condition = (soql: string): Condition => ({ soql });
const count = (n: number): number => {
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a row count: ${n}`);
  return n;
};

export const eq = (field: string, value: string): Condition => condition(`${identifier(field)} = ${literal(value)}`);
export const idIn = (field: string, ids: readonly string[]): Condition => condition(`${identifier(field)} IN ${idList(ids)}`);
export const textIn = (field: string, values: readonly string[]): Condition => condition(`${identifier(field)} IN ${stringList(values)}`);
export const isTrue = (field: string, value: boolean): Condition => condition(`${identifier(field)} = ${value ? 'true' : 'false'}`);
export const notNull = (field: string): Condition => condition(`${identifier(field)} != null`);
/** A composite reference (`@{case.id}`, `@{customer.records[0].AccountId}`): resolved by Salesforce within one `/composite` call. */
const REFERENCE = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*|\[\d+\])*$/;
export function reference(path: string): string {
  if (!REFERENCE.test(path)) throw new Error(`not a composite reference: ${JSON.stringify(path)}`);
  return `@{${path}}`;
}
/** `Field = '@{ref}'`: an earlier subrequest's value, compared inside the same composite call. */
export const eqReference = (field: string, path: string): Condition => condition(`${identifier(field)} = '${reference(path)}'`);
export const ne = (field: string, value: string): Condition => condition(`${identifier(field)} != ${literal(value)}`);
export const anyOf = (conditions: readonly Condition[]): Condition => condition(`(${conditions.map((c) => c.soql).join(' OR ')})`);

/** A SOQL dateTime literal (`2026-09-21T10:00:00Z`): unquoted, to the second, within Salesforce's years 1700–4000. */
export function dateTimeLiteral(value: Date): string {
  const year = value.getUTCFullYear();
  if (Number.isNaN(value.getTime()) || year < 1700 || year > 4000) throw new RangeError('not a dateTime Salesforce accepts');
  return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Rows created at or after `at`. */
export const createdSince = (at: Date): Condition => condition(`CreatedDate >= ${dateTimeLiteral(at)}`);

/** Rows after (createdAt, id) in newest-first order: the keyset paging condition. */
export function olderThan(createdAt: Date, id: string): Condition {
  const at = dateTimeLiteral(createdAt);
  return condition(`(CreatedDate < ${at} OR (CreatedDate = ${at} AND Id < ${literal(assertId(id))}))`);
}

export type Order = readonly [field: string, direction: 'ASC' | 'DESC'];

export interface SelectSpec {
  fields: readonly (string | Subquery)[];
  from: string;
  where?: readonly (Condition | null | undefined)[];
  orderBy?: readonly Order[];
  limit?: number;
  offset?: number;
}

export interface Subquery {
  readonly subquery: string;
}

function clauses(spec: Omit<SelectSpec, 'fields' | 'from'>): string {
  const where = (spec.where ?? []).filter((c): c is Condition => Boolean(c));
  return [
    where.length > 0 ? ` WHERE ${where.map((c) => c.soql).join(' AND ')}` : '',
    spec.orderBy?.length ? ` ORDER BY ${spec.orderBy.map(([f, d]) => `${identifier(f)} ${d}`).join(', ')}` : '',
    spec.limit !== undefined ? ` LIMIT ${count(spec.limit)}` : '',
    spec.offset ? ` OFFSET ${count(spec.offset)}` : '',
  ].join('');
}

function fieldList(fields: SelectSpec['fields']): string {
  return fields.map((f) => (typeof f === 'string' ? identifier(f) : f.subquery)).join(', ');
}

/** `SELECT fields FROM object [WHERE a AND b] [ORDER BY ...] [LIMIT n] [OFFSET n]` */
export function select(spec: SelectSpec): string {
  return `SELECT ${fieldList(spec.fields)} FROM ${identifier(spec.from)}${clauses(spec)}`;
}

/** A parent-to-child subquery over a child relationship, for a SELECT's field list. */
export function subquery(spec: SelectSpec): Subquery {
  return { subquery: `(${select(spec)})` };
}

export interface SearchSpec {
  /** A term from soslTerm() or digitsTerm(). */
  term: SearchTerm;
  in: 'ALL' | 'NAME' | 'EMAIL' | 'PHONE';
  /** One object's clause, or several. */
  returning: Returning | readonly Returning[];
}

type Returning = Omit<SelectSpec, 'where'> & { where?: SelectSpec['where'] };

export interface SearchTerm {
  readonly sosl: string;
}

/** Caller text as a search term (escaped). */
export const searchText = (text: string): SearchTerm => ({ sosl: soslTerm(text) });

/** Alternative digit strings (phone numbers) as one term: `4155550134 OR 14155550134`. */
export function digitsTerm(alternatives: readonly string[]): SearchTerm {
  if (alternatives.length === 0 || !alternatives.every((d) => /^\d+$/.test(d))) throw new Error('digitsTerm takes digit strings');
  return { sosl: [...new Set(alternatives)].join(' OR ') };
}

/** `FIND {term} IN <group> FIELDS RETURNING Object(fields [WHERE] [ORDER BY] [LIMIT] [OFFSET])` */
export function search(spec: SearchSpec): string {
  const list = (Array.isArray(spec.returning) ? spec.returning : [spec.returning]) as readonly Returning[];
  return `FIND {${spec.term.sosl}} IN ${spec.in} FIELDS RETURNING ${list.map((r) => `${identifier(r.from)}(${fieldList(r.fields)}${clauses(r)})`).join(', ')}`;
}
