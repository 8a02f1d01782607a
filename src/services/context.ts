/** What the use cases run on: one request's view of the shared connection, stores and settings. */
import type { ActivityFeed } from '../domain/activity';
import type { Logger } from 'pino';
import type { Written } from '../domain/dependencies';
import type { CountryCode } from '../domain/phone';
import type { Channels } from '../domain/delivery';
import type { MetadataCache } from '../salesforce/cache';
import type { SalesforceApi } from '../salesforce/api';
import { createLoaders, type Loaders } from '../salesforce/loaders';
import type { IdempotencySettings } from '../salesforce/idempotency';
import type { OrgFields } from '../salesforce/records';
import type { Claims } from '../shared-state/claims';
import type { FallbackKeyStore } from '../shared-state/fallback-keys';

export interface ServiceSettings {
  orgFields: OrgFields;
  defaultRegion: CountryCode;
  /** Origin for cases that name none (when the org's picklist has it). */
  defaultCaseOrigin: string | null;
  /** Values for required Case fields the agent never asks about (the org file's caseDefaults). */
  caseDefaults?: Readonly<Record<string, string | number | boolean>>;
  /** A follow-up still PENDING after this long is answered as it stands rather than IN_PROGRESS. */
  pendingTimeoutMs: number;
  /** SMS follow-ups one customer may get per hour; 0: no limit. */
  smsPerCustomerPerHour: number;
  /** Per channel: `opt-out` blocks only OPTED_OUT; `opt-in` requires OPTED_IN. */
  consentPolicy: Record<'SMS' | 'EMAIL', 'opt-out' | 'opt-in'>;
  /** Read a customer's context with the customer (one round trip); off only for the naive N+1 baseline of the benchmark. */
  compileContext: boolean;
}

export interface ServiceDeps {
  /** The shared client, bounded by this request's deadline. */
  sf: SalesforceApi;
  /** Org metadata (describe), shared across requests. */
  describeCache: MetadataCache;
  idempotency: { settings: IdempotencySettings; claims: Claims; fallback: FallbackKeyStore };
  channels: Channels;
  logger: Logger;
  settings: ServiceSettings;
  /** Told of what the use cases did, for metrics. */
  events: { followUp(channel: string, status: string): void };
  /** Drops cached answers that showed these records or their parents' lists (after a write). */
  written(records: Written[]): Promise<void>;
  /** Where what voice agents do is published for frontend tools (never a key or a message body). */
  activity: ActivityFeed;
  /** Who is calling: idempotency keys are scoped to it (the API key's name). */
  clientId: string;
  clock?: () => number;
}

/** Every loader of a request (checked against Loaders below: a loader added there must be named here). */
const LOADER_NAMES = [
  'customer',
  'account',
  'case',
  'followUp',
  'casesByCustomer',
  'followUpsByCustomer',
  'followUpsByCase',
  'call',
  'callsByCustomer',
  'callsByCase',
  'caseComment',
  'commentsByCase',
  'prime',
] as const satisfies readonly (keyof Loaders)[];
type Unnamed = Exclude<keyof Loaders, (typeof LOADER_NAMES)[number]>;
const everyLoaderNamed: [Unnamed] extends [never] ? true : Unnamed = true;
void everyLoaderNamed;

/** Getters that make a request's loaders on first use, shared by every request's loaders object. */
const LAZY_LOADERS: object = Object.defineProperties(
  {},
  Object.fromEntries(
    LOADER_NAMES.map((name) => [
      name,
      {
        get(this: { made(): Loaders }) {
          return this.made()[name];
        },
      },
    ]),
  ),
);

/**
 * One request's DataLoaders over its view of the client: they hold records, so each request has
 * its own. They are made when first used: a request answered from the cache never makes them.
 */
export function requestLoaders(sf: SalesforceApi, settings: Pick<ServiceSettings, 'orgFields'>, batch = true): Loaders {
  let made: Loaders | null = null;
  const loaders = Object.create(LAZY_LOADERS) as Loaders & { made(): Loaders };
  loaders.made = () => (made ??= createLoaders(sf, { orgFields: settings.orgFields, batch }));
  return loaders;
}
