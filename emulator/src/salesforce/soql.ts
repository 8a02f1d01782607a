/**
 * SOQL evaluated over the store. Parsing is @jetstreamapp/soql-parser-js; this file checks the
 * parsed query against the org schema the way Salesforce does (unknown fields, types, operators),
 * then filters, sorts, pages and shapes rows like the REST query resource.
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/
 */
import {
  parseQuery,
  type Condition,
  type FieldType as ParsedField,
  type OrderByClause,
  type Query,
  type Subquery,
  type WhereClause,
} from '@jetstreamapp/soql-parser-js';
import { SfError, invalidType, malformedQuery } from './errors';
import { normaliseId } from './ids';
import type { FieldDef, ObjectDef, OrgSchema } from './schema';
import { parseSfDateTime, type SfRecord, type Store } from './store';

export interface QueryEnv {
  store: Store;
  version: string;
  now: number;
  includeDeleted: boolean;
}

/** A resolved field path: the references followed and the field read at the end. */
export interface FieldPath {
  /** Canonical relationship names, then the canonical field name. */
  names: string[];
  hops: FieldDef[];
  field: FieldDef;
}

type Predicate = (row: SfRecord) => boolean;

interface OrderKey {
  path: FieldPath;
  desc: boolean;
  nullsFirst: boolean;
}

export interface Aggregate {
  fn: string;
  path: FieldPath | null;
  key: string;
}

interface ChildSelect {
  relationshipName: string;
  parentField: string;
  plan: Plan;
}

export interface Plan {
  object: ObjectDef;
  paths: FieldPath[];
  children: ChildSelect[];
  where: Predicate | null;
  order: OrderKey[];
  limit: number | undefined;
  offset: number;
  countOnly: boolean;
  aggregates: Aggregate[];
  groupBy: FieldPath[] | null;
}

export interface QueryOutcome {
  totalSize: number;
  records: SfRecord[];
}

const STRING_FIELD_TYPES = new Set(['string', 'textarea', 'phone', 'email', 'url', 'picklist', 'multipicklist', 'combobox']);
const ID_TYPES = new Set(['id', 'reference']);

/** Salesforce reports query errors with the query line, a caret and the position. */
function located(soql: string, needle: string, message: string, code = 'INVALID_FIELD'): SfError {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = Math.max(0, soql.search(new RegExp(`(?<![\\w.])${escaped}(?![\\w])`, 'i')));
  return SfError.one(400, code, `\n${soql}\n${' '.repeat(at)}^\nERROR at Row:1:Column:${at + 1}\n${message}`);
}

