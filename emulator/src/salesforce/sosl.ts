/**
 * SOSL: `FIND {…} [IN ALL|NAME|EMAIL|PHONE FIELDS] [RETURNING Obj(fields [WHERE …] [ORDER BY …]
 * [LIMIT n])] [LIMIT n]`, and parameterized search. Each RETURNING clause is planned as SOQL.
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_sosl_syntax.htm
 *
 * Approximations (docs/salesforce-facts.md#sosl-and-phone-numbers, unverified): Salesforce does not document how it tokenises
 * phone numbers. Here a phone field matches a numeric search term when the last digits agree
 * (up to 10, at least 7), whatever punctuation either side has and ignoring an extension. Results
 * come in store order, not by relevance.
 */
import { malformedSearch } from './errors';
import type { FieldDef, ObjectDef } from './schema';
import { Planner, parseSoql, runPlan, shapeRow, type QueryEnv } from './soql';
import type { SfRecord } from './store';

export type SearchGroup = 'ALL' | 'NAME' | 'EMAIL' | 'PHONE' | 'SIDEBAR';

type Expr = { kind: 'term'; tokens: string[]; raw: string } | { kind: 'and' | 'or'; items: Expr[] } | { kind: 'andNot'; left: Expr; right: Expr };

export interface SearchEnv extends QueryEnv {
  /** Records written less than this long ago are not yet in the search index. */
  indexLagMs: number;
}

interface Returning {
  object: ObjectDef;
  /** The clause inside the parentheses, e.g. `Id, Name WHERE … LIMIT 5`; empty for just `Id`. */
  clause: string;
}

const RESERVED = new Set(['?', '&', '|', '!', '{', '}', '[', ']', '(', ')', '^', '~', '*', ':', '\\', '"', "'", '+', '-']);
/** Characters that carry meaning unescaped: wildcards, phrase quotes and grouping. */
const OPERATOR_CHARS = new Set(['*', '?', '"', '(', ')']);

/** Splits text into search tokens: on anything that is not a letter or digit, and between letters and digits. */
export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}]+|[\p{N}]+|[*?]/gu) ?? []).reduce<string[]>((acc, t) => {
    // A wildcard belongs to the token before it (`smi*`).
    if ((t === '*' || t === '?') && acc.length > 0) acc[acc.length - 1] += t;
    else acc.push(t);
    return acc;
  }, []);
}

