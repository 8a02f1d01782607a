/**
 * Production mode tried locally: the emulator serves its REST API over TLS
 * with a self-signed certificate, and a production gateway process, trusting it through
 * NODE_EXTRA_CA_CERTS, logs in and answers; in production, a token answer that names an http
 * instance URL is refused.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startEmulators } from 'salesforce-emulator';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { TRUSTED_DOCUMENTS } from '../src/http/trusted-documents';
import { testConfig } from './support/config';
import { demoOrgEnv } from './support/credentials';
import { startTestEmulator } from './support/emulator';

const require = createRequire(import.meta.url);
const TSX = require.resolve('tsx/cli');
const ROOT = new URL('..', import.meta.url).pathname;
const KEY = 'prodagent:agent:Zq8vN3kR7tW2xY5bC9dF1gH4jK6mL0pQ';

describe('production over TLS', () => {
  it('refuses a token answer that names an http instance URL', async () => {
    const em = await startTestEmulator();
    try {
      await expect(createApp(testConfig(em.url, { env: 'production' }), { logger: pino({ level: 'silent' }) })).rejects.toThrow(
        /instance URL that is not https/,
      );
    } finally {
      await em.close();
    }
  });

  it('runs a production gateway process against the emulator over https, trusting its certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfgw-tls-'));
    const certificateFile = join(dir, 'emulator.pem');
    const em = await startEmulators({ port: 0, host: '127.0.0.1', tls: { certificateFile } });
    expect(em.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const child = spawn(process.execPath, [TSX, 'src/main.ts'], {
      cwd: ROOT,
      env: {
        NODE_ENV: 'production',
        NODE_EXTRA_CA_CERTS: certificateFile,
        PORT: '0',
        ...demoOrgEnv(em.url),
        GATEWAY_API_KEYS: KEY,
        CHANGE_EVENTS: 'false',
        SMS_ACCOUNT_SID: '',
        LOG_LEVEL: 'warn',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      // Listening once it prints the address it bound (bounded by that line, or the exit).
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          const m = /Gateway: (http:\/\/\S+\/graphql)/.exec(stdout);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
      });
      const id = [...TRUSTED_DOCUMENTS].find(([, d]) => d.startsWith('query CallerLookup'))![0];
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY.split(':')[2]}` },
        body: JSON.stringify({ documentId: `sha256:${id}`, variables: { phone: '+14155550134' } }),
      });
      const body = (await res.json()) as { data?: { customersByPhone?: { outcome: string } } };
      expect(body.data?.customersByPhone?.outcome, JSON.stringify(body)).toBe('UNIQUE_MATCH');
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await em.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