function noSuchColumn(soql: string, object: ObjectDef, name: string): SfError {
  return located(
    soql,
    name,
    `No such column '${name.split('.').pop()}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

export function parseSoql(soql: string): Query {
  if (soql.trim() === '') throw malformedQuery('A query string has to be specified');
  try {
    return parseQuery(soql);
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    const found = /found --> '?(.*?)'? <--/.exec(text) ?? /->(.)<-/.exec(text);
    throw malformedQuery(found ? `unexpected token: '${found[1]}'` : 'unexpected token');
  }
}

export class Planner {
  constructor(
    private readonly schema: OrgSchema,
    private readonly soql: string,
    private readonly env: QueryEnv,
  ) {}

  resolvePath(object: ObjectDef, dotted: string): FieldPath {
    const parts = dotted.split('.');
    // A leading object name or alias is allowed: SELECT Contact.Name FROM Contact.
    if (parts.length > 1 && parts[0]!.toLowerCase() === object.name.toLowerCase()) parts.shift();
    let current: ObjectDef[] = [object];
    const names: string[] = [];
    const hops: FieldDef[] = [];
    for (let i = 0; i < parts.length - 1; i++) {
      const rel = current.map((o) => this.schema.relationship(o, parts[i]!)).find(Boolean);
      if (!rel) throw noSuchColumn(this.soql, current[0]!, dotted);
      names.push(rel.relationshipName!);
      hops.push(rel);
      current = rel.referenceTo.map((t) => this.schema.object(t)).filter((o): o is ObjectDef => o !== undefined);
    }
    const last = parts[parts.length - 1]!;
    // A polymorphic relationship (Who, What) exposes the fields its targets have.
    const field = current.map((o) => this.schema.field(o, last)).find(Boolean);
    if (!field) throw noSuchColumn(this.soql, current[0]!, dotted);
    names.push(field.name);
    return { names, hops, field };
  }

  /**
   * @param isChild a subquery (parent-to-child or semi-join)
   * @param depth how many parent-to-child levels lie above this one (the root is 0)
   */
  plan(query: Query | Subquery, object: ObjectDef, isChild = false, depth = 0): Plan {
    const plan: Plan = {
      object,
      paths: [],
      children: [],
      where: null,
      order: [],
      limit: query.limit,
      offset: query.offset ?? 0,
      countOnly: false,
      aggregates: [],
      groupBy: null,
    };
    const seen = new Set<string>();
    for (const f of query.fields ?? []) this.planField(f, object, plan, seen, isChild, depth);
    if (plan.paths.length === 0 && plan.children.length === 0 && plan.aggregates.length === 0 && !plan.countOnly) {
      throw malformedQuery('unexpected token: FROM');
    }
    if (query.groupBy) {
      const groups = Array.isArray(query.groupBy) ? query.groupBy : [query.groupBy];
      plan.groupBy = groups.map((g) => {
        if (!('field' in g)) throw malformedQuery('GROUP BY supports field names only here');
        return this.resolvePath(object, g.field);
      });
    }
    if (plan.aggregates.length > 0 && plan.paths.length > 0) {
      const grouped = new Set((plan.groupBy ?? []).map((p) => p.names.join('.').toLowerCase()));
      for (const p of plan.paths) {
        if (!grouped.has(p.names.join('.').toLowerCase())) {
          throw located(this.soql, p.names.join('.'), `Field must be grouped or aggregated: ${p.field.name}`, 'MALFORMED_QUERY');
        }
      }
    }
    if (query.where) plan.where = this.compileWhere(query.where, object);
    if (query.orderBy) {
      const clauses: OrderByClause[] = Array.isArray(query.orderBy) ? query.orderBy : [query.orderBy];
      plan.order = clauses.map((c) => {
        if (!('field' in c)) throw malformedQuery('ORDER BY supports field names only here');
        const path = this.resolvePath(object, c.field);
        if (!path.field.sortable) {
          throw located(this.soql, c.field, `field '${path.field.name}' can not be sorted in a query call`);
        }
        const desc = c.order === 'DESC';
        // Default: NULLS FIRST ascending, NULLS LAST descending (SOQL ORDER BY docs).
        return { path, desc, nullsFirst: c.nulls ? c.nulls === 'FIRST' : !desc };
      });
    }
    if (plan.offset > 2000) {
      throw SfError.one(400, 'NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is 2000`);
    }
    if (isChild && query.offset !== undefined) {
      // Salesforce allows OFFSET in a subquery only in narrow cases; we refuse it as orgs mostly do.
      throw malformedQuery('OFFSET is not allowed in a subquery here');
    }
    return plan;
  }

  private planField(f: ParsedField, object: ObjectDef, plan: Plan, seen: Set<string>, isChild: boolean, depth: number): void {
    switch (f.type) {
      case 'Field':
      case 'FieldRelationship': {
        const raw = f.type === 'Field' ? f.field : (f.rawValue ?? [...f.relationships, f.field].join('.'));
        const path = this.resolvePath(object, raw);
        const key = path.names.join('.').toLowerCase();
        if (seen.has(key)) throw malformedQuery(`duplicate field selected: ${path.names.join('.')}`);
        seen.add(key);
        plan.paths.push(path);
        return;
      }
      case 'FieldFunctionExpression': {
        const fn = f.functionName.toUpperCase();
        if (fn === 'COUNT' && f.parameters.length === 0) {
          plan.countOnly = true;
          return;
        }
        if (!['COUNT', 'COUNT_DISTINCT', 'MIN', 'MAX', 'SUM', 'AVG'].includes(fn)) {
          throw malformedQuery(`unsupported function: ${f.functionName}`);
        }
        const param = f.parameters[0];
        if (typeof param !== 'string') throw malformedQuery(`unexpected token: ${f.rawValue ?? fn}`);
        const key = f.alias ?? `expr${plan.aggregates.length}`;
        plan.aggregates.push({ fn, path: this.resolvePath(object, param), key });
        return;
      }
      case 'FieldSubquery': {
        // API 58.0 and later nest parent-to-child subqueries up to five levels, the root counting
        // as the first; earlier versions allow one level (docs/salesforce-facts.md#soql). The error text for too
        // many levels is unverified.
        if (isChild && Number(this.env.version) < 58) throw malformedQuery('Nesting of semi join sub-selects is not supported');
        if (depth >= 4) throw malformedQuery('A query can nest parent-to-child relationships at most 5 levels deep');
        const rel = this.schema.child(object, f.subquery.relationshipName);
        if (!rel) {
          throw located(
            this.soql,
            f.subquery.relationshipName,
            `Didn't understand relationship '${f.subquery.relationshipName}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
          );
        }
        const childObject = this.schema.object(rel.childSObject)!;
        plan.children.push({
          relationshipName: rel.relationshipName,
          parentField: rel.field,
          plan: this.plan(f.subquery, childObject, true, depth + 1),
        });
        return;
      }
      default:
        throw malformedQuery('TYPEOF is not supported by the local emulator');
    }
  }

  compileWhere(where: WhereClause, object: ObjectDef): Predicate {
    const tokens = flattenWhere(where);
    let pos = 0;
    const peek = () => tokens[pos];
    const parseUnary = (): Predicate => {
      const t = tokens[pos++];
      if (t === undefined) throw malformedQuery('unexpected end of WHERE clause');
      if (t === 'NOT') {
        const inner = parseUnary();
        return (r) => !inner(r);
      }
      if (t === '(') {
        const inner = parseExpr();
        if (tokens[pos++] !== ')') throw malformedQuery('unbalanced parentheses in WHERE clause');
        return inner;
      }
      if (typeof t === 'string') throw malformedQuery(`unexpected token: '${t}'`);
      return this.compileCondition(t, object);
    };
    const parseExpr = (): Predicate => {
      let node = parseUnary();
      let op: string | null = null;
      for (let t = peek(); t === 'AND' || t === 'OR'; t = peek()) {
        pos++;
        if (op !== null && op !== t) {
          // "Parentheses are required whenever you mix the operators" (SOQL logical operators);
          // the exact wording of the real message is unverified (docs/salesforce-facts.md#soql).
          throw malformedQuery(`unexpected token: '${t}'`);
        }
        op = t;
        const left = node;
        const right = parseUnary();
        node = t === 'AND' ? (r) => left(r) && right(r) : (r) => left(r) || right(r);
      }
      return node;
    };
    const predicate = parseExpr();
    if (pos !== tokens.length) throw malformedQuery(`unexpected token: '${String(tokens[pos])}'`);
    return predicate;
  }

  private compileCondition(c: Condition & { valueQuery?: Query }, object: ObjectDef): Predicate {
    if (!('field' in c)) throw malformedQuery('functions in WHERE are not supported by the local emulator');
    const path = this.resolvePath(object, c.field);
    const f = path.field;
    if (!f.filterable) throw located(this.soql, c.field, `field '${f.name}' can not be filtered in a query call`);
    const get = (row: SfRecord) => readPath(this.env.store, row, path);
    const op = c.operator.toUpperCase();

    if (c.valueQuery) {
      if (op !== 'IN' && op !== 'NOT IN') throw malformedQuery('semi join sub-selects need IN or NOT IN');
      const sub = c.valueQuery;
      const subObject = this.schema.object(sub.sObject ?? '');
      if (!subObject) throw invalidType(sub.sObject ?? '');
      const subPlan = this.plan(sub, subObject, true);
      if (subPlan.paths.length !== 1) throw malformedQuery('a semi join selects exactly one field');
      let values: Set<string> | null = null;
      const load = () =>
        (values ??= new Set(
          runPlan(subPlan, this.env)
            .rows.map((r) => readPath(this.env.store, r, subPlan.paths[0]!))
            .filter((v): v is string => typeof v === 'string'),
        ));
      return op === 'IN' ? (r) => load().has(String(get(r))) : (r) => !load().has(String(get(r)));
    }

    const types = Array.isArray(c.literalType) ? c.literalType : [c.literalType ?? 'STRING'];
    const raws = Array.isArray(c.value) ? c.value : [c.value];
    const nVars = 'dateLiteralVariable' in c ? c.dateLiteralVariable : undefined;
    const literals = raws.map((raw, i) =>
      this.literal(f, c.field, types[i] ?? types[0]!, raw, op === 'LIKE', Array.isArray(nVars) ? nVars[i] : (nVars as number | undefined)),
    );

    const isList = op === 'IN' || op === 'NOT IN' || op === 'INCLUDES' || op === 'EXCLUDES';
    if (isList !== Array.isArray(c.value)) throw malformedQuery(`unexpected token: '${String(c.value)}'`);

    switch (op) {
      case 'LIKE': {
        if (!STRING_FIELD_TYPES.has(f.type) && !ID_TYPES.has(f.type)) {
          throw located(this.soql, c.field, `invalid operator on ${f.type} field`, 'INVALID_QUERY_FILTER_OPERATOR');
        }
        const re = literals[0]!.like!;
        return (r) => {
          const v = get(r);
          return typeof v === 'string' && re.test(v);
        };
      }
      case 'INCLUDES':
      case 'EXCLUDES': {
        if (f.type !== 'multipicklist') {
          throw located(this.soql, c.field, 'includes or excludes operator only valid on multipicklist field', 'INVALID_QUERY_FILTER_OPERATOR');
        }
        const groups = literals.map((l) =>
          String(l.value ?? '')
            .toLowerCase()
            .split(';')
            .map((s) => s.trim()),
        );
        const includes = (r: SfRecord) => {
          const v = get(r);
          const have = new Set(typeof v === 'string' ? v.toLowerCase().split(';') : []);
          return groups.some((g) => g.every((x) => have.has(x)));
        };
        return op === 'INCLUDES' ? includes : (r) => !includes(r);
      }
      case 'IN':
        return (r) => literals.some((l) => compare(f, get(r), l) === 0);
      case 'NOT IN':
        return (r) => !literals.some((l) => compare(f, get(r), l) === 0);
      default: {
        const l = literals[0]!;
        if (op !== '=' && op !== '!=' && f.type === 'boolean') {
          throw located(this.soql, c.field, `invalid operator on boolean field`, 'INVALID_QUERY_FILTER_OPERATOR');
        }
        const test: Record<string, (n: number | null) => boolean> = {
          '=': (n) => n === 0,
          '!=': (n) => n !== 0,
          '<': (n) => n !== null && n < 0,
          '<=': (n) => n !== null && n <= 0,
          '>': (n) => n !== null && n > 0,
          '>=': (n) => n !== null && n >= 0,
        };
        const check = test[op];
        if (!check) throw malformedQuery(`unexpected token: '${c.operator}'`);
        return (r) => check(compare(f, get(r), l));
      }
    }
  }

  /** Turns one raw literal into a comparable value, checking it against the field's type. */
  private literal(f: FieldDef, fieldText: string, type: string, raw: string, like: boolean, n?: number): Literal {
    const typeError = (expected: string, quoted: boolean) =>
      // errorCode for a mistyped filter value is unverified (docs/salesforce-facts.md#soql); INVALID_FIELD is what orgs report for the caret form.
      located(
        this.soql,
        fieldText,
        `value of filter criterion for field '${f.name}' must be of type ${expected} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
      );
    if (type === 'NULL') return { value: null };
    const stringish = STRING_FIELD_TYPES.has(f.type) || ID_TYPES.has(f.type);
    if (stringish) {
      if (type !== 'STRING') throw typeError(ID_TYPES.has(f.type) ? 'id' : 'string', true);
      const text = unquote(raw, like);
      if (ID_TYPES.has(f.type) && !like) {
        const id = normaliseId(text);
        if (!id) throw located(this.soql, fieldText, `invalid ID field: ${text}`, 'INVALID_QUERY_FILTER_OPERATOR');
        return { value: id };
      }
      return like ? { value: text, like: likeRegex(raw) } : { value: text.toLowerCase() };
    }
    if (f.type === 'boolean') {
      if (type !== 'BOOLEAN') throw typeError('boolean', false);
      return { value: raw.toUpperCase() === 'TRUE' };
    }
    if (f.type === 'int' || f.type === 'double') {
      if (type !== 'INTEGER' && type !== 'DECIMAL') throw typeError('number', false);
      return { value: Number(raw) };
    }
    if (f.type === 'date' || f.type === 'datetime') {
      if (type === 'DATE_LITERAL' || type === 'DATE_N_LITERAL') {
        return { range: dateLiteralRange(raw, n, this.env.now) ?? throwUnsupported(raw) };
      }
      if (f.type === 'date') {
        if (type !== 'DATE') throw typeError('date', false);
        return { value: Date.parse(`${raw}T00:00:00Z`) };
      }
      if (type !== 'DATETIME') throw typeError('dateTime', false);
      const t = parseSfDateTime(raw);
      if (t === null) throw malformedQuery(`line 1:${raw} no viable alternative at character`);
      return { value: t };
    }
    return { value: raw };
  }
}

function throwUnsupported(raw: string): never {
  throw malformedQuery(`unexpected token: '${raw}'`);
}

interface Literal {
  /** Comparable form: lower-cased text, 18-character Id, number, boolean, or epoch ms for dates. */
  value?: unknown;
  like?: RegExp;
  /** A date literal: [start, end) in ms. */
  range?: [number, number];
}

/** Flattens the parser's right-nested clause list into tokens, restoring the parentheses. */
function flattenWhere(where: WhereClause): (string | Condition)[] {
  const out: (string | Condition)[] = [];
  let node: WhereClause | undefined = where;
  while (node) {
    const left = node.left as (Condition & { openParen?: number; closeParen?: number }) | null;
    const isCondition = left !== null && ('field' in left || 'fn' in left || 'valueQuery' in left);
    for (let i = 0; i < (left?.openParen ?? 0); i++) out.push('(');
    if (!isCondition) {
      out.push('NOT');
    } else {
      out.push(left);
      for (let i = 0; i < (left.closeParen ?? 0); i++) out.push(')');
      if ('operator' in node && node.operator) out.push(node.operator);
    }
    node = 'right' in node ? node.right : undefined;
  }
  return out;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };

/** Unquotes a SOQL string literal; invalid escapes are an error, as on the platform (docs/salesforce-facts.md#soql). */
function unquote(raw: string, like: boolean): string {
  if (!raw.startsWith("'") || !raw.endsWith("'") || raw.length < 2) throw malformedQuery(`unexpected token: ${raw}`);
  const body = raw.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i];
    if (next === undefined) throw malformedQuery('Invalid string literal: trailing backslash');
    const lower = next.toLowerCase();
    if (lower in ESCAPES) out += ESCAPES[lower];
    else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (like && (next === '%' || next === '_')) out += next;
    else throw malformedQuery(`Invalid string literal '${raw}'. Illegal character sequence '\\${next}' in string literal.`);
  }
  return out;
}

