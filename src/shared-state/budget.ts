/**
 * What the daily budget governor (http/budget.ts) shares across replicas: the Salesforce calls
 * each role's requests made, in hourly buckets over a rolling 24 hours (Salesforce counts its
 * allocation over a rolling 24 hours too), and the org's use as the last answer reported it.
 */
import { ROLES, type Role } from '../domain/principal';
import { HOURS, hourOf } from '../domain/budget-window';

export interface OrgUsage {
  used: number;
  limit: number;
  /** When it was read (epoch ms). */
  at: number;
}

export interface BudgetStore {
  /** Adds `calls` to the role's bucket of the hour `now` falls in. */
  spend(role: Role, calls: number, now: number): Promise<void>;
  /** Calls each role made in the 24 hourly buckets up to `now`; null when the store cannot be read. */
  spent(now: number): Promise<Record<Role, number> | null>;
  /** The org's use, as the newest answer any replica saw reported it. */
  orgUsage(): Promise<OrgUsage | null>;
  observeOrg(usage: OrgUsage): Promise<void>;
}

export function memoryBudgetStore(): BudgetStore {
  const buckets = new Map<string, number>();
  let org: OrgUsage | null = null;
  return {
    async spend(role, calls, now) {
      const hour = hourOf(now);
      const key = `${role}:${hour}`;
      buckets.set(key, (buckets.get(key) ?? 0) + calls);
      // Forget what left the window.
      for (const k of buckets.keys()) if (Number(k.split(':')[1]) <= hour - HOURS) buckets.delete(k);
    },
    async spent(now) {
      const hour = hourOf(now);
      const sum = (role: Role) => Array.from({ length: HOURS }, (_, i) => buckets.get(`${role}:${hour - i}`) ?? 0).reduce((a, b) => a + b, 0);
      return Object.fromEntries(ROLES.map((r) => [r, sum(r)])) as Record<Role, number>;
    },
    orgUsage: async () => org,
    async observeOrg(usage) {
      if (!org || usage.at >= org.at) org = usage;
    },
  };
}
