/**
 * The per-request context. The Salesforce API client and the describe cache are shared by every
 * request; the DataLoaders, which hold records, are made anew for each request.
 */
import type { Logger } from 'pino';
import type { Principal } from './auth';
import { principalOf } from './use-auth';
import type { GatewaySettings } from './config';
import type { CountryCode } from './phone';
import type { TtlCache } from './salesforce/cache';
import type { SalesforceApi } from './salesforce/client';
import { FallbackKeyStore, InFlight, type IdempotencyServices } from './salesforce/idempotency';
import { createLoaders, type Loaders } from './salesforce/loaders';
import type { Channels } from './messaging/channel';
import type { ContactFieldConfig } from './salesforce/records';

export interface ReadSettings {
  /** Time budget of a request. */
  deadlineMs: number;
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
  /** The API key's principal (set by the auth plugin before anything executes). */
  principal: Principal | null;
  /** Who is calling: idempotency keys are scoped to it (the API key's name). */
  clientId: string;
  loaders: Loaders;
}

/**
 * The request's deadline: the configured budget, or less when the client asks for less with
 * `X-Request-Timeout-Ms` (a voice agent knows how long its caller can wait).
 */
export function deadlineFor(request: Request, budgetMs: number, now = Date.now()): number {
  const asked = Number(request.headers.get('x-request-timeout-ms'));
  const ms = Number.isInteger(asked) && asked > 0 ? Math.min(asked, budgetMs) : budgetMs;
  return now + ms;
}

export function makeContext(services: Services) {
  return ({ request }: { request: Request }): Context => {
    const sf = services.sf.withDeadline(deadlineFor(request, services.settings.deadlineMs));
    return {
      ...services,
      sf,
    requestId: request.headers.get('x-request-id') ?? crypto.randomUUID(),
      principal: principalOf(request),
      clientId: principalOf(request)?.name ?? 'anonymous',
      loaders: createLoaders(sf, { contactFields: services.settings.contactFields, batch: services.settings.batch }),
    };
  };
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
      deadlineMs: settings.requestDeadlineMs,
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
