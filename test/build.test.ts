/**
 * The production build: `npm run build` compiles to dist/, `node dist/main.js` starts against an
 * org and answers /health and GraphQL, and the Dockerfile names paths that exist (Docker itself
 * cannot run on our machines).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
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

  it('builds from exactly what its build stage copies, honouring .dockerignore: npm run build succeeds on that tree', () => {
    // The build stage: from its FROM to the next one. Each COPY's sources, as the build context
    // (the repository less .dockerignore) has them, go into an empty folder.
    const stage = dockerfile.slice(0, dockerfile.indexOf('FROM', dockerfile.indexOf('FROM') + 4));
    const ignored = readFileSync(new URL('.dockerignore', `file://${ROOT}`), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    const isIgnored = (path: string) => ignored.some((p) => (p.startsWith('*.') ? path.endsWith(p.slice(1)) : path === p || path.startsWith(`${p}/`)));
    const tree = mkdtempSync(join(tmpdir(), 'image-build-'));
    try {
      for (const [, args] of stage.matchAll(/^COPY (?!--from)(.+)$/gm)) {
        const parts = args!.trim().split(/\s+/);
        const target = parts.pop()!;
        for (const source of parts) {
          expect(isIgnored(source), `${source} is copied but .dockerignore leaves it out of the context`).toBe(false);
          const to = target.endsWith('/') || target === './' ? join(tree, target, basename(source)) : join(tree, target);
          cpSync(join(ROOT, source), to, { recursive: true, filter: (from) => !isIgnored(relative(ROOT, from)) });
        }
      }
      // `RUN npm ci` stands in as the installed dependencies (no registry here for a fresh install in a test).
      symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
      const build = spawnSync('npm', ['run', 'build'], { cwd: tree, encoding: 'utf8' });
      expect(build.status, build.stderr).toBe(0);
      expect(existsSync(join(tree, 'dist', 'main.js'))).toBe(true);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
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
    expect(names).toEqual(expect.arrayContaining(['SMS_ACCOUNT_SID', 'SMS_AUTH_TOKEN', 'SMS_FROM', 'PUBLIC_BASE_URL']));
    const env = Object.fromEntries(names.map((n) => [n, /^([A-Z_0-9]+)=(.*)$/m.exec(example.slice(example.indexOf(`${n}=`)))![2]!]));
    // As it stands, production refuses it, naming every placeholder still in place.
    const refused = (() => {
      try {
        loadConfig({ ...env, NODE_ENV: 'production' });
        return [];
      } catch (e) {
        return (e as Error).message;
      }
    })();
    const placeholders = names.filter((n) => /replace-with|your-domain/.test(env[n]!));
    expect(placeholders.sort()).toEqual(
      [
        'GATEWAY_API_KEYS',
        'PUBLIC_BASE_URL',
        'SALESFORCE_CLIENT_ID',
        'SALESFORCE_CLIENT_SECRET',
        'SALESFORCE_TOKEN_URL',
        'SMS_ACCOUNT_SID',
        'SMS_AUTH_TOKEN',
        'SMS_FROM',
      ].sort(),
    );
    for (const name of placeholders) expect(refused, name).toContain(`${name}: still holds the example's placeholder`);
    // Every placeholder replaced, it is a whole production configuration, SMS included.
    const filled: Record<string, string> = {
      ...env,
      SALESFORCE_CLIENT_ID: '3MVG9realConsumerKey',
      SALESFORCE_CLIENT_SECRET: 'F3A1realConsumerSecret',
      SALESFORCE_TOKEN_URL: 'https://acme.my.salesforce.com/services/oauth2/token',
      GATEWAY_API_KEYS: 'polyai-agent:agent:Zp4n8VqT1xY7cW2mK9sR3dF6gH0jL5bN',
      SMS_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
      SMS_AUTH_TOKEN: 'b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6',
      SMS_FROM: '+14155550100',
      PUBLIC_BASE_URL: 'https://gateway.acme.example',
    };
    const config = loadConfig({ ...filled, NODE_ENV: 'production' });
    expect(config.salesforce).toMatchObject({ mode: 'org', flow: 'client_credentials' });
    expect(config.messaging.sms).not.toBeNull();
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
