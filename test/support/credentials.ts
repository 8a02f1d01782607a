/** The demo org's credentials as the gateway's configuration would hold them (no test runner imports). */
import { readFileSync } from 'node:fs';
import type { SalesforceCredentials } from '../../src/config';
import type { AuthFlow } from '../../src/env/salesforce';
import { DEMO_CREDENTIALS, DEMO_JWT_PRIVATE_KEY_FILE } from 'salesforce-emulator';

/** Every flow's fields at once, any of them overridable (tests give wrong ones on purpose). */
export type AnyFlowCredentials = { flow: AuthFlow; clientId: string; clientSecret?: string; username?: string; password?: string; privateKey?: string } & {
  tokenUrl: string;
  audience: string;
  instanceUrl?: string;
};

export function demoCredentials(url: string, flow: AuthFlow = 'password', overrides: Partial<AnyFlowCredentials> = {}): SalesforceCredentials {
  const all: AnyFlowCredentials = {
    flow,
    clientId: DEMO_CREDENTIALS.clientId,
    clientSecret: DEMO_CREDENTIALS.clientSecret,
    username: DEMO_CREDENTIALS.username,
    password: DEMO_CREDENTIALS.password + DEMO_CREDENTIALS.securityToken,
    privateKey: readFileSync(DEMO_JWT_PRIVATE_KEY_FILE, 'utf8'),
    tokenUrl: `${url}/services/oauth2/token`,
    audience: 'https://login.salesforce.com',
    ...overrides,
  };
  // Each flow reads only its own fields; the config's parser is what proves a flow has them.
  return all as SalesforceCredentials;
}

/** The environment a gateway process needs to log in to the emulator's demo org (password flow). */
export function demoOrgEnv(emulatorUrl: string): Record<string, string> {
  return {
    SALESFORCE_CLIENT_ID: DEMO_CREDENTIALS.clientId,
    SALESFORCE_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
    SALESFORCE_USERNAME: DEMO_CREDENTIALS.username,
    SALESFORCE_PASSWORD: DEMO_CREDENTIALS.password,
    SALESFORCE_SECURITY_TOKEN: DEMO_CREDENTIALS.securityToken,
    SALESFORCE_TOKEN_URL: `${emulatorUrl}/services/oauth2/token`,
  };
}
