/** The demo org's credentials as the gateway's configuration would hold them (no test runner imports). */
import { readFileSync } from 'node:fs';
import type { AuthFlow, SalesforceCredentials } from '../../src/config';
import { DEMO_CREDENTIALS, DEMO_JWT_PRIVATE_KEY_FILE } from 'salesforce-emulator';

export function demoCredentials(url: string, flow: AuthFlow = 'password'): SalesforceCredentials {
  return {
    flow,
    clientId: DEMO_CREDENTIALS.clientId,
    clientSecret: DEMO_CREDENTIALS.clientSecret,
    username: DEMO_CREDENTIALS.username,
    password: DEMO_CREDENTIALS.password + DEMO_CREDENTIALS.securityToken,
    privateKey: readFileSync(DEMO_JWT_PRIVATE_KEY_FILE, 'utf8'),
    tokenUrl: `${url}/services/oauth2/token`,
    audience: 'https://login.salesforce.com',
  };
}
