/**
 * What the daily budget governor (http/policy/budget.ts) shares across replicas: the Salesforce calls
 * each role's requests made, in hourly buckets over a rolling 24 hours (Salesforce counts its
 * allocation over a rolling 24 hours too), and the org's use as the last answer reported it.
 */
import { ROLES, type Role } from '../domain/principal';
import type { Redis } from 'ioredis';
import { HOURS, HOUR_MS, hourOf } from '../domain/budget-window';

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

/** The budget in Redis, by role and hour, for every replica; counted in this process too, and on its own while Redis is down. */
export function redisBudgetStore(redis: Redis): BudgetStore {
  // While Redis is down, this replica counts on its own (as the rate limits do).
  const local = memoryBudgetStore();
  return {
    async spend(role: Role, calls: number, now: number) {
      await local.spend(role, calls, now);
      const key = `budget:${role}:${hourOf(now)}`;
      await redis
        .multi()
        .incrby(key, calls)
        .pexpire(key, (HOURS + 1) * HOUR_MS)
        .exec()
        .catch(() => undefined);
    },
    async spent(now: number) {
      const hour = hourOf(now);
      const keys = ROLES.flatMap((r) => Array.from({ length: HOURS }, (_, i) => `budget:${r}:${hour - i}`));
      const values = await redis.mget(...keys).catch(() => null);
      const own = (await local.spent(now))!;
      if (!values) return own;
      // Redis restarted without persistence (or lost the keys): the shares never read less
      // than this process counted itself, and what it counted is written back for the others.
      const shared = Object.fromEntries(ROLES.map((r, j) => [r, values.slice(j * HOURS, (j + 1) * HOURS).reduce((n, v) => n + Number(v ?? 0), 0)])) as Record<
        Role,
        number
      >;
      const behind = ROLES.filter((r) => shared[r] < own[r]);
      if (behind.length > 0) {
        const fix = redis.multi();
        for (const r of behind) fix.incrby(`budget:${r}:${hour}`, own[r] - shared[r]).pexpire(`budget:${r}:${hour}`, (HOURS + 1) * HOUR_MS);
        await fix.exec().catch(() => undefined);
      }
      return Object.fromEntries(ROLES.map((r) => [r, Math.max(shared[r], own[r])])) as Record<Role, number>;
    },
    async orgUsage() {
      const v = await redis.get('budget:org').catch(() => undefined);
      if (v) return JSON.parse(v) as OrgUsage;
      // Redis lost it (or is down): what this process saw stands, and goes back for the others.
      const own = await local.orgUsage();
      if (v === null && own) await redis.set('budget:org', JSON.stringify(own), 'PX', HOURS * HOUR_MS).catch(() => undefined);
      return own;
    },
    async observeOrg(usage: OrgUsage) {
      await local.observeOrg(usage);
      await redis.set('budget:org', JSON.stringify(usage), 'PX', HOURS * HOUR_MS).catch(() => undefined);
    },
  };
}
