/**
 * The Salesforce CLI (`sf`, @salesforce/cli 2.138.0) against the emulator, as a user runs it:
 * log in with an access token, then query, read, create, describe, search and display the org.
 * The CLI is not ours and is not in the repo: `.ci/run` installs the pinned version in
 * ~/.cache/sfgw-sf-cli, and runs it on the Node 24 that it also keeps there (the CLI's own
 * dependencies now need Node 22 or later). Without them this file is skipped; by hand:
 *   npm install --prefix ~/.cache/sfgw-sf-cli/2.138.0 @salesforce/cli@2.138.0
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestOrg } from './support';

const CLI_VERSION = '2.138.0';
const CLI = join(homedir(), '.cache', 'sfgw-sf-cli', CLI_VERSION, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js');

/** A Node of 22 or later from .ci/run's cache (the newest there). */
function modernNode(): string | null {
  const root = join(homedir(), '.cache', 'sfgw-node');
  if (!existsSync(root)) return null;
  const found = readdirSync(root)
    .filter((v) => Number(v.split('.')[0]) >= 22)
    .sort((a, b) => Number(b.split('.')[0]) - Number(a.split('.')[0]))
    .map((v) => join(root, v, 'package', 'bin', 'node'))
    .find((p) => existsSync(p));
  return found ?? null;
}

const NODE = modernNode();

describe.skipIf(!existsSync(CLI) || NODE === null)(`the Salesforce CLI ${CLI_VERSION}`, () => {
  const org = useTestOrg();
  const home = mkdtempSync(join(tmpdir(), 'sf-home-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  /** Runs `sf … --json` with a home of its own (its auth files), and answers its JSON. */
  const sf = (args: string[], extraEnv: string[] = []) =>
    new Promise<{ status: number; result: Record<string, unknown>; message?: string }>((resolve, reject) => {
      execFile(
        'env',
        [
          `HOME=${home}`,
          'SF_DISABLE_TELEMETRY=true',
          'SF_AUTOUPDATE_DISABLE=true',
          'SF_SKIP_NEW_VERSION_CHECK=true',
          ...extraEnv,
          NODE!,
          CLI,
          ...args,
          '--json',
        ],
        { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout) => {
          try {
            resolve(JSON.parse(stdout) as never);
          } catch {
            reject(error ?? new Error(`sf ${args[0]}: no JSON answer`));
          }
        },
      );
    });

  it('logs in with an access token, then queries, reads, creates, describes, searches and displays', { timeout: 120_000 }, async () => {
    const login = await sf(
      ['org', 'login', 'access-token', '--instance-url', org.em.url, '--no-prompt', '--alias', 'emu'],
      [`SF_ACCESS_TOKEN=${org.conn.accessToken}`],
    );
    expect(login.status, login.message).toBe(0);
    // It read userinfo and the Organization record.
    expect(login.result).toMatchObject({
      username: 'integration@demo.example',
      orgId: org.ids.organizationId,
      name: 'Demo Org (Salesforce emulator)',
      instanceName: 'EMU1',
    });

    const query = await sf(['data', 'query', '--query', "SELECT Id, Name, Account.Name FROM Contact WHERE LastName = 'Lovelace'", '--target-org', 'emu']);
    expect(query.status, query.message).toBe(0);
    expect(query.result).toMatchObject({
      totalSize: 1,
      records: [expect.objectContaining({ Name: 'Ada Lovelace', Account: expect.objectContaining({ Name: 'Acme Corporation' }) })],
    });

    const get = await sf(['data', 'get', 'record', '--sobject', 'Contact', '--record-id', org.ids.contacts.ada, '--target-org', 'emu']);
    expect(get.status, get.message).toBe(0);
    expect(get.result).toMatchObject({ Id: org.ids.contacts.ada, MobilePhone: '+14155550134' });

    const create = await sf([
      'data',
      'create',
      'record',
      '--sobject',
      'Account',
      '--values',
      "Name='CLI Co' BillingState=CA NumberOfEmployees=12",
      '--target-org',
      'emu',
    ]);
    expect(create.status, create.message).toBe(0);
    const created = await org.conn.sobject('Account').retrieve(String(create.result.id));
    expect(created).toMatchObject({ Name: 'CLI Co', BillingState: 'CA', NumberOfEmployees: 12 });

    const describe = await sf(['sobject', 'describe', '--sobject', 'Opportunity', '--target-org', 'emu']);
    expect(describe.status, describe.message).toBe(0);
    expect(describe.result).toMatchObject({ name: 'Opportunity', keyPrefix: '006' });

    const search = await sf(['data', 'search', '--query', 'FIND {Lovelace} IN NAME FIELDS RETURNING Contact(Name)', '--target-org', 'emu']);
    expect(search.status, search.message).toBe(0);
    expect(search.result).toMatchObject({ searchRecords: [expect.objectContaining({ Name: 'Ada Lovelace' })] });

    const display = await sf(['org', 'display', '--target-org', 'emu']);
    expect(display.status, display.message).toBe(0);
    expect(display.result).toMatchObject({ id: org.ids.organizationId, connectedStatus: 'Connected', username: 'integration@demo.example' });
  });
});
