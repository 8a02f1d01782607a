/**
 * customerUpdated's stream, in place of the field's own subscribe: a subscription operation whose
 * root field is `customerUpdated` is served by the live-customers watch (http/live-customers.ts),
 * which shares each re-read among the subscribers of one customer. Every event is that
 * subscription's selection executed as the query `customer(id:)` (same type, same selection, the
 * same response key), so it is what the same query would answer at that moment.
 *
 * Everything before (authentication, trusted documents, rate limits, validation) and after (error
 * masking, metrics) is Yoga's as for any operation: only the subscribe function is replaced.
 */
import {
  Kind,
  OperationTypeNode,
  execute,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  print,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badInput } from '../domain/errors';
import { normaliseId } from '../domain/ids';
import type { Context } from '../schema/context';
import { codedGraphQLError, toCoded } from './errors';
import type { LiveCustomers, LiveSelection } from './live-customers';

export const LIVE_FIELD = 'customerUpdated';

export function useLiveCustomers(live: LiveCustomers): Plugin {
  return {
    onSubscribe({ args, setSubscribeFn }) {
      const op = getOperationAST(args.document, args.operationName);
      if (op?.operation !== OperationTypeNode.SUBSCRIPTION) return;
      const fragments = args.document.definitions.filter(
        (d: DocumentNode['definitions'][number]): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
      );
      const field = rootField(op.selectionSet, fragments);
      if (field?.name.value !== LIVE_FIELD) return;
      setSubscribeFn(async (a) => {
        const ctx = a.contextValue as Context;
        try {
          if (!ctx.principal) throw badInput('customerUpdated needs an API key');
          // The variables as sent (each read coerces them, as a query's execution does), and as
          // the operation declares them, defaults filled in, for the customer's id.
          const raw = (a.variableValues ?? {}) as Record<string, unknown>;
          const coerced = getVariableValues(a.schema, op.variableDefinitions ?? [], raw);
          if (coerced.errors) return { errors: coerced.errors };
          const definition = a.schema.getSubscriptionType()?.getFields()[LIVE_FIELD];
          const customerId = customerIdOf(definition ? getArgumentValues(definition, field, coerced.coerced).customerId : null);
          const declared = Object.fromEntries(
            (op.variableDefinitions ?? [])
              .map((d) => d.variable.name.value)
              .filter((n) => n in raw)
              .map((n) => [n, raw[n]]),
          );
          const document: DocumentNode = {
            kind: Kind.DOCUMENT,
            definitions: [
              { ...op, operation: OperationTypeNode.QUERY, selectionSet: { kind: Kind.SELECTION_SET, selections: [asQuery(field)] } },
              ...fragments,
            ],
          };
          const selection: LiveSelection = {
            key: `${print(document)}\0${JSON.stringify(declared)}`,
            field: field.alias?.value ?? field.name.value,
            run: async (readCtx) => execute({ schema: a.schema, document, variableValues: declared, contextValue: readCtx, operationName: op.name?.value }),
          };
          return live.follow(ctx.principal, customerId, selection);
        } catch (e) {
          const coded = toCoded(e);
          if (!coded) throw e;
          return { errors: [codedGraphQLError(coded)] };
        }
      });
    },
  };
}

/** The operation's one root field, through fragments at the root (validation allows no other). */
function rootField(set: SelectionSetNode, fragments: readonly FragmentDefinitionNode[]): FieldNode | null {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) return s;
    const inner = s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : fragments.find((f) => f.name.value === s.name.value)?.selectionSet;
    const found = inner ? rootField(inner, fragments) : null;
    if (found) return found;
  }
  return null;
}

/** `customerUpdated(customerId: X) {…}` as `customerUpdated: customer(id: X) {…}`. */
function asQuery(field: FieldNode): FieldNode {
  return {
    ...field,
    alias: field.alias ?? { kind: Kind.NAME, value: field.name.value },
    name: { kind: Kind.NAME, value: 'customer' },
    arguments: (field.arguments ?? []).map((arg) => (arg.name.value === 'customerId' ? { ...arg, name: { kind: Kind.NAME, value: 'id' } } : arg)),
  };
}

/** The customer's id: a Salesforce Contact Id, or BAD_USER_INPUT. */
function customerIdOf(raw: unknown): string {
  const id = typeof raw === 'string' ? normaliseId(raw.trim()) : null;
  if (!id || !id.startsWith('003'))
    throw badInput('customerId is not a customer’s Salesforce Contact Id (15 or 18 letters and digits, starting 003)', 'customerId');
  return id;
}
