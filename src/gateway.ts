/**
 * createGateway(deps) builds the Yoga app: schema, per-request context, error masking, GraphiQL.
 * It reads no environment and opens no port; main.ts and the tests do that.
 */
import { GraphQLError } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { Logger } from 'pino';
import type { Config } from './config';
import { makeContext, type Context, type Services } from './context';
import { toClientError } from './errors';
import { GRAPHIQL_EXAMPLES } from './graphiql-examples';
import { schema } from './schema/index';
import { useOperationLog, useReadiness } from './use-operations';
import { useSmsStatusWebhook } from './use-sms-status-webhook';

export interface GatewayDeps {
  config: Pick<Config, 'env'>;
  services: Services;
  logger: Logger;
  /** The SMS provider's delivery reports; off when no SMS provider is configured. */
  smsWebhook?: { authToken: string; publicBaseUrl: string | null } | null;
}

export type Gateway = YogaServerInstance<Record<string, unknown>, Context>;

/**
 * Lane 2 of STYLE rule 11: coded errors pass, upstream failures get their code here, and
 * anything else is "Unexpected error." for the client and logged in full for us.
 */
function maskError(logger: Logger) {
  return (error: unknown): Error => {
    const graphqlError = error instanceof GraphQLError ? error : null;
    const original = graphqlError?.originalError ?? error;
    const mapped = toClientError(original);
    if (mapped instanceof GraphQLError && typeof mapped.extensions.code === 'string') {
      return new GraphQLError(mapped.message, { nodes: graphqlError?.nodes, path: graphqlError?.path, extensions: mapped.extensions });
    }
    if (graphqlError && !graphqlError.originalError) return graphqlError; // validation and parse errors
    logger.error({ err: original, path: graphqlError?.path }, 'unexpected error in a resolver');
    return new GraphQLError('Unexpected error.', {
      nodes: graphqlError?.nodes,
      path: graphqlError?.path,
      extensions: { code: 'INTERNAL_ERROR', retryable: false },
    });
  };
}

export function createGateway({ config, services, logger, smsWebhook }: GatewayDeps): Gateway {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    plugins: [
      useReadiness(services.sf, logger),
      useOperationLog(logger),
      ...(smsWebhook ? [useSmsStatusWebhook({ ...smsWebhook, sf: services.sf, logger })] : []),
    ],
    context: makeContext(services) as never,
    graphqlEndpoint: '/graphql',
    // Bundled GraphiQL: no CDN, which many networks cannot reach.
    renderGraphiQL,
    graphiql: config.env === 'production' ? false : { title: 'Salesforce Customer Gateway', defaultQuery: GRAPHIQL_EXAMPLES },
    maskedErrors: { maskError: maskError(logger) },
    landingPage: false,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error({ err: args[0] }, 'graphql server error'),
    },
  });
}
