/**
 * The upstream budget of one request, priced before it runs. Every
 * field is priced at the Salesforce calls it can cause, with lists priced at the `first` they will
 * really run with (a variable's value, or the default), and every root field and alias on its own.
 * The edge (http/use-upstream-budget.ts) refuses an operation over the budget before any
 * Salesforce call, and spends its price from the caller's rate limit.
 *
 * The model, per field, given `m`, the most parent objects the field can be resolved for:
 * - root reads cost their own calls (customersByPhone: the SOQL and SOSL arms; the others one);
 * - a nested list (cases, followUps) is one parent-to-child query per 250 parents (the loaders
 *   batch them), and its children can number m × first;
 * - a record reached through a loader (Case.customer, FollowUp.case, ...) is one query per 250;
 * - Customer.account is read with the contact: free;
 * - writes cost the calls of their use case.
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

/** Salesforce calls each root field costs itself (its nested fields are priced on top). */
const ROOT_CALLS: Record<string, number> = {
  // the SOQL and SOSL arms, and the contacts of accounts only the search found
  'Query.customersByPhone': 3,
  'Query.searchCustomers': 1,
  'Query.caseByNumber': 1,
  'Query.caseOptions': 1,
  // One /composite on the happy path; a retry the outcome store does not know, or an
  // unknown outcome, adds the key's look-up and a read; a cold describe, one call.
  'Mutation.createCase': 3,
  // the composite with the intent, the outcome with the read-back; a lost answer adds the key and the customer
  'Mutation.sendFollowUp': 4,
  'Mutation.updateCase': 3,
  'Mutation.logCall': 3,
  'Mutation.recordConsent': 3,
};

/**
 * Root look-ups by Id share the request's loaders, however many aliases ask: one query per 250 Ids
 * of a kind (`node` may reach any of five kinds, a Task costing two: follow-up or call).
 */
const ROOT_LOOKUPS: Record<string, number> = { 'Query.customer': 1, 'Query.case': 1, 'Query.node': 6 };

/** Nested lists batched by the loaders: one query per 250 parents. */
const BATCHED_LISTS = new Set(['Customer.cases', 'Customer.followUps', 'Case.followUps', 'Customer.calls', 'Case.calls', 'Case.comments']);
/**
 * Records reached through a loader: one batched query per field. They are nearly always primed by
 * the page that listed their parents, so m is not multiplied in; a request that proves this wrong
 * meets the runtime budget.
 */
const BATCHED_RECORDS = new Set(['Case.customer', 'FollowUp.customer', 'FollowUp.case', 'Call.customer', 'Call.case']);

/** Ids per IN list, as the loaders chunk them. */
const PER_QUERY = MAX_IDS_PER_QUERY;

interface Walk {
  schema: GraphQLSchema;
  /** Root look-ups by Id, by field. */
  lookups: Map<string, number>;
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
    let calls = 0;
    let children = m;
    if (root && key in ROOT_LOOKUPS) {
      w.lookups.set(key, (w.lookups.get(key) ?? 0) + 1);
    } else if (root && key in ROOT_CALLS) {
      calls = ROOT_CALLS[key]!;
      if (key === 'Query.customersByPhone' || key === 'Query.searchCustomers') children = firstOf(args);
    } else if (BATCHED_LISTS.has(key)) {
      calls = Math.ceil(m / PER_QUERY);
      children = m * firstOf(args);
    } else if (BATCHED_RECORDS.has(key)) {
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
  const lookups = [...walk.lookups].reduce((n, [key, count]) => n + Math.ceil(count / PER_QUERY) * Math.min(count, ROOT_LOOKUPS[key]!), 0);
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
