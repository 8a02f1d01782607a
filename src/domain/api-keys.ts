/**
 * API keys as configured: the `name:role:key` entries, the demo keys, and how random a key is.
 * Plain rules with no I/O (config.ts parses with them; http/policy/api-keys.ts checks presented keys).
 */
import { ROLES, type Principal, type Role } from './principal';

export interface ApiKeyConfig extends Principal {
  key: string;
}

export interface RateLimit {
  /** Sustained requests per second. */
  perSecond: number;
  /** Requests allowed at once. */
  burst: number;
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
