/**
 * Authentication, rate limits and role rules at the HTTP edge of /graphql:
 * - no or unknown key: HTTP 401 (GraphiQL pages in production ask for a designer key by HTTP Basic);
 * - over the key's rate: HTTP 429 with a RATE_LIMITED error (retryable) and Retry-After;
 * - introspection only for designers (and agents outside production); field suggestions in
 *   validation errors only for designers.
 * Which fields a role may use is declared on the schema (Pothos scope-auth, schema/builder.ts).
 */
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { presentedKey, type ApiKeys, type LimiterStore, type Principal, type RateLimiter } from './api-keys';

const principals = new WeakMap<Request, Principal>();

/** The authenticated caller of a request that passed the edge checks. */
export function principalOf(request: Request): Principal | null {
  return principals.get(request) ?? null;
}

export interface AuthOptions {
  keys: ApiKeys;
  /** Failed authentications allowed per client address per minute; more are 429 without a look at the key. */
  authFailuresPerMinute: number;
  limiterStore: LimiterStore;
  rateLimiter: RateLimiter;
  production: boolean;
  graphqlEndpoint: string;
  logger: Logger;
}

const errorBody = (message: string, code: string, retryable: boolean) => JSON.stringify({ errors: [{ message, extensions: { code, retryable } }] });

function wantsGraphiQL(request: Request): boolean {
  return request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html');
}

/** The client's address, from the Node request under Yoga; `local` for in-process calls (tests). */
function clientAddress(serverContext: unknown): string {
  const req = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req;
  return req?.socket?.remoteAddress ?? 'local';
}

export function useAuth(o: AuthOptions): Plugin {
  const failures = o.limiterStore('auth-failures', o.authFailuresPerMinute, 60);
  return {
    async onRequest({ request, url, endResponse, fetchAPI, serverContext }) {
      if (url.pathname !== o.graphqlEndpoint) return;
      const address = clientAddress(serverContext);
      const throttled = await failures.get(address);
      if (throttled && throttled.remainingPoints <= 0) {
        return endResponse(
          new fetchAPI.Response(errorBody('Too many failed authentications from this address; wait a minute.', 'RATE_LIMITED', true), {
            status: 429,
            headers: { 'retry-after': String(Math.ceil(throttled.msBeforeNext / 1000)), 'content-type': 'application/json' },
          }),
        );
      }
      const presented = presentedKey(request.headers.get('authorization'));
      const principal = o.keys.authenticate(presented);
      // A wrong key counts against the address; no key at all (a browser's first try) does too.
      if (!principal && !wantsGraphiQL(request)) await failures.penalty(address, 1);
      if (wantsGraphiQL(request)) {
        // The page itself carries no data. In production only designers get it.
        if (!o.production || principal?.role === 'designer') return;
        return endResponse(
          new fetchAPI.Response('A designer API key is needed for GraphiQL (user name: anything, password: the key).', {
            status: 401,
            headers: { 'www-authenticate': 'Basic realm="GraphiQL", charset="UTF-8"', 'content-type': 'text/plain' },
          }),
        );
      }
      if (!principal) {
        return endResponse(
          new fetchAPI.Response(errorBody('A valid API key is required: Authorization: Bearer <key>.', 'UNAUTHENTICATED', false), {
            status: 401,
            headers: { 'www-authenticate': 'Bearer realm="gateway"', 'content-type': 'application/json' },
          }),
        );
      }
      const waitMs = await o.rateLimiter.take(principal);
      if (waitMs > 0) {
        o.logger.warn({ client: principal.name }, 'rate limit reached');
        return endResponse(
          new fetchAPI.Response(errorBody('Too many requests for this API key; slow down.', 'RATE_LIMITED', true), {
            status: 429,
            headers: { 'retry-after': String(Math.ceil(waitMs / 1000)), 'content-type': 'application/json' },
          }),
        );
      }
      principals.set(request, principal);
    },
    onValidate({ addValidationRule, context }) {
      const request = (context as { request?: Request }).request;
      const principal = request ? principalOf(request) : null;
      const mayIntrospect = principal?.role === 'designer' || (principal?.role === 'agent' && !o.production);
      if (!mayIntrospect) addValidationRule(NoSchemaIntrospectionCustomRule as ValidationRule);
      if (principal?.role === 'designer') return;
      // "Did you mean ...?" tells strangers what the schema holds; only designers see it.
      return ({ result, setResult }) => {
        if (result.length === 0) return;
        setResult(result.map((e) => (/Did you mean/.test(e.message) ? new GraphQLError(e.message.replace(/\s*Did you mean[^?]*\?/, ''), { nodes: e.nodes }) : e)));
      };
    },
  };
}
