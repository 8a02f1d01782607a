/**
 * createGateway(deps) builds the Yoga app: schema, per-request context, error masking, GraphiQL.
 * It reads no environment and opens no port; main.ts and the tests do that.
 */
import { GraphQLError } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { Logger } from 'pino';
import type { Config, SecuritySettings } from './config';
import { makeContext, type Context, type Services } from './context';
import { toClientError } from './errors';
import { GRAPHIQL_EXAMPLES } from './graphiql-examples';
import { schema } from './schema/index';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { ApiKeys, DEMO_API_KEYS, RateLimiter, presentedKey } from './auth';
import { useAuth } from './use-auth';
import { useOperationLog, useReadiness } from './use-operations';
import { useSmsStatusWebhook } from './use-sms-status-webhook';

export interface SecurityDeps {
  keys: ApiKeys;
  rateLimiter: RateLimiter;
  /** Origins allowed by CORS; empty: none. */
  corsOrigins: string[];
  /** The demo keys are in use: GraphiQL opens with the demo designer key filled in. */
  demoKeys: boolean;
}

/**
 * Limits from the contract's real operations (test/security.test.ts runs them): the deepest is 11
 * levels, and the heaviest (50 customers × 5 cases × 3 follow-ups) costs 12,000 with armor's cost
 * model at depth factor 1 (it multiplies by literal `first` values; Relay connections add two
 * levels per list, so the default exponential depth factor would price them out).
 */
export const ARMOR_LIMITS = { maxDepth: 14, maxAliases: 20, maxDirectives: 10, maxTokens: 2_000, maxCost: 20_000 } as const;

export interface GatewayDeps {
  config: Pick<Config, 'env'>;
  services: Services;
  logger: Logger;
  security: SecurityDeps;
  /** Armor limits; the defaults fit the contract's operations. */
  limits?: Partial<Record<keyof typeof ARMOR_LIMITS, number>>;
  /** The SMS provider's delivery reports; off when no SMS provider is configured. */
  smsWebhook?: { authToken: string; publicBaseUrl: string | null } | null;
}

export type Gateway = YogaServerInstance<Record<string, unknown>, Context>;

const DEMO_DESIGNER_KEY = DEMO_API_KEYS.find((k) => k.role === 'designer')!.key;

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

export function createGateway({ config, services, logger, smsWebhook, security, limits }: GatewayDeps): Gateway {
  const production = config.env === 'production';
  const l = { ...ARMOR_LIMITS, ...limits };
  const armor = new EnvelopArmor({
    maxDepth: { n: l.maxDepth, exposeLimits: false },
    maxAliases: { n: l.maxAliases, exposeLimits: false },
    maxDirectives: { n: l.maxDirectives, exposeLimits: false },
    maxTokens: { n: l.maxTokens, exposeLimits: false },
    costLimit: { maxCost: l.maxCost, depthCostFactor: 1, exposeLimits: false },
    // Suggestions are stripped per role in useAuth (designers keep them).
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return createYoga<Record<string, unknown>, Context>({
    schema,
    plugins: [
      useReadiness(services.sf, logger),
      ...(smsWebhook ? [useSmsStatusWebhook({ ...smsWebhook, sf: services.sf, logger })] : []),
      useAuth({ keys: security.keys, rateLimiter: security.rateLimiter, production, graphqlEndpoint: '/graphql', logger }),
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] }),
      ...armor.plugins,
      useOperationLog(logger),
    ],
    cors: security.corsOrigins.length > 0 ? { origin: security.corsOrigins, methods: ['GET', 'POST'], credentials: false } : false,
    context: makeContext(services) as never,
    graphqlEndpoint: '/graphql',
    // Bundled GraphiQL: no CDN, which many networks cannot reach.
    renderGraphiQL,
    // In production only designers get GraphiQL; useAuth asks the others for a key.
    graphiql: (request) =>
      production && security.keys.authenticate(presentedKey(request.headers.get('authorization')))?.role !== 'designer'
        ? false
        : {
            title: 'Salesforce Customer Gateway',
            defaultQuery: GRAPHIQL_EXAMPLES,
            ...(security.demoKeys ? { headers: JSON.stringify({ Authorization: `Bearer ${DEMO_DESIGNER_KEY}` }) } : {}),
          },
    maskedErrors: { maskError: maskError(logger), isDev: false },
    landingPage: false,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      // Coded errors are expected outcomes (already logged where they arose); the rest is ours to fix.
      error: (...args) =>
        args[0] instanceof GraphQLError && typeof args[0].extensions.code === 'string'
          ? logger.debug({ code: args[0].extensions.code, path: args[0].path }, 'graphql error answered')
          : logger.error({ err: args[0] }, 'graphql server error'),
    },
  });
}

/** The gateway's security from configuration: hashed keys and a rate limiter per key. */
export function securityFrom(s: Pick<SecuritySettings, 'apiKeys' | 'rateLimits' | 'corsOrigins' | 'demoKeys'>): SecurityDeps {
  return { keys: new ApiKeys(s.apiKeys), rateLimiter: new RateLimiter(s.rateLimits), corsOrigins: s.corsOrigins, demoKeys: s.demoKeys };
}
