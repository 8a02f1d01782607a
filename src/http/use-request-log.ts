/**
 * One log line per request, every request: 401s, 429s, parse and validation failures included.
 * Each line has the request id (the client's `X-Request-Id` when it is a sane one, else a new
 * one, echoed on every response), the client (API key name) and role, the operation, the status,
 * the duration, the error codes, and the Salesforce calls the request made. Values of the request
 * (variables, phone numbers, emails) never go into it.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError, getOperationAST, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Context } from '../schema/context';
import { GRAPHQL_PATHS, principalOf, refusalCodeOf, states, type RequestState } from './request-state';
import { requestedOperation } from './trusted-documents';

/** A client's request id is kept when it is 1–64 of these characters. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

const QUIET = new Set(['/health', '/ready']);

const newState = (id: string, path: string): RequestState => ({
  id,
  path,
  started: performance.now(),
  operation: null,
  codes: new Set(),
  errors: 0,
  context: null,
});

/** What a GraphQL request's line tells the metrics (http/metrics.ts: outcomes and error codes). */
export interface AnsweredOperation {
  operation: string | null;
  role: string | null;
  status: number;
  codes: readonly string[];
}

/**
 * `traceIdOf`: the request's trace id (http/tracing.ts), logged so that a line leads to its trace.
 * `answered`: told of every GraphQL request as its line is written.
 */
export function useRequestLog(
  logger: Logger,
  traceIdOf: (request: Request) => string | null,
  answered: (o: AnsweredOperation) => void = () => undefined,
): Plugin<Context> {
  return {
    onRequest({ request, url }) {
      const asked = request.headers.get('x-request-id');
      states.set(request, newState(asked && REQUEST_ID.test(asked) ? asked : randomUUID(), url.pathname));
    },
    onParams({ params, request }) {
      const state = states.get(request);
      // Bounded and well formed, or nothing: a client's 1 MB operationName never reaches the log.
      if (state) state.operation = requestedOperation(params as Parameters<typeof requestedOperation>[0]);
    },
    onExecute({ args }) {
      const ctx = args.contextValue as Context;
      const state = states.get((ctx as unknown as { request: Request }).request);
      if (!state) return;
      state.context = ctx;
      state.operation ??= getOperationAST(args.document as DocumentNode, args.operationName)?.name?.value ?? null;
    },
    onResultProcess({ request, result }) {
      const state = states.get(request);
      if (!state) return;
      for (const r of Array.isArray(result) ? result : [result]) {
        const errors = (r as { errors?: readonly unknown[] }).errors ?? [];
        state.errors += errors.length;
        for (const e of errors) {
          const code = e instanceof GraphQLError ? e.extensions.code : (e as { extensions?: { code?: unknown } }).extensions?.code;
          state.codes.add(typeof code === 'string' ? code : 'GRAPHQL_VALIDATION_FAILED');
        }
      }
    },
    onResponse({ request, response }) {
      const state = states.get(request) ?? newState(randomUUID(), new URL(request.url).pathname);
      const path = state.path;
      response.headers.set('x-request-id', state.id);
      // Refusals the edge answered itself never reach onResultProcess.
      const refused = refusalCodeOf(request);
      if (refused) {
        state.codes.add(refused);
        state.errors = Math.max(state.errors, 1);
      }
      const principal = principalOf(request);
      const line = {
        requestId: state.id,
        traceId: traceIdOf(request),
        method: request.method,
        path,
        status: response.status,
        ms: Math.round(performance.now() - state.started),
        client: principal?.name ?? null,
        role: principal?.role ?? null,
        operation: state.operation,
        errors: state.errors,
        errorCodes: [...state.codes],
        salesforceCalls: state.context?.sf.callsMade ?? 0,
        apiUsage: state.context?.sf.health().apiUsage ?? null,
      };
      if (GRAPHQL_PATHS.has(path)) answered({ operation: line.operation, role: line.role, status: line.status, codes: line.errorCodes });
      if (QUIET.has(path)) logger.debug(line, 'request');
      else logger.info(line, GRAPHQL_PATHS.has(path) ? 'graphql operation' : 'request');
    },
  };
}
