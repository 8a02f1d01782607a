/**
 * Look-ahead: which of a customer's context a query asks for, read off the selection under a root
 * field, so that the statement reading the customers reads it too (one round trip). Only first
 * pages are compiled (no `after`), and only when every selection of a list agrees on its
 * arguments; anything else is left to the loaders, which answer it as before.
 */
import { getArgumentValues, isObjectType, type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { CaseStatusFilter, ContextShape } from '../domain/context-shape';
import type { Context } from './context';
import { MAX_FIRST } from './pagination';
import { fieldsIn } from './selections';

/** The field nodes named `name` in selection sets, through fragments and inline fragments. */
function fieldsNamed(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[], name: string): FieldNode[] {
  return sets.flatMap((set) => fieldsIn(set, info.fragments).flatMap(({ field }) => (field.name.value === name ? [field] : [])));
}

/** Follows a path of field names down from `sets`; the selection sets at its end. */
function descend(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[], path: readonly string[]): SelectionSetNode[] {
  return path.reduce<SelectionSetNode[]>((level, name) => fieldsNamed(info, level, name).flatMap((f) => (f.selectionSet ? [f.selectionSet] : [])), [...sets]);
}

/** The one set of arguments every node agrees on, or null. */
function agreed(info: GraphQLResolveInfo, type: GraphQLObjectType, nodes: FieldNode[]): Record<string, unknown> | null {
  if (nodes.length === 0) return null;
  const field = type.getFields()[nodes[0]!.name.value];
  if (!field) return null;
  try {
    const all = nodes.map((n) => getArgumentValues(field, n, info.variableValues));
    const first = JSON.stringify(all[0]);
    return all.every((a) => JSON.stringify(a) === first) ? all[0]! : null;
  } catch {
    return null; // bad arguments: the resolver answers BAD_USER_INPUT
  }
}

const firstPage = (args: Record<string, unknown> | null): number | null =>
  args &&
  (args.after === null || args.after === undefined) &&
  typeof args.first === 'number' &&
  Number.isInteger(args.first) &&
  args.first >= 1 &&
  args.first <= MAX_FIRST
    ? args.first
    : null;

/**
 * The context asked for under the root field, where `paths` lead from the root field to the
 * Customer objects (e.g. ['matches', 'customer'] and ['bestMatch', 'customer']).
 */
export function customerShape(ctx: Pick<Context, 'settings'>, info: GraphQLResolveInfo, paths: readonly (readonly string[])[]): ContextShape | null {
  if (!ctx.settings.compileContext) return null;
  const customerType = info.schema.getType('Customer');
  const caseType = info.schema.getType('Case');
  if (!isObjectType(customerType) || !isObjectType(caseType)) return null;
  const roots = info.fieldNodes.flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
  const customers = paths.flatMap((p) => descend(info, roots, p));
  if (customers.length === 0) return null;
  const shape: ContextShape = {};
  const casesNodes = fieldsNamed(info, customers, 'cases');
  const casesArgs = agreed(info, customerType, casesNodes);
  const casesFirst = firstPage(casesArgs);
  if (casesArgs && casesFirst !== null) {
    shape.cases = { status: (casesArgs.status as CaseStatusFilter | undefined) ?? 'ALL', first: casesFirst };
    const caseSets = descend(
      info,
      casesNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : [])),
      ['edges', 'node'],
    );
    const followUpsFirst = firstPage(agreed(info, caseType, fieldsNamed(info, caseSets, 'followUps')));
    if (followUpsFirst !== null) shape.cases.followUps = { first: followUpsFirst };
  }
  const ownFirst = firstPage(agreed(info, customerType, fieldsNamed(info, customers, 'followUps')));
  if (ownFirst !== null) shape.followUps = { first: ownFirst };
  return shape.cases || shape.followUps ? shape : null;
}
