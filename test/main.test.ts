/**
 * The process itself (src/main.ts), run as `npm start` runs it: production with no org fails
 * closed, at once, with one line naming what to set.
 */
import { buildSchema, type GraphQLInputObjectType } from 'graphql';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTestEmulator } from './support/emulator';

const require = createRequire(import.meta.url);
const TSX = require.resolve('tsx/cli');
const ROOT = new URL('..', import.meta.url).pathname;

function run(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  // Only what the process needs from the environment: no SALESFORCE_* leaks in from the machine.
  const child = spawn(process.execPath, [TSX, 'src/main.ts', ...args], { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started })));
}

describe('npm start in production with no Salesforce org', () => {
  it('exits non-zero within seconds, names what to set, and never starts the demo', async () => {
    const result = await run({ NODE_ENV: 'production', PORT: '0', EMULATOR_PORT: '0' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('SALESFORCE_CLIENT_ID');
    expect(result.stderr).toContain('NODE_ENV=production needs a Salesforce org');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stdout).not.toMatch(/Gateway:|emulator/i); // listened on nothing, started nothing
    expect(result.ms).toBeLessThan(20_000); // generous: tsx compiles on a busy machine
  });
});

describe('npm start with a real org that cannot be used', () => {
  const org = (tokenUrl: string, password = 'demo-passwordDEMOTOKEN') => ({
    PORT: '0',
    SALESFORCE_CLIENT_ID: 'demo-client-id',
    SALESFORCE_CLIENT_SECRET: 'demo-client-secret',
    SALESFORCE_USERNAME: 'integration@demo.example',
    SALESFORCE_PASSWORD: password,
    SALESFORCE_TOKEN_URL: tokenUrl,
    GATEWAY_API_KEYS: 'agent:agent:0123456789abcdefghij',
  });

  it('tells a token URL where nothing answers from refused credentials, in plain lines', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const result = await run(org(`http://127.0.0.1:${closedPort}/services/oauth2/token`));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Start-up failed: Salesforce could not be reached at SALESFORCE_TOKEN_URL \(ECONNREFUSED\): nothing answers at that address/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at |refused the login/);
  });

  it('names the variables to check when Salesforce refuses the credentials, never echoing them', async () => {
    const em = await startTestEmulator();
    try {
      const result = await run(org(`${em.url}/services/oauth2/token`, 'canary-wrong-password'));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^Start-up failed: Salesforce refused the login \(invalid_grant\): .*SALESFORCE_PASSWORD/);
      expect(result.stderr + result.stdout).not.toContain('canary-wrong-password');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await em.close();
    }
  });
});

describe('SIGTERM', () => {
  it('lets a request in flight finish, then exits 0', async () => {
    const child = spawn(process.execPath, [TSX, 'src/main.ts'], {
      cwd: ROOT,
      env: { PORT: '0', EMULATOR_PORT: '0', LOG_LEVEL: 'silent', CHANGE_EVENTS: 'false' },
    });
    try {
      let out = '';
      const urls = await new Promise<{ gateway: string; emulator: string }>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const gateway = /Gateway: (http:\/\/\S+)/.exec(out)?.[1];
          const emulator = /Salesforce emulator: (http:\/\/\S+)/.exec(out)?.[1];
          if (gateway && emulator) resolve({ gateway, emulator });
        });
        child.once('exit', () => reject(new Error(`exited early: ${out}`)));
      });
      // Every Salesforce call now takes 1 s: the request below is in flight when SIGTERM comes.
      await fetch(`${urls.emulator}/__emulator/faults`, {
        method: 'PUT',
        body: JSON.stringify({ latencyMs: 1_000 }),
        headers: { 'content-type': 'application/json' },
      });
      const calls = async () => ((await (await fetch(`${urls.emulator}/__emulator/stats`)).json()) as { apiRequests: number }).apiRequests;
      // Start-up made calls of its own (describe): the request's is the next one.
      const before = await calls();
      const inFlight = fetch(urls.gateway, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key', 'x-request-timeout-ms': '5000' },
        body: JSON.stringify({ query: '{ caseOptions { origins { value } } }' }),
      });
      // Sent once the request has reached Salesforce (the emulator counts it on arrival).
      for (let i = 0; i < 250 && (await calls()) <= before; i++) await new Promise((r) => setTimeout(r, 20));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(((await res.json()) as { data?: unknown }).data).toMatchObject({ caseOptions: { origins: expect.any(Array) } });
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});

describe('npm start in demo mode (the embedded emulator)', () => {
  it('shows "yes, text me" as OPTED_IN (the demo org names its SMS opt-in field) and points / to /graphql', async () => {
    const child = spawn(process.execPath, [TSX, 'src/main.ts'], { cwd: ROOT, env: { PORT: '0', EMULATOR_PORT: '0', LOG_LEVEL: 'warn' } });
    let stdout = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          const m = /Gateway: (http:\/\/\S+)\/graphql/.exec(stdout);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const ada = (
        (await await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
          body: JSON.stringify({ query: '{ customersByPhone(phone: "+14155550134") { bestMatch { customer { id } } } }' }),
        }).then((r) => r.json())) as { data: { customersByPhone: { bestMatch: { customer: { id: string } } } } }
      ).data.customersByPhone.bestMatch.customer.id;
      const consent = (await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
        body: JSON.stringify({
          query: 'mutation($i: RecordConsentInput!) { recordConsent(input: $i) { __typename ... on RecordConsentSuccess { customer { consent { sms } } } } }',
          variables: { i: { customerId: ada, channel: 'SMS', status: 'OPTED_IN', source: 'said yes on the call', idempotencyKey: 'demo-yes' } },
        }),
      }).then((r) => r.json())) as { data: { recordConsent: { customer: { consent: { sms: string } } } } };
      expect(consent.data.recordConsent.customer.consent.sms).toBe('OPTED_IN');
      const root = await fetch(`${url}/`, { redirect: 'manual' });
      expect([root.status, root.headers.get('location')]).toEqual([302, '/graphql']);
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});

