/**
 * The daily budget at the edge (the governor, http/policy/budget.ts, decides): a request whose
 * role is over its share, or kept out of the org's reserve, is refused with HTTP 429
 * `BUDGET_EXHAUSTED`, `retryable`, `retryAfter` (seconds) and a Retry-After header, before any
 * Salesforce call; every request's calls are counted against its role.
 */
import type { Plugin } from 'graphql-yoga';
import type { Principal } from '../domain/principal';
import type { BudgetGovernor } from './policy/budget';
import { contextOf, refusal } from './request-state';

/** The edge check: BUDGET_EXHAUSTED for a principal over its share or kept out of the reserve. */
export function budgetAdmission(governor: BudgetGovernor) {
  return async (request: Request, principal: Principal): Promise<Response | null> => {
    const refused = await governor.admit(principal);
    if (!refused) return null;
    const message =
      refused.reason === 'ORG_RESERVE'
        ? "The org's daily Salesforce API allowance is nearly spent; what is left is kept for the voice agent."
        : `This role's share of the org's daily Salesforce API allowance is spent.`;
    return refusal(request, {
      status: 429,
      code: 'BUDGET_EXHAUSTED',
      message,
      retryable: true,
      headers: { 'retry-after': String(refused.retryAfterS) },
      extensions: { retryAfter: refused.retryAfterS, reason: refused.reason },
    });
  };
}

/**
 * Counts each request's Salesforce calls against its role, and the org's use its answers reported
 * (the context is the one the request log keeps).
 */
export function useBudget(governor: BudgetGovernor): Plugin {
  return {
    // A request that never executed (a cached answer, a refusal) has nothing to count: no promise.
    onResponse({ request }) {
      const context = contextOf(request);
      if (!context?.principal) return;
      return governor.record(context.principal.role, context.sf.callsMade, context.sf.health().apiUsage);
    },
  };
}
