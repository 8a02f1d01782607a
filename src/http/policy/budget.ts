/**
 * The daily budget governor. Every Salesforce call comes out of the org's
 * rolling 24-hour allocation, shared with every other integration; Salesforce itself refuses
 * everyone only at 100%, and then the voice agent's lookups fail for hours. Here, per org and
 * shared by the replicas (Redis):
 * - the org's use is read from `Sforce-Limit-Info` on every answer and from `/limits` (readiness);
 * - each role has a share of the org's daily limit for the calls its requests make over a rolling
 *   24 hours (BUDGET_ROLE_SHARES); past it, that role is refused BUDGET_EXHAUSTED;
 * - past BUDGET_RESERVE_FROM of the org's limit (default 80%), the rest is the agent's reserve:
 *   frontends and designers are refused, the agent goes on until Salesforce's own limit.
 * The edge's plugins (http/use-budget.ts) refuse with HTTP 429 `BUDGET_EXHAUSTED` before any
 * Salesforce call, and count each request's calls here.
 */
import type { BudgetSettings } from '../../config';
import { ROLES, type Principal, type Role } from '../../domain/principal';
import type { BudgetStore, OrgUsage } from '../../shared-state/budget';

import { msToNextHour } from '../../domain/budget-window';

/** How long a replica reuses what it read of the shared budget. */
const REFRESH_MS = 1_000;
/** How often a replica writes the org's use it saw, at most. */
const PUBLISH_MS = 1_000;
/** Retry-After of a refusal by the reserve: the org's day rolls on by the hour. */
const RESERVE_RETRY_S = 900;

export type BudgetRefusalReason = 'ORG_RESERVE' | 'ROLE_SHARE';

export interface BudgetStatus {
  org: (OrgUsage & { fraction: number }) | null;
  reserveFrom: number;
  roles: Record<Role, { calls24h: number; share: number; cap: number | null }>;
  /** The roles refused now. */
  refusing: Role[];
}

export interface BudgetGovernor {
  /** A refusal for this principal now, or null. */
  admit(principal: Principal): Promise<{ reason: BudgetRefusalReason; retryAfterS: number } | null>;
  /** Counts a finished request's calls, and what it saw of the org's use. */
  record(role: Role, calls: number, usage: { used: number; limit: number } | null): Promise<void>;
  /** The org's use as `/limits` reported it. */
  observe(usage: { used: number; limit: number }): Promise<void>;
  status(): Promise<BudgetStatus>;
}

export function createBudgetGovernor(
  store: BudgetStore,
  settings: BudgetSettings,
  onRefusal: (role: Role, reason: BudgetRefusalReason) => void = () => {},
  clock: () => number = Date.now,
): BudgetGovernor {
  let view: { at: number; spent: Record<Role, number>; org: OrgUsage | null } | null = null;
  let published = { at: -Infinity, used: -1 };
  let localOrg: OrgUsage | null = null;

  async function current() {
    const now = clock();
    if (!view || now - view.at >= REFRESH_MS) {
      const [spent, shared] = await Promise.all([store.spent(now), store.orgUsage()]);
      view = { at: now, spent: spent ?? view?.spent ?? zero(), org: newest(shared, localOrg) };
    }
    return view;
  }

  const capOf = (role: Role, org: OrgUsage | null) => (settings.shares[role] >= 1 || !org ? null : Math.floor(settings.shares[role] * org.limit));

  function refusalFor(role: Role, v: NonNullable<typeof view>): { reason: BudgetRefusalReason; retryAfterS: number } | null {
    const org = v.org;
    if (role !== 'agent' && org && org.used >= settings.reserveFrom * org.limit) return { reason: 'ORG_RESERVE', retryAfterS: RESERVE_RETRY_S };
    const cap = capOf(role, org);
    if (cap !== null && v.spent[role] >= cap) {
      // The oldest hour of the window leaves it at the next hour boundary.
      return { reason: 'ROLE_SHARE', retryAfterS: Math.max(1, Math.ceil(msToNextHour(clock()) / 1000)) };
    }
    return null;
  }

  async function observeOrg(usage: { used: number; limit: number }) {
    const now = clock();
    localOrg = { ...usage, at: now };
    if (view) view.org = newest(view.org, localOrg);
    if (usage.used !== published.used && now - published.at >= PUBLISH_MS) {
      published = { at: now, used: usage.used };
      await store.observeOrg(localOrg);
    }
  }

  return {
    async admit(principal) {
      const refused = refusalFor(principal.role, await current());
      if (refused) onRefusal(principal.role, refused.reason);
      return refused;
    },
    async record(role, calls, usage) {
      if (calls > 0) {
        await store.spend(role, calls, clock());
        if (view) view.spent[role] += calls;
      }
      if (usage) await observeOrg(usage);
    },
    observe: observeOrg,
    async status() {
      const v = await current();
      const roles = Object.fromEntries(
        ROLES.map((r) => [r, { calls24h: v.spent[r], share: settings.shares[r], cap: capOf(r, v.org) }]),
      ) as BudgetStatus['roles'];
      return {
        org: v.org ? { ...v.org, fraction: v.org.limit > 0 ? v.org.used / v.org.limit : 0 } : null,
        reserveFrom: settings.reserveFrom,
        roles,
        refusing: ROLES.filter((r) => refusalFor(r, v) !== null),
      };
    },
  };
}

const zero = (): Record<Role, number> => ({ agent: 0, designer: 0, frontend: 0 });
const newest = (a: OrgUsage | null, b: OrgUsage | null) => (!a ? b : !b ? a : a.at >= b.at ? a : b);
