/**
 * The per-request context. The Salesforce API client is shared by every request; anything that
 * caches records (the DataLoaders) is made anew for each request.
 */
import type { Logger } from 'pino';
import type { SalesforceApi } from './salesforce/client';
import type { TtlCache } from './salesforce/cache';

export interface Services {
  sf: SalesforceApi;
  /** Org metadata (describe) shared across requests, refreshed after its TTL. */
  describeCache: TtlCache<unknown>;
  logger: Logger;
}

export interface Context extends Services {
  requestId: string;
}

export function makeContext(services: Services) {
  return ({ request }: { request: Request }): Context => ({
    ...services,
    requestId: request.headers.get('x-request-id') ?? crypto.randomUUID(),
  });
}