function likeRegex(raw: string): RegExp {
  const body = raw.slice(1, -1);
  let re = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\') {
      const next = body[++i] ?? '';
      const lower = next.toLowerCase();
      const literal = next === '%' || next === '_' ? next : lower in ESCAPES ? ESCAPES[lower]! : next;
      re += literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (ch === '%') re += '[\\s\\S]*';
    else if (ch === '_') re += '[\\s\\S]';
    else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

const DAY = 86_400_000;

function startOfDay(t: number): number {
  return Math.floor(t / DAY) * DAY;
}

/** Date literals as UTC ranges [start, end). The org's time zone is taken to be UTC. */
export function dateLiteralRange(raw: string, n: number | undefined, now: number): [number, number] | null {
  const today = startOfDay(now);
  const d = new Date(today);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const weekStart = today - d.getUTCDay() * DAY; // weeks start on Sunday (en_US locale)
  const month = (k: number) => Date.UTC(y, m + k, 1);
  const quarter = (k: number) => Date.UTC(y, Math.floor(m / 3) * 3 + 3 * k, 1);
  const year = (k: number) => Date.UTC(y + k, 0, 1);
  const name = raw.split(':')[0]!.toUpperCase();
  const k = n ?? Number(raw.split(':')[1] ?? 0);
  const fixed: Record<string, [number, number]> = {
    TODAY: [today, today + DAY],
    YESTERDAY: [today - DAY, today],
    TOMORROW: [today + DAY, today + 2 * DAY],
    LAST_WEEK: [weekStart - 7 * DAY, weekStart],
    THIS_WEEK: [weekStart, weekStart + 7 * DAY],
    NEXT_WEEK: [weekStart + 7 * DAY, weekStart + 14 * DAY],
    LAST_MONTH: [month(-1), month(0)],
    THIS_MONTH: [month(0), month(1)],
    NEXT_MONTH: [month(1), month(2)],
    LAST_90_DAYS: [today - 90 * DAY, today + DAY],
    NEXT_90_DAYS: [today + DAY, today + 91 * DAY],
    LAST_QUARTER: [quarter(-1), quarter(0)],
    THIS_QUARTER: [quarter(0), quarter(1)],
    NEXT_QUARTER: [quarter(1), quarter(2)],
    LAST_YEAR: [year(-1), year(0)],
    THIS_YEAR: [year(0), year(1)],
    NEXT_YEAR: [year(1), year(2)],
    LAST_N_DAYS: [today - k * DAY, today + DAY],
    NEXT_N_DAYS: [today + DAY, today + (k + 1) * DAY],
    N_DAYS_AGO: [today - k * DAY, today - (k - 1) * DAY],
    LAST_N_WEEKS: [weekStart - 7 * k * DAY, weekStart],
    NEXT_N_WEEKS: [weekStart + 7 * DAY, weekStart + 7 * (k + 1) * DAY],
    N_WEEKS_AGO: [weekStart - 7 * k * DAY, weekStart - 7 * (k - 1) * DAY],
    LAST_N_MONTHS: [month(-k), month(0)],
    NEXT_N_MONTHS: [month(1), month(k + 1)],
    N_MONTHS_AGO: [month(-k), month(-k + 1)],
    LAST_N_YEARS: [year(-k), year(0)],
    NEXT_N_YEARS: [year(1), year(k + 1)],
    N_YEARS_AGO: [year(-k), year(-k + 1)],
  };
  return fixed[name] ?? null;
}

type Comparable = string | number | boolean | null;

function comparable(f: FieldDef, v: unknown): Comparable {
  if (v === null || v === undefined) return null;
  if (f.type === 'datetime') return parseSfDateTime(String(v));
  if (f.type === 'date') return Date.parse(`${String(v)}T00:00:00Z`);
  if (typeof v === 'string' && !ID_TYPES.has(f.type)) return v.toLowerCase();
  return v as Comparable;
}

/** -1/0/1 for stored value vs literal; null when they cannot be ordered (a null on one side). */
function compare(f: FieldDef, stored: unknown, l: Literal): number | null {
  const a = comparable(f, stored);
  if (l.range) {
    if (a === null) return null;
    const t = a as number;
    return t < l.range[0] ? -1 : t >= l.range[1] ? 1 : 0;
  }
  // Literals are already in comparable form (see Planner.literal).
  const b = (l.value ?? null) as Comparable;
  if (a === null || b === null) return a === b ? 0 : null;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function readPath(store: Store, row: SfRecord, path: FieldPath): unknown {
  let current: SfRecord | undefined = row;
  for (const hop of path.hops) {
    const ref: unknown = current?.[hop.name];
    current = typeof ref === 'string' ? store.get(ref) : undefined;
    if (!current) return null;
  }
  return current[path.field.name] ?? null;
}

function sortRows(rows: SfRecord[], order: OrderKey[], store: Store): void {
  if (order.length === 0) return;
  // Each row's keys are read once, not at every comparison (a datetime is parsed to compare it).
  const keys = new Map(rows.map((row) => [row, order.map((k) => comparable(k.path.field, readPath(store, row, k.path)))]));
  rows.sort((x, y) => {
    const kx = keys.get(x)!;
    const ky = keys.get(y)!;
    for (const [i, k] of order.entries()) {
      const a = kx[i] ?? null;
      const b = ky[i] ?? null;
      if (a === b) continue;
      if (a === null) return k.nullsFirst ? -1 : 1;
      if (b === null) return k.nullsFirst ? 1 : -1;
      const c = a < b ? -1 : 1;
      return k.desc ? -c : c;
    }
    return 0;
  });
}

export function attributes(type: string, id: unknown, version: string): Record<string, string> {
  return { type, url: `/services/data/v${version}/sobjects/${type}/${String(id)}` };
}

/** The record as the REST API returns it: attributes, then the selected fields, nested by relationship. */
export function shapeRow(store: Store, row: SfRecord, object: ObjectDef, paths: FieldPath[], version: string): SfRecord {
  const out: SfRecord = { attributes: attributes(object.name, row.Id, version) };
  for (const path of paths) {
    let target: SfRecord = out;
    let source: SfRecord | undefined = row;
    let broken = false;
    for (let i = 0; i < path.hops.length; i++) {
      const hop = path.hops[i]!;
      const relName = path.names[i]!;
      const ref: unknown = source?.[hop.name];
      source = typeof ref === 'string' ? store.get(ref) : undefined;
      if (!source) {
        // An empty lookup is `null` (docs/salesforce-facts.md#soql, unverified but widely relied on).
        if (!(relName in target)) target[relName] = null;
        broken = true;
        break;
      }
      let nested = target[relName] as SfRecord | null | undefined;
      if (!nested) {
        const type = store.schema.objectByPrefix(String(source.Id))!.name;
        nested = { attributes: attributes(type, source.Id, version) };
        target[relName] = nested;
      }
      target = nested;
    }
    if (!broken) target[path.field.name] = source?.[path.field.name] ?? null;
  }
  return out;
}

export function runPlan(plan: Plan, env: QueryEnv): { rows: SfRecord[]; total: number } {
  const rows: SfRecord[] = [];
  for (const r of env.store.rows(plan.object.name, env.includeDeleted)) if (!plan.where || plan.where(r)) rows.push(r);
  sortRows(rows, plan.order, env.store);
  const sliced = rows.slice(plan.offset, plan.limit === undefined ? undefined : plan.offset + plan.limit);
  return { rows: sliced, total: sliced.length };
}

function aggregateRows(plan: Plan, rows: SfRecord[], env: QueryEnv): SfRecord[] {
  const groups = new Map<string, SfRecord[]>();
  for (const r of rows) {
    const key = JSON.stringify((plan.groupBy ?? []).map((g) => readPath(env.store, r, g)));
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  if (groups.size === 0 && !plan.groupBy) groups.set('[]', []);
  const out: SfRecord[] = [];
  for (const members of groups.values()) {
    const row: SfRecord = { attributes: { type: 'AggregateResult' } };
    for (const g of plan.groupBy ?? []) row[g.field.name] = members[0] ? readPath(env.store, members[0], g) : null;
    for (const a of plan.aggregates) {
      const values = members.map((m) => (a.path ? readPath(env.store, m, a.path) : m.Id)).filter((v) => v !== null);
      const nums = values.map(Number);
      const pick: Record<string, () => unknown> = {
        COUNT: () => values.length,
        COUNT_DISTINCT: () => new Set(values.map((v) => String(v).toLowerCase())).size,
        SUM: () => (nums.length ? nums.reduce((s, v) => s + v, 0) : null),
        AVG: () => (nums.length ? nums.reduce((s, v) => s + v, 0) / nums.length : null),
        MIN: () => (values.length ? values.reduce((x, y) => (String(x) < String(y) ? x : y)) : null),
        MAX: () => (values.length ? values.reduce((x, y) => (String(x) > String(y) ? x : y)) : null),
      };
      row[a.key] = pick[a.fn]!();
    }
    out.push(row);
  }
  return out;
}

/** Runs a SOQL statement; paging over the returned records is the caller's business. */
/** The parsed query and its plan, or the error Salesforce gives for it (unknown object, field, …). */
export function planSoql(soql: string, env: QueryEnv): { query: Query; plan: Plan } {
  const query = parseSoql(soql);
  const object = env.store.schema.object(query.sObject ?? '');
  if (!object) throw located(soql, query.sObject ?? '', invalidType(query.sObject ?? '').errors[0]!.message, 'INVALID_TYPE');
  return { query, plan: new Planner(env.store.schema, soql, env).plan(query, object) };
}

export function executeSoql(soql: string, env: QueryEnv): QueryOutcome {
  const { plan } = planSoql(soql, env);
  const { rows } = runPlan(plan, env);
  if (plan.countOnly) {
    // SELECT COUNT(): the count is totalSize and no rows come back (docs/salesforce-facts.md#soql, unverified).
    return { totalSize: rows.length, records: [] };
  }
  if (plan.aggregates.length > 0) {
    const agg = aggregateRows(plan, rows, env);
    return { totalSize: agg.length, records: agg };
  }
  const records = shapeWithChildren(rows, plan, env);
  return { totalSize: records.length, records };
}

/** Rows shaped for the answer, each with its child subqueries, level by level. */
function shapeWithChildren(rows: SfRecord[], plan: Plan, env: QueryEnv): SfRecord[] {
  const parents = new Set(rows.map((r) => String(r.Id)));
  const childIndex = plan.children.map((c) => indexChildren(c, env, parents));
  return rows.map((r) => {
    const shaped = shapeRow(env.store, r, plan.object, plan.paths, env.version);
    plan.children.forEach((c, i) => {
      const kids = childIndex[i]!.get(String(r.Id)) ?? [];
      sortRows(kids, c.plan.order, env.store);
      const limited = c.plan.limit === undefined ? kids : kids.slice(0, c.plan.limit);
      // No child rows: `null`, not an empty QueryResult (docs/salesforce-facts.md#soql, unverified).
      shaped[c.relationshipName] = limited.length === 0 ? null : { totalSize: limited.length, done: true, records: shapeWithChildren(limited, c.plan, env) };
    });
    return shaped;
  });
}

/** The child rows of `parents` that the subquery selects, by parent (only their rows are filtered). */
function indexChildren(c: ChildSelect, env: QueryEnv, parents: ReadonlySet<string>): Map<string, SfRecord[]> {
  const index = new Map<string, SfRecord[]>();
  for (const k of env.store.rows(c.plan.object.name, env.includeDeleted)) {
    const parent = k[c.parentField];
    if (typeof parent !== 'string' || !parents.has(parent) || (c.plan.where && !c.plan.where(k))) continue;
    const list = index.get(parent) ?? [];
    list.push(k);
    index.set(parent, list);
  }
  return index;
}
