/**
 * What a query is rather than what it returns: `query?explain=` (a query plan) and
 * `query?q=…&columns=true` (column metadata, which the Salesforce CLI asks for to lay out
 * `sf data query`). Both parse and plan the query as running it would, so a query that would fail
 * fails the same way here.
 */
import type { FieldDef } from './schema';
import { planSoql, runPlan, type FieldPath, type Plan, type QueryEnv } from './soql';

/** `GET /query?explain=<soql>`: one plan, the cheapest Salesforce would pick. */
export function explainSoql(soql: string, env: QueryEnv) {
  const { query, plan } = planSoql(soql, env);
  // The fields of the WHERE clause that Salesforce indexes: Id, lookups, external IDs, unique fields, names.
  const indexed = new Set<string>();
  for (const m of JSON.stringify(query.where ?? null).matchAll(/"field":"([\w.]+)"/g)) {
    const f = env.store.schema.field(plan.object, m[1]!);
    if (f && (f.type === 'id' || f.type === 'reference' || f.externalId || f.unique || f.idLookup || f.nameField)) indexed.add(f.name);
  }
  const sobjectCardinality = [...env.store.rows(plan.object.name, env.includeDeleted)].length;
  const { total } = runPlan({ ...plan, limit: undefined, offset: 0 }, env);
  const index = indexed.size > 0;
  return {
    plans: [
      {
        cardinality: total,
        fields: [...indexed],
        leadingOperationType: index ? 'Index' : 'TableScan',
        notes: [],
        // Cheaper by an index, dearer the more rows it reads: the scale of Salesforce's own numbers.
        relativeCost: Math.round((index ? 0.3 : 1) * (0.5 + total / Math.max(1, sobjectCardinality)) * 1000) / 1000,
        sobjectCardinality,
        sobjectType: plan.object.name,
      },
    ],
    sourceQuery: soql,
  };
}

const APEX_TYPE: Record<string, string> = {
  id: 'Id',
  reference: 'Id',
  boolean: 'Boolean',
  int: 'Integer',
  double: 'Double',
  date: 'Date',
  datetime: 'Datetime',
};

function column(name: string, display: string, field: FieldDef | null, joinColumns: unknown[] = [], aggregate = false) {
  const type = field?.type;
  return {
    aggregate,
    apexType: field ? (APEX_TYPE[type!] ?? 'String') : null,
    booleanType: type === 'boolean',
    columnName: name,
    custom: field?.custom ?? false,
    displayName: display,
    foreignKeyName: null,
    insertable: field?.createable ?? false,
    joinColumns,
    numberType: type === 'int' || type === 'double',
    textType: field !== null && !['id', 'reference', 'boolean', 'int', 'double', 'date', 'datetime'].includes(type!),
    updatable: field?.updateable ?? false,
  };
}

/** A path through relationships as nested columns: Account.Owner.Name → Account { Owner { Name } }. */
function pathColumn(path: FieldPath, prefix = ''): ReturnType<typeof column> {
  const [head, ...rest] = path.names;
  if (rest.length === 0) return column(head!, `${prefix}${head}`, path.field);
  const inner = pathColumn({ names: rest, hops: path.hops.slice(1), field: path.field }, `${prefix}${head}.`);
  return column(head!, `${prefix}${head}`, null, [inner]);
}

function columnsOfPlan(plan: Plan): unknown[] {
  const columns: unknown[] = [];
  for (const path of plan.paths) columns.push(pathColumn(path));
  plan.aggregates.forEach((a, i) => {
    const display = a.path ? `${a.fn.toUpperCase()}(${a.path.names.join('.')})` : `${a.fn.toUpperCase()}()`;
    columns.push(column(a.key || `expr${i}`, display, a.path?.field ?? null, [], true));
  });
  for (const child of plan.children) columns.push(column(child.relationshipName, child.relationshipName, null, columnsOfPlan(child.plan), true));
  return columns;
}

/** `GET /query?q=<soql>&columns=true`: the columns the query returns, and no records. */
export function queryColumns(soql: string, env: QueryEnv) {
  const { plan } = planSoql(soql, env);
  return {
    columnMetadata: columnsOfPlan(plan),
    entityName: plan.object.name,
    groupBy: plan.groupBy !== null,
    idSelected: plan.paths.some((p) => p.names.length === 1 && p.field.name === 'Id'),
    keyPrefix: plan.object.keyPrefix,
  };
}
