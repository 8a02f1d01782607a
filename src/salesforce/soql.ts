/**
 * The only code that writes SOQL and SOSL text. Caller text enters statements only through the
 * escapers here, inside literals; field and object names come from code, never from input.
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm
 */
import { normaliseId } from './ids';

const ESC: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '"': '\\"' };

/** Escapes backslash first, then quotes and control characters, in one pass (so nothing is escaped twice). */
function escape(s: string): string {
  // Other control characters have no SOQL escape; they cannot be part of stored text, so drop them.
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return s.replace(/[\\'"\n\r\t\b\f]/g, (c) => ESC[c]!).replace(/[\u0000-\u001f\u007f]/g, '');
}

/** A quoted SOQL string literal. */
export const literal = (s: string): string => `'${escape(s)}'`;

/** A LIKE pattern that matches `s` anywhere, with `%` and `_` in `s` taken literally. */
export const likeContains = (s: string): string => `'%${escape(s).replace(/[%_]/g, '\\$&')}%'`;

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

/** SOSL reserved characters: ? & | ! { } [ ] ( ) ^ ~ * : \ " ' + - (reference §5.3). */
const SOSL_RESERVED = /[?&|!{}[\]()^~*:\\"'+-]/g;
const SOSL_OPERATORS = new Set(['and', 'or', 'not']);

/**
 * A SOSL search term from caller text: each word's reserved characters escaped, and the words
 * AND, OR and NOT quoted so that they are searched for rather than read as operators.
 */
export function soslTerm(text: string): string {
  return text
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => {
      const escaped = w.replace(SOSL_RESERVED, '\\$&');
      return SOSL_OPERATORS.has(w.toLowerCase()) ? `"${escaped}"` : escaped;
    })
    .join(' ');
}

/** SOSL's FIND clause with the braces: `FIND {term}`. */
export const findClause = (term: string): string => `FIND {${term}}`;

/**
 * Ids per `IN (...)` list. An Id costs about 30 bytes of URL-encoded query string (quotes, comma
 * and space included), so 250 keep a statement under ~9 KB, well inside the 16,384 bytes that
 * Salesforce allows for URI plus headers (reference §2). jsforce always sends queries as GET.
 */
export const MAX_IDS_PER_QUERY = 250;

/** Chunks a list so that each `IN (...)` stays well inside the 16,384-byte URI limit. */
export function chunk<T>(items: readonly T[], size: number = MAX_IDS_PER_QUERY): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
