/**
 * The per-request context. The Salesforce API client and the describe cache are shared by every
 * request; the DataLoaders, which hold records, are made anew for each request.
 */
import type { Logger } from 'pino';
import type { GatewaySettings } from './config';
import type { CountryCode } from './phone';
import type { TtlCache } from './salesforce/cache';
import type { SalesforceApi } from './salesforce/client';
import { createLoaders, type Loaders } from './salesforce/loaders';
import type { ContactFieldConfig } from './salesforce/records';

export interface ReadSettings {
  contactFields: ContactFieldConfig;
  defaultRegion: CountryCode;
  /** Off only for the naive N+1 baseline of the benchmark. */
  batch?: boolean;
}

export interface Services {
  sf: SalesforceApi;
  /** Org metadata (describe) shared across requests, refreshed after its TTL. */
  describeCache: TtlCache<unknown>;
  logger: Logger;
  settings: ReadSettings;
}

export interface Context extends Services {
  requestId: string;
  loaders: Loaders;
}

export function makeContext(services: Services) {
  return ({ request }: { request: Request }): Context => ({
    ...services,
    requestId: request.headers.get('x-request-id') ?? crypto.randomUUID(),
    loaders: createLoaders(services.sf, { contactFields: services.settings.contactFields, batch: services.settings.batch }),
  });
}

/** The shared services from configuration. */
export function createServices(sf: SalesforceApi, logger: Logger, settings: GatewaySettings, cache: TtlCache<unknown>): Services {
  return {
    sf,
    logger,
    describeCache: cache,
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
