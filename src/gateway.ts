/**
 * createGateway(deps) builds the Yoga app: schema, context, masking, plugins. It reads no
 * environment and opens no port; main.ts and the tests do that.
 */
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Config } from './config';
import { makeContext, type Context, type Services } from './context';
import { schema } from './schema';

export interface GatewayDeps {
  config: Pick<Config, 'env'>;
  services: Services;
  logger: Logger;
}

export type Gateway = YogaServerInstance<Record<string, unknown>, Context>;

export function createGateway({ config, services, logger }: GatewayDeps): Gateway {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    context: makeContext(services) as never,
    graphqlEndpoint: '/graphql',
    graphiql: config.env !== 'production',
    maskedErrors: { isDev: false },
    landingPage: false,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error({ err: args[0] }, 'graphql error'),
    },
  });
}
