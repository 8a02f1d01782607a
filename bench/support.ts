/**
 * What several benchmarks share: percentiles, processes started as they ship (the emulator alone,
 * the gateway), and a GraphQL-over-SSE follower that counts the events it reads.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { App } from '../src/app';

const ROOT = new URL('../', import.meta.url);

/** The p-th percentile (nearest rank) of `values`; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A process of ours, up, with the URL it printed. */
export interface Proc {
  url: string;
  pid: number;
  child: ChildProcess;
}

/** Waits for the line of `child`'s output that names its URL (the first group of `line`). */
export async function started(child: ChildProcess, line: RegExp, what: string): Promise<Proc> {
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = line.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}): ${out}`)));
  });
  return { url, pid: child.pid!, child };
}

/** Runs a TypeScript entry of the repository as `npm start` or `npm run emulator` would, in `env`. */
export function runEntry(entry: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT.pathname,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The emulator alone, as `npm run emulator` runs it, on ports of its own. */
export function startEmulatorProcess(): Promise<Proc> {
  return started(runEntry('emulator/src/main.ts', { EMULATOR_PORT: '0', EMULATOR_PUBSUB_PORT: '0' }), /listening on (http:\/\/\S+)/, 'the emulator');
}

/** SIGTERM, and the exit. */
export async function stop(p: Proc): Promise<void> {
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill('SIGTERM');
  await exited;
}

/** A subscription over Server-Sent Events: the `next` events read so far, and the last one's block. */
export interface Follower {
  events(): number;
  last(): string;
  close(): void;
}

/** Subscribes with `body` (query and variables) as the frontend key, reading from the start. */
export async function follow(app: App, body: { query: string; variables?: Record<string, unknown> }): Promise<Follower> {
  const abort = new AbortController();
  const res = await app.yoga.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: 'Bearer demo-frontend-key' },
    body: JSON.stringify(body),
    signal: abort.signal,
  });
  if (res.status !== 200) throw new Error(`subscription refused: ${res.status}`);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let count = 0;
  let text = '';
  let last = '';
  void (async () => {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      text += decoder.decode(r.value, { stream: true });
      let end: number;
      while ((end = text.indexOf('\n\n')) >= 0) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        if (block.startsWith('event: next')) {
          count++;
          last = block;
        }
      }
    }
  })().catch(() => undefined);
  return { events: () => count, last: () => last, close: () => abort.abort() };
}
