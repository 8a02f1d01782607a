/**
 * The per-request context. The Salesforce API client and the describe cache are shared by every
 * request; the DataLoaders, which hold records, are made anew for each request.
 */
import type { Logger } from 'pino';
import type { GatewaySettings } from './config';
import type { CountryCode } from './phone';
import type { TtlCache } from './salesforce/cache';
import type { SalesforceApi } from './salesforce/client';
import { FallbackKeyStore, InFlight, type IdempotencyServices } from './salesforce/idempotency';
import { createLoaders, type Loaders } from './salesforce/loaders';
import type { Channels } from './messaging/channel';
import type { ContactFieldConfig } from './salesforce/records';

export interface ReadSettings {
  contactFields: ContactFieldConfig;
  defaultRegion: CountryCode;
  /** Off only for the naive N+1 baseline of the benchmark. */
  batch?: boolean;
}

export interface WriteSettings {
  idempotency: IdempotencyServices;
  /** Origin for cases that name none (when the org's picklist has it). */
  defaultCaseOrigin: string | null;
  /** A follow-up still PENDING after this long is answered as it stands rather than IN_PROGRESS. */
  pendingTimeoutMs: number;
}

export interface Services {
  sf: SalesforceApi;
  writes: WriteSettings;
  channels: Channels;
  /** Org metadata (describe) shared across requests, refreshed after its TTL. */
  describeCache: TtlCache<unknown>;
  logger: Logger;
  settings: ReadSettings;
}

export interface Context extends Services {
  requestId: string;
  /** Who is calling: idempotency keys are scoped to it. Until API keys exist, everyone is `default`. */
  clientId: string;
  loaders: Loaders;
}

export function makeContext(services: Services) {
  return ({ request }: { request: Request }): Context => ({
    ...services,
    requestId: request.headers.get('x-request-id') ?? crypto.randomUUID(),
    clientId: 'default',
    loaders: createLoaders(services.sf, { contactFields: services.settings.contactFields, batch: services.settings.batch }),
  });
}

/** The shared services from configuration. */
export function createServices(sf: SalesforceApi, logger: Logger, settings: GatewaySettings, cache: TtlCache<unknown>, channels: Channels): Services {
  return {
    sf,
    logger,
    channels,
    describeCache: cache,
    writes: {
      idempotency: {
        settings: { keyField: settings.idempotencyKeyField, fingerprintField: settings.fingerprintField },
        inFlight: new InFlight(),
        fallback: new FallbackKeyStore(),
      },
      defaultCaseOrigin: settings.defaultCaseOrigin,
      pendingTimeoutMs: settings.pendingTimeoutMs,
    },
    settings: {
      defaultRegion: settings.defaultRegion as CountryCode,
      contactFields: {
        smsOptOutField: settings.smsOptOutField,
        emailOptInField: settings.emailOptInField,
        smsOptInField: settings.smsOptInField,
        callOptInField: settings.callOptInField,
      },
    },
  };
}
