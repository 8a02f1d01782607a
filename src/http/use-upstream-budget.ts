/**
 * The upstream budget at the edge: an operation whose price (http/policy/upstream-price.ts) is over
 * the request's budget, or with more mutation fields than allowed, is refused before anything
 * runs (BAD_USER_INPUT naming the budget); the price is spent from the caller's rate limit, so a
 * key spends by what it costs.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { mutationFieldCount, priceOperation } from './policy/upstream-price';

export interface UpstreamBudgetOptions {
  /** Salesforce calls one request may cost. */
  maxCalls: number;
  /** Mutation fields one request may run. */
  maxMutations: number;
  /** Spends the price from the caller's rate limit; answers the milliseconds to wait, or 0. */
  spend(context: unknown, price: number): Promise<number>;
}

const refusal = (message: string, extensions: Record<string, unknown>) => ({ errors: [new GraphQLError(message, { extensions })] });

/**
 * Refuses, before anything runs, an operation over the request budget or with more mutation
 * fields than allowed, and spends the operation's price from the caller's rate limit.
 */
export function useUpstreamBudget(o: UpstreamBudgetOptions): Plugin {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const mutations = mutationFieldCount(args.document, args.operationName);
      if (mutations > o.maxMutations) {
        setResultAndStopExecution(
          refusal(`At most ${o.maxMutations} mutation field${o.maxMutations === 1 ? '' : 's'} per request; send the others in requests of their own.`, {
            code: 'BAD_USER_INPUT',
            retryable: false,
          }),
        );
        return;
      }
      const price = priceOperation(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown> | undefined);
      if (price === null) return;
      if (price > o.maxCalls) {
        setResultAndStopExecution(
          refusal(
            `This operation can cost up to ${price} Salesforce calls; the budget is ${o.maxCalls} per request. Ask for fewer items (first) or fewer fields per request.`,
            {
              code: 'BAD_USER_INPUT',
              retryable: false,
              budget: o.maxCalls,
              cost: price,
            },
          ),
        );
        return;
      }
      const waitMs = await o.spend(args.contextValue, price);
      if (waitMs > 0) {
        const retryAfter = String(Math.ceil(waitMs / 1000));
        setResultAndStopExecution(
          refusal('Too many Salesforce calls for this API key; slow down.', {
            code: 'RATE_LIMITED',
            retryable: true,
            http: { status: 429, headers: { 'retry-after': retryAfter } },
          }),
        );
      }
    },
  };
}
