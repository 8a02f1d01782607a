/**
 * What operators see: `GET /ready`, which makes one cheap Salesforce call and reports the API usage
 * Salesforce counts (Sforce-Limit-Info, /limits) and the state of the circuits; and one log line
 * per GraphQL operation with its request id, duration, error count and the current API usage.
 */
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Context } from './context';
import type { SalesforceApi } from './salesforce/client';

export const READY_PATH = '/ready';

/**
 * @param cacheMs a probe every few seconds would spend the org's daily API budget (15,000 on some
 * editions), so a successful check is reused this long. @default 30_000
 */
export function useReadiness(sf: SalesforceApi, logger: Logger, cacheMs = 30_000): Plugin {
  let last: { at: number; daily: { used: number; limit: number } | null } | null = null;
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== READY_PATH) return;
      const json = (status: number, body: unknown) =>
        endResponse(new fetchAPI.Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
      try {
        if (!last || Date.now() - last.at >= cacheMs) {
          const limits = await sf.withDeadline(Date.now() + 2_000).request<{ DailyApiRequests?: { Max: number; Remaining: number } }>('GET', '/limits');
          const daily = limits.DailyApiRequests;
          last = { at: Date.now(), daily: daily ? { used: daily.Max - daily.Remaining, limit: daily.Max } : null };
        }
        json(200, { status: 'ready', salesforce: { ...sf.health(), dailyApiRequests: last.daily } });
      } catch (e) {
        last = null;
        logger.warn({ err: e }, 'readiness check failed');
        json(503, { status: 'unavailable', salesforce: sf.health() });
      }
    },
  };
}

export function useOperationLog(logger: Logger): Plugin<Context> {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const ctx = args.contextValue as Context;
      return {
        onExecuteDone({ result }) {
          const errors = 'errors' in result ? (result.errors?.length ?? 0) : 0;
          logger.info(
            {
              requestId: ctx.requestId,
              operation: getOperationAST(args.document, args.operationName)?.name?.value ?? null,
              ms: Math.round(performance.now() - started),
              errors,
              apiUsage: ctx.sf.health().apiUsage,
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
