/** One log line per GraphQL operation with its request id, duration, error count and the current API usage. */
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Context } from '../schema/context';

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
