/**
 * The per-request context. The Salesforce client, the describe cache and the shared stores serve
 * every request; the DataLoaders, which hold records, are made anew for each request
 * (so no record leaks between requests), over a view of the client bounded by the request's deadline.
 */
import { randomUUID } from 'node:crypto';
import type { AnswerDependencies } from '../cache/dependencies';
import type { Principal } from '../domain/principal';
import type { Context } from '../schema/context';
import { requestLoaders, type ServiceDeps } from '../services/context';
import type { Tracing } from './tracing';
import { principalOf, requestIdOf } from './request-state';

/** What lives as long as the app: ServiceDeps without the per-request parts. */
export interface AppServices extends Omit<ServiceDeps, 'clientId'> {
  /** A new request's dependencies (what its answer rests on), for the response cache. */
  dependencies(): AnswerDependencies;
  /** Time budget of a request. */
  deadlineMs: number;
  /** The shortest deadline a client may ask for. */
  deadlineFloorMs: number;
  /** Salesforce calls one request may make, retries included. */
  maxCallsPerRequest: number;
  /** Off only for the naive N+1 baseline of the benchmark. @default true */
  batch?: boolean;
  /** Spans of each request's Salesforce calls (none when tracing is off). */
  tracing: Pick<Tracing, 'callTracer'>;
}

/**
 * The request's deadline: the configured budget, or less when the client asks for less with
 * `X-Request-Timeout-Ms` (a voice agent knows how long its caller can wait), but never less than
 * `floorMs`: a deadline too short for any answer only burns calls. `own` is
 * the deadline the gateway would have given.
 */
export function deadlineFor(request: Request, budgetMs: number, floorMs: number, now = Date.now()): { deadline: number; own: number } {
  const asked = Number(request.headers.get('x-request-timeout-ms'));
  const ms = Number.isInteger(asked) && asked > 0 ? Math.min(Math.max(asked, Math.min(floorMs, budgetMs)), budgetMs) : budgetMs;
  return { deadline: now + ms, own: now + budgetMs };
}

/** What one read sees: its own deadline, view of the client, loaders and dependencies, for `principal`. */
function contextWith(services: AppServices) {
  const { deadlineMs: _budget, deadlineFloorMs: _floor, maxCallsPerRequest, batch, tracing: _tracing, dependencies: newDependencies, ...shared } = services;
  return (
    principal: Principal | null,
    requestId: string,
    deadline: { deadline: number; own: number },
    tracer?: ReturnType<AppServices['tracing']['callTracer']>,
  ): Context & { dependencies: AnswerDependencies } => {
    const dependencies = newDependencies();
    const sf = services.sf.withDeadline(deadline.deadline, maxCallsPerRequest, tracer, deadline.own).withReads(dependencies);
    return {
      ...shared,
      sf,
      requestId,
      principal,
      clientId: principal?.name ?? 'anonymous',
      loaders: requestLoaders(sf, services.settings, batch),
      dependencies,
    };
  };
}

export function makeContext(services: AppServices) {
  const context = contextWith(services);
  // `initial` is the object Yoga extends with what this returns: the context resolvers see.
  return (initial: { request: Request }): Context => {
    const { request } = initial;
    const deadline = deadlineFor(request, services.deadlineMs, services.deadlineFloorMs);
    return context(principalOf(request), requestIdOf(request), deadline, services.tracing.callTracer(initial));
  };
}

/**
 * The context of a read no request made: a live subscription's re-read (http/live-customers.ts).
 * The principal's, with a deadline, loaders and dependencies of its own, as a request's would be.
 */
export function makeReadContext(services: AppServices) {
  const context = contextWith(services);
  return (principal: Principal): Context & { dependencies: AnswerDependencies } => {
    const deadline = Date.now() + services.deadlineMs;
    return context(principal, `live-${randomUUID()}`, { deadline, own: deadline });
  };
}
