/**
 * The upstream budget of one request, priced before it runs. Every
 * field is priced at the Salesforce calls it can cause, with lists priced at the `first` they will
 * really run with (a variable's value, or the default), and every root field and alias on its own.
 * The edge (http/use-upstream-budget.ts) refuses an operation over the budget before any
 * Salesforce call, and spends its price from the caller's rate limit.
 *
 * Each field declares what it costs where it is defined (schema/cost.ts: root calls, look-ups by
 * Id, batched lists and records), given `m`, the most parent objects the field can be resolved for.
 * The runtime budget (salesforce/client.ts) stops a request that slips past this model anyway.
 */
import { MAX_IDS_PER_QUERY } from '../../domain/context-shape';
import { MAX_FIRST } from '../../schema/pagination';
import { fieldsIn } from '../../schema/selections';
import {
  Kind,
  getArgumentValues,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isCompositeType,
  isObjectType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/** Ids per IN list, as the loaders chunk them. */
const PER_QUERY = MAX_IDS_PER_QUERY;

interface Walk {
  schema: GraphQLSchema;
  /** Root look-ups by Id, by field: how many, and the calls per 250 Ids. */
  lookups: Map<string, { perQuery: number; count: number }>;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function firstOf(args: Record<string, unknown>): number {
  const first = args.first;
  return typeof first === 'number' && Number.isFinite(first) ? Math.min(Math.max(1, Math.floor(first)), MAX_FIRST) : 1;
}

function priceSelection(w: Walk, type: GraphQLCompositeType, set: SelectionSetNode, m: number, root: boolean): number {
  let total = 0;
  for (const { field: selection, on } of fieldsIn(set, w.fragments)) {
    const within = on === null ? type : w.schema.getType(on);
    if (!within || !isCompositeType(within)) continue;
    // Fields of interfaces and unions: price them on each object type that has them.
    const owners = isObjectType(within) ? [within] : w.schema.getPossibleTypes(within);
    const owner = owners.find((o) => o.getFields()[selection.name.value]);
    const field = owner?.getFields()[selection.name.value];
    if (!owner || !field) continue;
    const key = `${owner.name}.${field.name}`;
    let args: Record<string, unknown> = {};
    try {
      args = getArgumentValues(field, selection, w.variables);
    } catch {
      // A bad argument fails validation or the resolver; it costs no call.
    }
    // The field's declared cost (schema/cost.ts); none: free.
    const cost = field.extensions.cost;
    let calls = 0;
    let children = m;
    if (root && cost?.kind === 'lookup') {
      w.lookups.set(key, { perQuery: cost.perQuery, count: (w.lookups.get(key)?.count ?? 0) + 1 });
    } else if (root && cost?.kind === 'calls') {
      calls = cost.calls;
      if (cost.children === 'first') children = firstOf(args);
    } else if (cost?.kind === 'batchedList') {
      calls = Math.ceil(m / PER_QUERY);
      children = m * firstOf(args);
    } else if (cost?.kind === 'batchedRecord') {
      calls = 1;
    }
    const named = getNamedType(field.type);
    const nested = selection.selectionSet && isCompositeType(named) ? priceSelection(w, named, selection.selectionSet, children, false) : 0;
    total += calls + nested;
  }
  return total;
}

/**
 * The Salesforce calls the operation can cost, or null when it cannot be priced (no such
 * operation, or variables that do not coerce: execution then answers with the errors itself).
 */
export function priceOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
): number | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors) return null;
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return null;
  const fragments = fragmentsOf(document);
  const walk: Walk = { schema, lookups: new Map(), fragments, variables: coerced.coerced };
  const fields = priceSelection(walk, rootType, operation.selectionSet, 1, true);
  const lookups = [...walk.lookups.values()].reduce((n, { perQuery, count }) => n + Math.ceil(count / PER_QUERY) * Math.min(count, perQuery), 0);
  return fields + lookups;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  return Object.fromEntries(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])));
}

/** How many mutation fields (aliases included) the operation runs. */
export function mutationFieldCount(document: DocumentNode, operationName: string | null | undefined): number {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== 'mutation') return 0;
  return fieldsIn(operation.selectionSet, fragmentsOf(document)).filter(({ field }) => field.name.value !== '__typename').length;
}