describe('npm start is one process that stops cleanly', () => {
  /** A port free now (bound and released). */
  const freePort = async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    return port;
  };
  const canBind = async (port: number) => {
    const probe = createServer();
    const ok = await new Promise<boolean>((resolve) => {
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (ok) await new Promise((resolve) => probe.close(resolve));
    return ok;
  };
  it('SIGTERM to npm’s own pid (as a process manager sends it) frees both ports within 10 s', async () => {
    // npm start runs `sh -c`, which passes no signal on: the script execs node, so npm's forwarded
    // SIGTERM reaches the gateway itself (one Node process, no tsx in between).
    const script = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } }).scripts.start;
    expect(script).toBe('exec node --import tsx src/main.ts');
    const [port, emulatorPort] = [await freePort(), await freePort()];
    // npm itself, run on this Node, with this Node first on the script's PATH (Node from the npm
    // registry ships without npm: the machine's is used then).
    const beside = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
    const npm = existsSync(beside)
      ? beside
      : join(dirname(realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim())), 'npm-cli.js');
    const child = spawn(process.execPath, [npm, 'start'], {
      cwd: ROOT,
      env: {
        PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
        HOME: tmpdir(),
        PORT: String(port),
        EMULATOR_PORT: String(emulatorPort),
        LOG_LEVEL: 'warn',
        // Longer than the test waits: an open subscription must end, not be waited out.
        SHUTDOWN_GRACE_MS: '60000',
      },
    });
    let stdout = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('Gateway:')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    expect([await canBind(port), await canBind(emulatorPort)]).toEqual([false, false]);
    // A frontend tool following agent activity over Server-Sent Events.
    const sse = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: 'Bearer demo-frontend-key' },
      body: JSON.stringify({ query: 'subscription { agentActivity { kind } }' }),
    });
    expect(sse.status).toBe(200);
    let streamed = '';
    const reader = sse.body!.getReader();
    const streamEnded = (async () => {
      for (let r = await reader.read(); !r.done; r = await reader.read()) streamed += Buffer.from(r.value).toString();
    })().catch(() => undefined);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const signalled = Date.now();
    process.kill(child.pid!, 'SIGTERM');
    expect(await exited).toBe(0);
    await streamEnded;
    // The subscription was completed, not cut at the end of the (60 s) grace.
    expect(streamed).toContain('event: complete');
    expect(Date.now() - signalled).toBeLessThan(30_000);
    // Both ports are free within 10 s of the signal (a wall-clock bound kept generous).
    while (!((await canBind(port)) && (await canBind(emulatorPort))) && Date.now() - signalled < 10_000) await new Promise((r) => setTimeout(r, 50));
    expect([await canBind(port), await canBind(emulatorPort)]).toEqual([true, true]);
  });

  it('a held emulator port is one plain line naming EMULATOR_PORT', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const held = (holder.address() as AddressInfo).port;
    try {
      const result = await run({ PORT: '0', EMULATOR_PORT: String(held) });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        `Start-up failed: the local Salesforce emulator cannot listen on 127.0.0.1:${held} (EADDRINUSE): check EMULATOR_PORT, or stop what holds the port.`,
      );
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});

describe('your org', () => {
  it("--print-schema prints the deployment's schema, the org file's fields included, and exits 0", async () => {
    // At the default log level: the logs go to stderr, so `--print-schema > file` is the schema alone.
    const result = await run({ PORT: '0', EMULATOR_PORT: '0', EMULATOR_ORG_PROFILE: 'b2c' }, ['--print-schema']);
    expect(result.stderr).toMatch(/"msg":"logged in to Salesforce"/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^type CustomerCustomFields \{$/m);
    expect(result.stdout).toContain('loyaltyTier: String');
    expect(result.stdout).toContain('custom: CustomerCustomFields!');
    expect(result.stdout).not.toMatch(/Gateway:|Salesforce emulator/);
    // The org's Case fields are writable: the inputs are part of the deployment's schema, which parses.
    const printed = buildSchema(result.stdout);
    expect(Object.keys((printed.getType('CaseCustomInput') as GraphQLInputObjectType).getFields())).toEqual(['reason']);
    expect((printed.getType('CreateCaseInput') as GraphQLInputObjectType).getFields().custom!.type.toString()).toBe('CaseCustomInput');
    expect((printed.getType('UpdateCaseInput') as GraphQLInputObjectType).getFields().custom!.type.toString()).toBe('CaseCustomInput');
  });

  it('a mistyped field in the org file stops start-up with one line naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'org-file-'));
    const file = join(dir, 'org.json');
    writeFileSync(file, JSON.stringify({ fields: { Customer: { loyaltyTier: 'Loyalty_Tyer__c' } } }));
    try {
      const result = await run({ PORT: '0', EMULATOR_PORT: '0', LOG_LEVEL: 'warn', EMULATOR_ORG_PROFILE: 'b2c', SALESFORCE_ORG_FILE: file });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([
        'Start-up failed: The org file does not fit the org:',
        '  - SALESFORCE_ORG_FILE: fields.Customer.loyaltyTier: Contact has no field Loyalty_Tyer__c that the integration user can read (check the API name and its field-level security)',
      ]);
      expect(result.stdout).not.toContain('Gateway:');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
