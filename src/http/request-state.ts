/**
 * What the edge's plugins know of one request, keyed by the Request itself: who is calling, the
 * refusal it was answered with, and its log state (its id and the GraphQL context it ran with).
 * Each plugin sets its part here and reads the others' here, so that no plugin imports another.
 */
import { randomUUID } from 'node:crypto';
import type { Principal } from '../domain/principal';
import type { Context } from '../schema/context';

/** The paths GraphQL is served on. */
export const GRAPHQL_PATHS: ReadonlySet<string> = new Set(['/graphql', '/graphql/']);

const principals = new WeakMap<Request, Principal>();

/** Set by the auth plugin once the key is known. */
export const setPrincipal = (request: Request, principal: Principal) => void principals.set(request, principal);

/** The authenticated caller of a request that passed the edge checks. */
export function principalOf(request: Request): Principal | null {
  return principals.get(request) ?? null;
}

const refusals = new WeakMap<Request, string>();

/** The code of the refusal the edge answered this request with, for its log line. */
export function refusalCodeOf(request: Request): string | null {
  return refusals.get(request) ?? null;
}

export interface Refusal {
  status: number;
  code: string;
  message: string;
  retryable: boolean;
  headers?: Record<string, string>;
  /** Extra extensions, e.g. retryAfter. */
  extensions?: Record<string, unknown>;
}

/** A JSON error answer with an `extensions.code`, noted for the request's log line. */
export function refusal(request: Request, r: Refusal): Response {
  refusals.set(request, r.code);
  const body = { errors: [{ message: r.message, extensions: { code: r.code, retryable: r.retryable, ...r.extensions } }] };
  return new Response(JSON.stringify(body), { status: r.status, headers: { 'content-type': 'application/json', ...r.headers } });
}

export interface RequestState {
  id: string;
  /** The URL's path, as the request arrived. */
  path: string;
  started: number;
  operation: string | null;
  codes: Set<string>;
  errors: number;
  context: Context | null;
}

export const states = new WeakMap<Request, RequestState>();

/** The GraphQL context a request executed with (null until it executes, or if it never does). */
export function contextOf(request: Request): Context | null {
  return states.get(request)?.context ?? null;
}

/** The request's id, as logged and echoed. */
export function requestIdOf(request: Request): string {
  return states.get(request)?.id ?? randomUUID();
}
