/**
 * Configuration, parsed once from the environment with zod. Each concern is one section: a zod
 * object of its variables, mapped to named settings, whose type is inferred (no interface mirrors
 * it). `loadConfig(env)` parses every section and returns the typed, nested settings, or throws
 * one ConfigError listing every problem by variable name, never echoing a value (some are secrets).
 * docs/configuration.md describes each variable; a test checks it lists every one.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ORG_VARIABLES, embedded, org } from './env/salesforce';
import { variablesOf } from './env/values';
import { orgShape, readOrgFile, type OrgFile } from './env/org-file';
import { budget, cache, changeEvents, gateway, messaging, observability, runtime, security, server, sharedState } from './env/sections';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type ServerSettings = z.output<typeof server>;
export type GatewaySettings = z.output<typeof gateway>;
export type MessagingSettings = z.output<typeof messaging>;
export type SecuritySettings = z.output<ReturnType<typeof security>>;
export type SharedStateSettings = z.output<typeof sharedState>;
export type CacheSettings = z.output<typeof cache>;
export type BudgetSettings = z.output<typeof budget>;
export type TracingSettings = NonNullable<z.output<typeof observability>['tracing']>;
export type ChangeEventsSettings = NonNullable<z.output<typeof changeEvents>>;
/** A Salesforce org to log in to, one shape per OAuth flow. */
export type OrgSettings = z.output<ReturnType<typeof org>>;
/** What the connection logs in with. */
export type SalesforceCredentials = OrgSettings extends infer T ? (T extends unknown ? Omit<T, 'mode' | 'apiVersion'> : never) : never;
export type Config = z.output<typeof runtime> &
  z.output<typeof observability> & {
    server: ServerSettings;
    gateway: GatewaySettings;
    messaging: MessagingSettings;
    security: SecuritySettings;
    sharedState: SharedStateSettings;
    cache: CacheSettings;
    changeEvents: ChangeEventsSettings | null;
    budget: BudgetSettings;
    salesforce: z.output<typeof embedded> | OrgSettings;
    /** The org's own shape (SALESFORCE_ORG_FILE); null: the standard shape. */
    org: OrgFile | null;
  };

/** How gateway.env.example marks what must be replaced (`replace-with-…`, `your-domain`). */
const PLACEHOLDER = /replace-with|your-domain/i;

/** Every environment variable the gateway reads (docs/configuration.md lists each). */
export const ENV_VARIABLES: readonly string[] = variablesOf(
  runtime,
  server,
  gateway,
  messaging,
  observability,
  sharedState,
  cache,
  changeEvents,
  budget,
  security({ embedded: true, production: false, callsPerRequest: 1 }, String),
  embedded,
  org(String),
  orgShape(String),
);

/**
 * Parses the environment. Never reads `process.env` itself: main.ts passes it in.
 * @throws ConfigError listing every problem (names only, never values)
 */
export function loadConfig(env: Record<string, string | undefined>, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): Config {
  const isEmbedded = !ORG_VARIABLES.some((k) => env[k] !== undefined && env[k] !== '');
  const production = env.NODE_ENV === 'production';
  if (isEmbedded && production) {
    // Fail closed: a production gateway with no org would take real callers' cases into a demo org that vanishes on restart.
    throw new ConfigError([
      'NODE_ENV=production needs a Salesforce org: set SALESFORCE_CLIENT_ID, SALESFORCE_TOKEN_URL and the credentials of SALESFORCE_AUTH_FLOW (docs/salesforce-org.md); the demo emulator runs only outside production',
    ]);
  }
  const problems: string[] = [];
  // zod issues carry the path and a message; the input value is left out on purpose.
  const parse = <T>(schema: z.ZodType<T>): T => {
    const r = schema.safeParse(env);
    if (!r.success) problems.push(...r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    return r.data as T;
  };
  const [r, o, sv, g, m, st, c, ce, b] = [
    parse(runtime),
    parse(observability),
    parse(server),
    parse(gateway),
    parse(messaging),
    parse(sharedState),
    parse(cache),
    parse(changeEvents),
    parse(budget),
  ];
  const s = parse(security({ embedded: isEmbedded, production, callsPerRequest: g?.upstreamCallsPerRequest ?? 12 }, readFile));
  const salesforce = isEmbedded ? parse(embedded) : parse(org(readFile));
  const orgFile = parse(orgShape(readFile));
  if (!isEmbedded && production) {
    // The example file's placeholders (gateway.env.example) are refused until each is replaced.
    for (const name of ENV_VARIABLES)
      if (PLACEHOLDER.test(env[name] ?? '')) problems.push(`${name}: still holds the example's placeholder; set your own value`);
    // Credentials, tokens and messages travel to these: never in clear text in production.
    for (const name of ['SALESFORCE_TOKEN_URL', 'SALESFORCE_INSTANCE_URL', ...(m?.sms ? ['SMS_PROVIDER_URL'] : [])])
      if (/^http:/i.test(env[name]?.trim() ?? '')) problems.push(`${name}: must be an https URL in production`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...r, ...o, server: sv, gateway: g, messaging: m, security: s, sharedState: st, cache: c, changeEvents: ce, budget: b, salesforce, org: orgFile };
}

/**
 * The org file at `path` (main.ts names the emulator profile's example one in embedded mode).
 * @throws ConfigError naming its problems
 */
export function orgFileAt(path: string, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): OrgFile {
  const read = readOrgFile(path, readFile);
  if ('problems' in read) throw new ConfigError(read.problems.map((p) => `${path}: ${p}`));
  return read.file;
}
