/**
 * The production build: `npm run build` compiles to dist/, `node dist/main.js` starts against an
 * org and answers /health and GraphQL, and the Dockerfile names paths that exist (Docker itself
 * cannot run on our machines).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulators } from 'salesforce-emulator';
import { ENV_VARIABLES, loadConfig } from '../src/config';
import { startTestEmulator } from './support/emulator';

const ROOT = new URL('..', import.meta.url).pathname;
let em: RunningEmulators;

beforeAll(async () => {
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  em = await startTestEmulator();
}, 120_000);
afterAll(() => em.close());

describe('npm run build', () => {
  it('writes dist/main.js, which starts against an org, answers /health and GraphQL, and stops on SIGTERM', async () => {
    expect(existsSync(new URL('dist/main.js', `file://${ROOT}`))).toBe(true);
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: ROOT,
      env: {
        PORT: '0',
        LOG_LEVEL: 'silent',
        SALESFORCE_CLIENT_ID: 'demo-client-id',
        SALESFORCE_CLIENT_SECRET: 'demo-client-secret',
        SALESFORCE_USERNAME: 'integration@demo.example',
        SALESFORCE_PASSWORD: 'demo-passwordDEMOTOKEN',
        SALESFORCE_TOKEN_URL: `${em.url}/services/oauth2/token`,
        GATEWAY_API_KEYS: 'agent:agent:0123456789abcdefghij',
      },
    });
    try {
      const gateway = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /Gateway: (http:\/\/\S+)\/graphql/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.once('exit', () => reject(new Error(`dist/main.js exited: ${out}`)));
      });
      expect((await fetch(`${gateway}/health`)).status).toBe(200);
      const res = await fetch(`${gateway}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer 0123456789abcdefghij' },
        body: JSON.stringify({ query: '{ customersByPhone(phone: "+14155550134") { outcome } }' }),
      });
      expect(await res.json()).toMatchObject({ data: { customersByPhone: { outcome: 'UNIQUE_MATCH' } } });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});

describe('the Dockerfile', () => {
  const dockerfile = readFileSync(new URL('Dockerfile', `file://${ROOT}`), 'utf8');

  it('copies only paths that exist, and runs the build output as a non-root user', () => {
    const copies = [...dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/).slice(0, -1));
    expect(copies.length).toBeGreaterThan(0);
    for (const source of copies) expect(existsSync(`${ROOT}${source}`), source).toBe(true);
    const cmd = /^CMD \[(.+)\]$/m.exec(dockerfile)![1]!;
    expect(cmd).toContain('"dist/main.js"');
    expect(existsSync(`${ROOT}dist/main.js`)).toBe(true);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/HOST=0\.0\.0\.0/);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/health/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
  });

  it('builds on Node 24 LTS, and sends no node_modules, dist, tests or secrets as build context', () => {
    expect([...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1])).toEqual(['node:24-bookworm-slim', 'node:24-bookworm-slim']);
    const ignored = readFileSync(new URL('.dockerignore', `file://${ROOT}`), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    for (const path of ['node_modules', 'dist', '.git', 'test', 'gateway.env']) expect(ignored, path).toContain(path);
  });

  it('runs compose with no more than `cp gateway.env.example gateway.env`: the example names only variables the gateway reads', () => {
    const example = readFileSync(new URL('gateway.env.example', `file://${ROOT}`), 'utf8');
    const names = [...example.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
    expect(names).toEqual(
      expect.arrayContaining(['SALESFORCE_AUTH_FLOW', 'SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET', 'SALESFORCE_TOKEN_URL', 'GATEWAY_API_KEYS']),
    );
    for (const name of names) expect(ENV_VARIABLES, name).toContain(name);
    // As it stands, it is a whole production configuration (its placeholders in place).
    const env = Object.fromEntries(names.map((n) => [n, /^([A-Z_0-9]+)=(.*)$/m.exec(example.slice(example.indexOf(`${n}=`)))![2]!]));
    expect(loadConfig({ ...env, NODE_ENV: 'production' }).salesforce).toMatchObject({ mode: 'org', flow: 'client_credentials' });
    expect(readFileSync(new URL('compose.yaml', `file://${ROOT}`), 'utf8')).toMatch(/env_file: gateway\.env/);
  });

  it('has a compose file with Redis and two gateway replicas sharing it', () => {
    const compose = readFileSync(new URL('compose.yaml', `file://${ROOT}`), 'utf8');
    expect(compose).toMatch(/^ {2}redis:$/m);
    expect(compose).toMatch(/^ {2}gateway-a:/m);
    expect(compose).toMatch(/^ {2}gateway-b:/m);
    expect(compose).toMatch(/REDIS_URL: redis:\/\/redis:6379/);
  });
});
