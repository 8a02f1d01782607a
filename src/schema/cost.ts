/**
 * What a field costs in Salesforce calls, declared on the field itself (its GraphQL extensions),
 * so that the field and its price are read together. The edge prices each operation by them
 * before it runs (http/policy/upstream-price.ts); a root field with no declared cost fails a test.
 *
 * - `calls`: a root field's own calls (its nested fields are priced on top); `children: 'first'`
 *   when it lists up to `first` records, each of which its nested fields may be resolved for;
 * - `lookup`: a root look-up by Id. Look-ups share the request's loaders however many aliases ask:
 *   `perQuery` calls per 250 Ids of a kind (`node` reaches five kinds, a Task two ways);
 * - `batchedList`: a nested list the loaders batch: one query per 250 parents, and m × first
 *   children for m parents;
 * - `batchedRecord`: a record reached through a loader: one batched query per field. Nearly always
 *   primed by the page that listed its parents, so m is not multiplied in; a request that proves
 *   this wrong meets the runtime budget (salesforce/view.ts).
 * Fields with no cost (scalars, Customer.account read with the contact) cost nothing.
 */
export type FieldCost =
  { kind: 'calls'; calls: number; children?: 'first' } | { kind: 'lookup'; perQuery: number } | { kind: 'batchedList' } | { kind: 'batchedRecord' };

declare module 'graphql' {
  interface GraphQLFieldExtensions<_TSource, _TContext, _TArgs> {
    cost?: FieldCost;
  }
}

/** A field's `extensions`, declaring its cost. */
export const costs = (cost: FieldCost) => ({ cost });
