/**
 * Authentication, rate limits and role rules at the HTTP edge of /graphql (and /graphql/; edge.ts
 * refuses any other URL Yoga would serve GraphQL on):
 * - no or unknown key: HTTP 401 (GraphiQL pages in production ask for a designer key by HTTP Basic);
 *   too many failures from one address, or with one wrong key, are 429 for wrong keys only;
 * - over the key's rate: HTTP 429 with a RATE_LIMITED error (retryable) and Retry-After;
 * - over the org's daily budget for the key's role: HTTP 429 BUDGET_EXHAUSTED (http/policy/budget.ts);
 * - introspection only for designers (and agents outside production); field suggestions in
 *   validation errors only for designers.
 * Which fields a role may use is declared on the schema (Pothos scope-auth, schema/builder.ts).
 */
import { createHash } from 'node:crypto';
import type { BlockList } from 'node:net';
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { presentedKey, type ApiKeys, type LimiterStore, type Principal, type RateLimiter } from './policy/api-keys';
import { clientAddress } from './policy/edge-rules';
import { GRAPHQL_PATHS, principalOf, refusal, setPrincipal } from './request-state';

export interface AuthOptions {
  keys: ApiKeys;
  /**
   * Failed authentications allowed per minute, counted per client address and per presented key;
   * more from either are 429. A valid key is never refused for others' failures.
   */
  authFailuresPerMinute: number;
  limiterStore: LimiterStore;
  rateLimiter: RateLimiter;
  production: boolean;
  /** Proxies whose X-Forwarded-For names the client; null: the socket's peer is the client. */
  trustedProxies: BlockList | null;
  logger: Logger;
  /** Checked after the key and its rate: the org's daily budget for this principal (http/policy/budget.ts). */
  admit?: (request: Request, principal: Principal) => Promise<Response | null>;
}

function wantsGraphiQL(request: Request): boolean {
  return request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html');
}

/** A short fingerprint of a presented key: failures of one wrong key are counted together. */
const fingerprint = (key: string) => createHash('sha256').update(key, 'utf8').digest('base64url').slice(0, 22);

export function useAuth(o: AuthOptions): Plugin {
  const failures = o.limiterStore('auth-failures', o.authFailuresPerMinute, 60);
  const exhausted = (r: { remainingPoints: number } | null) => r !== null && r.remainingPoints <= 0;
  return {
    async onRequest({ request, url, endResponse, serverContext }) {
      if (!GRAPHQL_PATHS.has(url.pathname)) return;
      const presented = presentedKey(request.headers.get('authorization'));
      const principal = o.keys.authenticate(presented);
      if (wantsGraphiQL(request)) {
        // The page itself carries no data. In production only designers get it.
        if (!o.production || principal?.role === 'designer') return;
        return endResponse(
          new Response('A designer API key is needed for GraphiQL (user name: anything, password: the key).', {
            status: 401,
            headers: { 'www-authenticate': 'Basic realm="GraphiQL", charset="UTF-8"', 'content-type': 'text/plain' },
          }),
        );
      }
      if (!principal) {
        // Failures count per address and per presented key; neither ever holds back a valid key,
        // so ten wrong keys from behind a shared load balancer lock nobody out.
        const counters = [`address:${clientAddress(request, serverContext, o.trustedProxies)}`, ...(presented ? [`key:${fingerprint(presented)}`] : [])];
        const seen = await Promise.all(counters.map((c) => failures.get(c)));
        const throttled = seen.find(exhausted);
        await Promise.all(counters.map((c) => failures.penalty(c, 1)));
        if (throttled) {
          return endResponse(
            refusal(request, {
              status: 429,
              code: 'RATE_LIMITED',
              message: 'Too many failed authentications; wait a minute.',
              retryable: true,
              headers: { 'retry-after': String(Math.max(1, Math.ceil(throttled.msBeforeNext / 1000))) },
            }),
          );
        }
        return endResponse(
          refusal(request, {
            status: 401,
            code: 'UNAUTHENTICATED',
            message: 'A valid API key is required: Authorization: Bearer <key>.',
            retryable: false,
            headers: { 'www-authenticate': 'Bearer realm="gateway"' },
          }),
        );
      }
      const waitMs = await o.rateLimiter.take(principal);
      if (waitMs > 0) {
        o.logger.warn({ client: principal.name }, 'rate limit reached');
        return endResponse(
          refusal(request, {
            status: 429,
            code: 'RATE_LIMITED',
            message: 'Too many requests for this API key; slow down.',
            retryable: true,
            headers: { 'retry-after': String(Math.ceil(waitMs / 1000)) },
          }),
        );
      }
      const refused = o.admit ? await o.admit(request, principal) : null;
      if (refused) return endResponse(refused);
      setPrincipal(request, principal);
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
        setResult(
          result.map((e) => (/Did you mean/.test(e.message) ? new GraphQLError(e.message.replace(/\s*Did you mean[^?]*\?/, ''), { nodes: e.nodes }) : e)),
        );
      };
    },
  };
}
