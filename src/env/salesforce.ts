/**
 * The Salesforce org to log in to: one zod object per OAuth flow (password, client credentials,
 * JWT bearer) in a discriminated union on SALESFORCE_AUTH_FLOW, or, with no org variable set,
 * the embedded emulator. docs/salesforce-org.md walks through each flow.
 */
import { z } from 'zod';
import { port, section, text, url } from './values';

/** The Salesforce REST API version the gateway speaks. jsforce's own default is 50.0. */
export const DEFAULT_API_VERSION = '62.0';
export const AUTH_FLOWS = ['password', 'client_credentials', 'jwt'] as const;
export type AuthFlow = (typeof AUTH_FLOWS)[number];

const apiVersion = z
  .string()
  .trim()
  .regex(/^\d{2}\.0$/, 'must look like 62.0')
  .default(DEFAULT_API_VERSION);
const flow = z.enum(AUTH_FLOWS, { error: 'must be password, client_credentials or jwt' }).default('password');
const needed = (f: AuthFlow) =>
  z
    .string({ error: `required for the ${f} flow` })
    .trim()
    .min(1, `required for the ${f} flow`);
/** The connected app and its login, one zod object per OAuth flow (docs/salesforce-org.md). */
const login = <F extends AuthFlow>(f: F) => ({
  SALESFORCE_AUTH_FLOW: z.literal(f),
  SALESFORCE_API_VERSION: apiVersion,
  SALESFORCE_CLIENT_ID: needed(f),
  SALESFORCE_TOKEN_URL: z.string({ error: `required for the ${f} flow` }).pipe(url),
  SALESFORCE_INSTANCE_URL: url.optional(),
  SALESFORCE_LOGIN_AUDIENCE: url.optional(),
});
export function org(readFile: (path: string) => string) {
  const flows = z.discriminatedUnion(
    'SALESFORCE_AUTH_FLOW',
    [
      z.object({
        ...login('password'),
        SALESFORCE_CLIENT_SECRET: needed('password'),
        SALESFORCE_USERNAME: needed('password'),
        SALESFORCE_PASSWORD: needed('password'),
        SALESFORCE_SECURITY_TOKEN: text,
      }),
      z
        .object({ ...login('client_credentials'), SALESFORCE_CLIENT_SECRET: needed('client_credentials') })
        .refine((e) => !/^https:\/\/(login|test)\.salesforce\.com\//.test(e.SALESFORCE_TOKEN_URL), {
          // Salesforce answers "request not supported on this domain" (docs/salesforce-facts.md#auth).
          path: ['SALESFORCE_TOKEN_URL'],
          message: 'the client credentials flow needs the org\u2019s My Domain token URL, not login/test.salesforce.com',
        }),
      z.object({ ...login('jwt'), SALESFORCE_USERNAME: needed('jwt'), SALESFORCE_PRIVATE_KEY: text, SALESFORCE_PRIVATE_KEY_FILE: text }),
    ],
    { error: 'must be password, client_credentials or jwt' },
  );
  return z
    .preprocess(
      (env) => ({
        ...(env as object),
        SALESFORCE_AUTH_FLOW: flow.safeParse((env as Record<string, unknown>).SALESFORCE_AUTH_FLOW || undefined).data ?? 'unknown',
      }),
      flows,
    )
    .transform((e, ctx) => {
      const common = {
        mode: 'org' as const,
        apiVersion: e.SALESFORCE_API_VERSION,
        clientId: e.SALESFORCE_CLIENT_ID,
        /** The token endpoint, e.g. https://login.salesforce.com/services/oauth2/token or the My Domain one. */
        tokenUrl: e.SALESFORCE_TOKEN_URL,
        /** JWT `aud`: Salesforce wants the login host, even when the token request goes to My Domain. */
        audience:
          e.SALESFORCE_LOGIN_AUDIENCE ??
          (/^https:\/\/(test\.salesforce\.com|[^/]+\.sandbox\.my\.salesforce\.com)\//.test(e.SALESFORCE_TOKEN_URL)
            ? 'https://test.salesforce.com'
            : 'https://login.salesforce.com'),
        /** The org's base URL; taken from the token response when not set. */
        ...(e.SALESFORCE_INSTANCE_URL ? { instanceUrl: e.SALESFORCE_INSTANCE_URL } : {}),
      };
      if (e.SALESFORCE_AUTH_FLOW === 'password')
        // The password with the security token appended.
        return {
          ...common,
          flow: e.SALESFORCE_AUTH_FLOW,
          clientSecret: e.SALESFORCE_CLIENT_SECRET,
          username: e.SALESFORCE_USERNAME,
          password: e.SALESFORCE_PASSWORD + (e.SALESFORCE_SECURITY_TOKEN ?? ''),
        };
      if (e.SALESFORCE_AUTH_FLOW === 'client_credentials') return { ...common, flow: e.SALESFORCE_AUTH_FLOW, clientSecret: e.SALESFORCE_CLIENT_SECRET };
      const problem = (path: string, message: string) => (ctx.addIssue({ code: 'custom', path: [path], message }), z.NEVER);
      let privateKey = e.SALESFORCE_PRIVATE_KEY?.replace(/\\n/g, '\n');
      if (privateKey === undefined && e.SALESFORCE_PRIVATE_KEY_FILE === undefined)
        return problem('SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE', 'required for the jwt flow');
      try {
        privateKey ??= readFile(e.SALESFORCE_PRIVATE_KEY_FILE!);
      } catch {
        return problem('SALESFORCE_PRIVATE_KEY_FILE', 'cannot be read');
      }
      if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(privateKey)) return problem('SALESFORCE_PRIVATE_KEY', 'must be a PEM private key');
      return { ...common, flow: e.SALESFORCE_AUTH_FLOW, username: e.SALESFORCE_USERNAME, privateKey };
    });
}
/** No org configured: the gateway runs the local emulator with demo credentials (never in production). */
export const embedded = section({
  emulatorPort: ['EMULATOR_PORT', port(4010)],
  apiVersion: ['SALESFORCE_API_VERSION', apiVersion],
  flow: ['SALESFORCE_AUTH_FLOW', flow],
  /** The embedded org's shape (the emulator's profiles): demo, b2c or strict. */
  profile: ['EMULATOR_ORG_PROFILE', z.enum(['demo', 'b2c', 'strict'], { error: 'must be demo, b2c or strict' }).default('demo')],
}).transform((e) => ({ mode: 'embedded' as const, ...e }));

/** Variables whose presence means "talk to a real org" rather than the embedded emulator. */
export const ORG_VARIABLES = [
  'SALESFORCE_CLIENT_ID',
  'SALESFORCE_CLIENT_SECRET',
  'SALESFORCE_USERNAME',
  'SALESFORCE_PASSWORD',
  'SALESFORCE_TOKEN_URL',
  'SALESFORCE_INSTANCE_URL',
  'SALESFORCE_PRIVATE_KEY',
  'SALESFORCE_PRIVATE_KEY_FILE',
];
