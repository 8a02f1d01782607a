/**
 * Who is calling. Clients send `Authorization: Bearer <api key>` (or HTTP Basic with the key as
 * the password, which browsers can do for GraphiQL). Keys come from configuration, are kept only
 * as SHA-256 hashes, and are compared in constant time; each carries a role:
 *
 * - agent: every query and mutation;
 * - designer: every query, GraphiQL and introspection; no mutations;
 * - frontend: queries only, no introspection.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Makes a counter of `points` per `durationSec` under `name`. */
export type LimiterStore = (name: string, points: number, durationSec: number) => RateLimiterAbstract;
import { ROLES, type Principal, type Role } from '../domain/principal';

export type { Principal, Role };

export interface ApiKeyConfig extends Principal {
  key: string;
}

/** The demo keys that work with the embedded emulator (printed at start). */
export const DEMO_API_KEYS: readonly ApiKeyConfig[] = [
  { name: 'demo-agent', role: 'agent', key: 'demo-agent-key' },
  { name: 'demo-designer', role: 'designer', key: 'demo-designer-key' },
  { name: 'demo-frontend', role: 'frontend', key: 'demo-frontend-key' },
];

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/**
 * Parses `name:role:key` entries, separated by commas or new lines (`#` starts a comment).
 * Errors name the entry by position and never echo a key.
 */
export function parseApiKeys(text: string): { keys: ApiKeyConfig[]; problems: string[] } {
  const keys: ApiKeyConfig[] = [];
  const problems: string[] = [];
  const entries = text
    .split(/[\n,]/)
    .map((e) => e.replace(/#.*$/, '').trim())
    .filter((e) => e !== '');
  entries.forEach((entry, i) => {
    const [name, role, ...rest] = entry.split(':');
    const key = rest.join(':');
    if (!name || !NAME.test(name)) problems.push(`entry ${i + 1}: the name must be 1-40 letters, digits, . _ or -`);
    else if (!ROLES.includes(role as Role)) problems.push(`entry ${i + 1} (${name}): the role must be agent, designer or frontend`);
    else if (key.length < 16) problems.push(`entry ${i + 1} (${name}): the key must have at least 16 characters`);
    else if (keys.some((k) => k.name === name)) problems.push(`entry ${i + 1} (${name}): the name is used twice`);
    else keys.push({ name, role: role as Role, key });
  });
  return { keys, problems };
}

/**
 * A rough lower bound of a key's randomness, in bits: its length times log2 of the alphabet its
 * character classes span. `openssl rand -base64 32` gives about 256; `aaaaaaaaaaaaaaaa` about 75.
 * Keys with few distinct characters count as the distinct characters they have.
 */
export function keyEntropyBits(key: string): number {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/];
  const sizes = [26, 26, 10, 32];
  const alphabet = classes.reduce((n, c, i) => n + (c.test(key) ? sizes[i]! : 0), 0);
  const distinct = new Set(key).size;
  return key.length * Math.log2(Math.max(2, Math.min(alphabet, distinct * 2)));
}

/** Keys in production need at least this much randomness. */
export const MIN_KEY_BITS = 128;

const digest = (key: string) => createHash('sha256').update(key, 'utf8').digest();

export class ApiKeys {
  private readonly entries: { principal: Principal; hash: Buffer }[];

  constructor(keys: readonly ApiKeyConfig[]) {
    this.entries = keys.map(({ name, role, key }) => ({ principal: { name, role }, hash: digest(key) }));
  }

  /** The key's principal, or null. Every stored hash is compared, so timing says nothing. */
  authenticate(presented: string | null): Principal | null {
    if (!presented) return null;
    const hash = digest(presented);
    let found: Principal | null = null;
    for (const e of this.entries) if (timingSafeEqual(e.hash, hash)) found = e.principal;
    return found;
  }
}

/** The key a request presents: `Bearer <key>`, or the password of HTTP Basic. */
export function presentedKey(authorization: string | null): string | null {
  if (!authorization) return null;
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (bearer) return bearer[1]!;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization);
  if (!basic) return null;
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : null;
}

export interface RateLimit {
  /** Sustained requests per second. */
  perSecond: number;
  /** Requests allowed at once. */
  burst: number;
}

/**
 * A limit per key, sized by the key's role: protects the org's API budget. rate-limiter-flexible
 * counts `burst` requests per window of `burst / perSecond` seconds: the sustained rate is
 * `perSecond`, and no more than `burst` go at once.
 */
export class RateLimiter {
  private readonly limiters: Record<Role, RateLimiterAbstract>;

  /** @param store makes the counters: in this process, or shared by the replicas (Redis). */
  constructor(limits: Record<Role, RateLimit>, store: LimiterStore = (name, points, duration) => new RateLimiterMemory({ keyPrefix: name, points, duration })) {
    const limiter = (role: Role) => store(`rate:${role}`, limits[role].burst, limits[role].burst / limits[role].perSecond);
    this.limiters = { agent: limiter('agent'), designer: limiter('designer'), frontend: limiter('frontend') };
  }

  /** Spends `points` (Salesforce calls, at least 1 per request); 0 when the request may go, else the milliseconds until it could. */
  async take(p: Principal, points = 1): Promise<number> {
    if (points <= 0) return 0;
    try {
      await this.limiters[p.role].consume(p.name, points);
      return 0;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return Math.max(1, refusal.msBeforeNext);
      throw refusal;
    }
  }
}