function digitsOf(text: string): string {
  // Drop an extension ("ext. 12", "x12", "#12") before taking the digits.
  return text.split(/\s*(?:ext\.?|x|#)\s*\d+\s*$/i)[0]!.replace(/\D/g, '');
}

function tokenMatches(pattern: string, token: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === token;
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(token);
}

function phraseIn(pattern: string[], tokens: string[]): boolean {
  outer: for (let i = 0; i + pattern.length <= tokens.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (!tokenMatches(pattern[j]!, tokens[i + j]!)) continue outer;
    return true;
  }
  return false;
}

function phoneMatches(termRaw: string, stored: string): boolean {
  if (!/^[\d\s().+-]+$/.test(termRaw.replace(/\\/g, ''))) return false;
  const a = digitsOf(termRaw);
  const b = digitsOf(stored);
  const n = Math.min(a.length, b.length, 10);
  return n >= 7 && a.slice(-n) === b.slice(-n);
}

function fieldsInGroup(object: ObjectDef, group: SearchGroup): FieldDef[] {
  const text = (f: FieldDef) => ['string', 'email', 'phone', 'textarea', 'picklist', 'combobox', 'url'].includes(f.type);
  const name = (f: FieldDef) => f.nameField || f.name === 'FirstName' || f.name === 'LastName';
  switch (group) {
    case 'NAME':
    case 'SIDEBAR':
      return object.fields.filter(name);
    case 'EMAIL':
      return object.fields.filter((f) => f.type === 'email');
    case 'PHONE':
      return object.fields.filter((f) => f.type === 'phone');
    default:
      return object.fields.filter(text);
  }
}

function evaluate(expr: Expr, row: SfRecord, fields: FieldDef[]): boolean {
  switch (expr.kind) {
    case 'and':
      return expr.items.every((e) => evaluate(e, row, fields));
    case 'or':
      return expr.items.some((e) => evaluate(e, row, fields));
    case 'andNot':
      return evaluate(expr.left, row, fields) && !evaluate(expr.right, row, fields);
    case 'term':
      return fields.some((f) => {
        const v = row[f.name];
        if (typeof v !== 'string' || v === '') return false;
        if (f.type === 'phone' && phoneMatches(expr.raw, v)) return true;
        return expr.tokens.length > 0 && phraseIn(expr.tokens, tokenize(v));
      });
  }
}

/** Parses the text between FIND's braces. Unescaped reserved characters are MALFORMED_SEARCH. */
export function parseSearchTerms(text: string, strict = true): Expr {
  type Tok = { t: 'word' | 'phrase'; v: string } | { t: 'op'; v: 'AND' | 'OR' | 'NOT' | '(' | ')' };
  const toks: Tok[] = [];
  let word = '';
  const flush = () => {
    if (word === '') return;
    const upper = word.toUpperCase();
    if (upper === 'AND' || upper === 'OR' || upper === 'NOT') toks.push({ t: 'op', v: upper });
    else toks.push({ t: 'word', v: word });
    word = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === undefined || (!RESERVED.has(next) && strict)) {
        throw malformedSearch(`Invalid escape sequence in search term: \\${next ?? ''}`);
      }
      word += ' ';
      i++;
    } else if (/\s/.test(ch)) flush();
    else if (ch === '"') {
      flush();
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw malformedSearch('Unbalanced quotation marks in search term');
      toks.push({ t: 'phrase', v: text.slice(i + 1, end) });
      i = end;
    } else if (ch === '(' || ch === ')') {
      flush();
      toks.push({ t: 'op', v: ch });
    } else if (RESERVED.has(ch) && !OPERATOR_CHARS.has(ch)) {
      if (strict) {
        throw malformedSearch(`line 1:${i + 1} mismatched character '${ch}'. Reserved characters must be escaped with a backslash in a search term.`);
      }
      word += ' ';
    } else word += ch;
  }
  flush();
  let pos = 0;
  const primary = (): Expr => {
    const tok = toks[pos++];
    if (!tok) throw malformedSearch('search term must not be empty');
    if (tok.t === 'op' && tok.v === '(') {
      const e = orExpr();
      if (toks[pos++]?.v !== ')') throw malformedSearch('Unbalanced parentheses in search term');
      return e;
    }
    if (tok.t === 'op') throw malformedSearch(`unexpected token: '${tok.v}'`);
    return { kind: 'term', tokens: tokenize(tok.v), raw: tok.v };
  };
  const andExpr = (): Expr => {
    let left = primary();
    const items: Expr[] = [left];
    for (;;) {
      const tok = toks[pos];
      if (!tok || (tok.t === 'op' && (tok.v === 'OR' || tok.v === ')'))) break;
      if (tok.t === 'op' && tok.v === 'AND' && toks[pos + 1]?.v === 'NOT') {
        pos += 2;
        left = { kind: 'andNot', left: items.length === 1 ? items[0]! : { kind: 'and', items: [...items] }, right: primary() };
        items.splice(0, items.length, left);
        continue;
      }
      if (tok.t === 'op' && tok.v === 'AND') pos++;
      items.push(primary()); // AND is the default operator between terms
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  };
  const orExpr = (): Expr => {
    const items = [andExpr()];
    while (toks[pos]?.v === 'OR') {
      pos++;
      items.push(andExpr());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  };
  if (toks.length === 0) throw malformedSearch('search term must not be empty');
  const expr = orExpr();
  if (pos !== toks.length) throw malformedSearch(`unexpected token: '${toks[pos]!.v}'`);
  return expr;
}

/** Positions of the characters outside string literals and parentheses. */
function* topLevel(text: string): Generator<number> {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === "'") quoted = false;
    } else if (ch === "'") quoted = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0) yield i;
  }
}

/** Splits on commas outside quotes and parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (const i of topLevel(text)) {
    if (text[i] !== ',') continue;
    parts.push(text.slice(start, i));
    start = i + 1;
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function findTopLevelLimit(text: string): number {
  for (const i of topLevel(text)) if (/^\s+LIMIT\s/i.test(text.slice(i))) return i;
  return -1;
}

function search(env: SearchEnv, expr: Expr, group: SearchGroup, returning: Returning[], overallLimit: number) {
  const out: SfRecord[] = [];
  const indexedBefore = env.now - env.indexLagMs;
  for (const r of returning) {
    // The RETURNING clause is planned as SOQL over the object: fields, WHERE, ORDER BY, LIMIT.
    const [fieldsPart, ...rest] = splitClause(r.clause);
    const soql = `SELECT ${fieldsPart || 'Id'} FROM ${r.object.name} ${rest.join(' ')}`.trim();
    const planner = new Planner(env.store.schema, soql, env);
    const query = planner.plan(parseSoql(soql), r.object);
    const fields = fieldsInGroup(r.object, group);
    const matches = runPlan({ ...query, limit: undefined, offset: 0 }, env).rows.filter(
      (row) => env.store.writtenAt(String(row.Id)) <= indexedBefore && evaluate(expr, row, fields),
    );
    const offset = query.offset;
    const limited = matches.slice(offset, query.limit === undefined ? undefined : offset + query.limit);
    for (const row of limited) {
      if (out.length >= overallLimit) return out;
      out.push(shapeRow(env.store, row, r.object, query.paths, env.version));
    }
  }
  return out;
}

/** `Id, Name WHERE x = 1 LIMIT 5` → [`Id, Name`, `WHERE x = 1 LIMIT 5`]. */
function splitClause(clause: string): string[] {
  const m = /\s(WHERE|ORDER\s+BY|LIMIT|OFFSET)\s/i.exec(` ${clause} `);
  if (!m) return [clause];
  const at = m.index;
  return [clause.slice(0, Math.max(0, at - 1)).trim(), clause.slice(at).trim()];
}

