/**
 * Structured logs (pino) with redaction: credentials, tokens and API keys are censored wherever
 * they appear under the usual names, so that a careless `logger.info({ ...config })` cannot leak
 * them. The code also never logs headers or credentials on purpose; the canary test checks both.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export const REDACTED_PATHS = [
  'password',
  'clientSecret',
  'securityToken',
  'privateKey',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'authToken',
  'apiKey',
  'key',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'request.headers.authorization',
  '*.password',
  '*.clientSecret',
  '*.securityToken',
  '*.privateKey',
  '*.accessToken',
  '*.access_token',
  '*.refreshToken',
  '*.refresh_token',
  '*.authToken',
  '*.apiKey',
  '*.authorization',
  '*.headers.authorization',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
