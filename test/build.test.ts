/**
 * The image as the Dockerfile builds it, replayed without a container engine (none runs on our
 * machines): each stage gets exactly what it copies (honouring .dockerignore), runs its steps, and
 * the runtime stage's command starts in production mode against the emulator over https,
 * answers /health (the image's own HEALTHCHECK command says healthy), GraphQL, and stops on
 * SIGTERM. What cannot be replayed here: the base image itself, and `npm ci` from the registry
 * (the installed node_modules stand in; the runtime's has dev dependencies too).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { startEmulators } from 'salesforce-emulator';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES, loadConfig } from '../src/config';
import { demoOrgEnv } from './support/credentials';
import { TRUSTED_DOCUMENTS } from '../src/http/trusted-documents';

const ROOT = new URL('..', import.meta.url).pathname;

describe('the Dockerfile', () => {
  const dockerfile = readFileSync(new URL('Dockerfile', `file://${ROOT}`), 'utf8');

  it('copies only paths that exist, and runs the build output as a non-root user', () => {
    const copies = [...dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/).slice(0, -1));
    expect(copies.length).toBeGreaterThan(0);
    for (const source of copies) expect(existsSync(`${ROOT}${source}`), source).toBe(true);
    const cmd = /^CMD \[(.+)\]$/m.exec(dockerfile)![1]!;
    expect(cmd).toContain('"dist/main.js"');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/HOST=0\.0\.0\.0/);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/health/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
  });

  /** The stages, each from its FROM to the next. */
  const stages = dockerfile.split(/^(?=FROM )/m).filter((st) => st.startsWith('FROM'));
  const ignored = readFileSync(new URL('.dockerignore', `file://${ROOT}`), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const isIgnored = (path: string) => ignored.some((p) => (p.startsWith('*.') ? path.endsWith(p.slice(1)) : path === p || path.startsWith(`${p}/`)));
  /** Copies a stage's COPY sources into `tree`: from the build context (less .dockerignore), or from an earlier stage's tree. */
  const copyStage = (stage: string, tree: string, from: Record<string, string>) => {
    for (const [, flag, args] of stage.matchAll(/^COPY (?:--from=(\w+) )?(.+)$/gm)) {
      const parts = args!.trim().split(/\s+/);
      const target = parts.pop()!;
      for (const source of parts) {
        const base = flag ? from[flag]! : ROOT;
        const path = flag ? relative('/app', source) : source;
        if (!flag) expect(isIgnored(source), `${source} is copied but .dockerignore leaves it out of the context`).toBe(false);
        const to = target.endsWith('/') || target === './' ? join(tree, target, basename(path)) : join(tree, target);
        mkdirSync(dirname(to), { recursive: true });
        cpSync(join(base, path), to, { recursive: true, filter: (f) => flag !== undefined || !isIgnored(relative(ROOT, f)) });
      }
    }
  };

  it('builds from exactly what it copies, and its command serves in production against the emulator over https', async () => {
    const [build, runtime] = stages;
    expect(build).toMatch(/^RUN npm run build$/m);
    const trees = { build: mkdtempSync(join(tmpdir(), 'image-build-')), runtime: mkdtempSync(join(tmpdir(), 'image-runtime-')) };
    const certificateFile = join(trees.runtime, '..', `${basename(trees.runtime)}.pem`);
    const em = await startEmulators({ port: 0, host: '127.0.0.1', tls: { certificateFile } });
    try {
      copyStage(build!, trees.build, {});
      // `RUN npm ci` stands in as the installed dependencies (no registry here for a fresh install in a test).
      symlinkSync(join(ROOT, 'node_modules'), join(trees.build, 'node_modules'));
      const built = spawnSync('npm', ['run', 'build'], { cwd: trees.build, encoding: 'utf8' });
      expect(built.status, built.stderr).toBe(0);

      copyStage(runtime!, trees.runtime, { build: trees.build });
      expect(existsSync(join(trees.runtime, 'dist', 'main.js'))).toBe(true);
      expect(existsSync(join(trees.runtime, 'src')), 'the runtime image holds no sources').toBe(false);
      symlinkSync(join(ROOT, 'node_modules'), join(trees.runtime, 'node_modules'));
      // The image's ENV, then this machine's test rules (127.0.0.1, port 0) and an org to talk to.
      const imageEnv = Object.fromEntries([.../^ENV (.+)$/m.exec(runtime!)![1]!.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
      expect(imageEnv).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0' });
      const key = 'imageagent:agent:Zq8vN3kR7tW2xY5bC9dF1gH4jK6mL0pQ';
      const [command, ...args] = JSON.parse(`[${/^CMD \[(.+)\]$/m.exec(runtime!)![1]!}]`) as string[];
      expect(command).toBe('node');
      const child = spawn(process.execPath, args, {
        cwd: trees.runtime,
        env: {
          ...imageEnv,
          HOST: '127.0.0.1',
          PORT: '0',
          NODE_EXTRA_CA_CERTS: certificateFile,
          ...demoOrgEnv(em.url),
          GATEWAY_API_KEYS: key,
          CHANGE_EVENTS: 'false',
          LOG_LEVEL: 'warn',
        },
      });
      try {
        let out = '';
        const gateway = await new Promise<string>((resolve, reject) => {
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            const m = /Gateway: (http:\/\/\S+)\/graphql/.exec(out);
            if (m) resolve(m[1]!);
          });
          child.stderr.on('data', (d: Buffer) => (out += d.toString()));
          child.once('exit', () => reject(new Error(`the image's command exited: ${out}`)));
        });
        expect(em.url).toMatch(/^https:/);
        expect((await fetch(`${gateway}/health`)).status).toBe(200);
        // The image's HEALTHCHECK, as Docker runs it (in the container, on its PORT).
        const check = /^HEALTHCHECK .*\\\n\s*CMD (\[.+\])$/m.exec(dockerfile)![1]!;
        const [checkCommand, ...checkArgs] = JSON.parse(check) as string[];
        expect(checkCommand).toBe('node');
        const healthy = spawnSync(process.execPath, checkArgs, { env: { PORT: new URL(gateway).port }, encoding: 'utf8' });
        expect(healthy.status, healthy.stderr).toBe(0);
        // Production serves trusted documents only.
        const id = [...TRUSTED_DOCUMENTS].find(([, d]) => d.startsWith('query CallerLookup'))![0];
        const res = await fetch(`${gateway}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key.split(':')[2]}` },
          body: JSON.stringify({ documentId: `sha256:${id}`, variables: { phone: '+14155550134' } }),
        });
        expect(await res.json()).toMatchObject({ data: { customersByPhone: { outcome: 'UNIQUE_MATCH' } } });
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    } finally {
      await em.close();
      for (const tree of Object.values(trees)) rmSync(tree, { recursive: true, force: true });
      rmSync(certificateFile, { force: true });
    }
  }, 120_000);

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