/** Executes a SOSL statement: the body of `GET /search?q=`. */
export function executeSosl(sosl: string, env: SearchEnv): SfRecord[] {
  const m = /^\s*FIND\s*/i.exec(sosl);
  if (!m) throw malformedSearch('unexpected token: FIND expected');
  let i = m[0].length;
  if (sosl[i] !== '{') throw malformedSearch('No search term found. The search term must be enclosed in braces.');
  let end = i + 1;
  for (; end < sosl.length; end++) {
    if (sosl[end] === '\\') end++;
    else if (sosl[end] === '}') break;
  }
  if (end >= sosl.length) throw malformedSearch('No search term found. The search term must be enclosed in braces.');
  const terms = sosl.slice(i + 1, end);
  if (terms.length > 10_000) return []; // "SearchQuery > 10,000 characters → no rows" (docs/salesforce-facts.md#sosl-and-phone-numbers)
  const expr = parseSearchTerms(terms);
  let rest = sosl.slice(end + 1).trim();
  i = 0;
  let group: SearchGroup = 'ALL';
  const inMatch = /^IN\s+(ALL|NAME|EMAIL|PHONE|SIDEBAR)\s+FIELDS\b/i.exec(rest);
  if (inMatch) {
    group = inMatch[1]!.toUpperCase() as SearchGroup;
    rest = rest.slice(inMatch[0].length).trim();
  }
  let returning: Returning[] = env.store.schema.objects.filter((o) => o.searchable).map((o) => ({ object: o, clause: '' }));
  let overallLimit = 2000;
  const retMatch = /^RETURNING\s+/i.exec(rest);
  if (retMatch) {
    rest = rest.slice(retMatch[0].length);
    const limitAt = findTopLevelLimit(rest);
    const list = limitAt < 0 ? rest : rest.slice(0, limitAt);
    rest = limitAt < 0 ? '' : rest.slice(limitAt);
    returning = splitTopLevel(list).map((item) => {
      const open = item.indexOf('(');
      const name = (open < 0 ? item : item.slice(0, open)).trim();
      const object = env.store.schema.object(name);
      if (!object) throw malformedSearch(`sObject type '${name}' is not supported.`);
      if (open >= 0 && !item.endsWith(')')) throw malformedSearch(`unexpected token: '${item}'`);
      return { object, clause: open < 0 ? '' : item.slice(open + 1, -1).trim() };
    });
  }
  const limitMatch = /^LIMIT\s+(\d+)\s*$/i.exec(rest.trim());
  if (limitMatch) overallLimit = Math.min(2000, Number(limitMatch[1]));
  else if (rest.trim() !== '') throw malformedSearch(`unexpected token: '${rest.trim().split(/\s+/)[0]}'`);
  return search(env, expr, group, returning, overallLimit);
}

export interface ParameterizedSearch {
  q: string;
  in?: string;
  overallLimit?: number;
  defaultLimit?: number;
  fields?: string[];
  sobjects?: { name: string; fields?: string[]; where?: string; limit?: number }[];
}

/** `parameterizedSearch`: a plain search string, no SOSL syntax to escape (v36+). */
export function executeParameterizedSearch(p: ParameterizedSearch, env: SearchEnv): SfRecord[] {
  if (typeof p.q !== 'string' || p.q.trim() === '') throw malformedSearch('Search term is required: q');
  const expr = parseSearchTerms(p.q, false);
  const group = (p.in ?? 'ALL').toUpperCase() as SearchGroup;
  if (!['ALL', 'NAME', 'EMAIL', 'PHONE', 'SIDEBAR'].includes(group)) throw malformedSearch(`Invalid value for in: ${p.in}`);
  const objects = p.sobjects?.length ? p.sobjects : env.store.schema.objects.filter((o) => o.searchable).map((o) => ({ name: o.name }));
  const returning = objects.map((s) => {
    const object = env.store.schema.object(s.name);
    if (!object) throw malformedSearch(`sObject type '${s.name}' is not supported.`);
    const sObj = s as { fields?: string[]; where?: string; limit?: number };
    const fields = (sObj.fields ?? p.fields ?? ['Id']).join(', ');
    const limit = sObj.limit ?? p.defaultLimit;
    const clause = `${fields}${sObj.where ? ` WHERE ${sObj.where}` : ''}${limit !== undefined ? ` LIMIT ${Number(limit)}` : ''}`;
    return { object, clause };
  });
  return search(env, expr, group, returning, Math.min(2000, p.overallLimit ?? 2000));
}
