/**
 * The process itself (src/main.ts), run as `npm start` runs it: production with no org fails
 * closed, at once, with one line naming what to set.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const TSX = require.resolve('tsx/cli');
const ROOT = new URL('..', import.meta.url).pathname;

function run(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  // Only what the process needs from the environment: no SALESFORCE_* leaks in from the machine.
  const child = spawn(process.execPath, [TSX, 'src/main.ts'], { cwd: ROOT, env });
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
