/** The little HTTP the emulator needs: headers, bounded bodies and JSON answers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SfError } from './salesforce/errors';

export const JSON_TYPE = 'application/json;charset=UTF-8';

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export async function readBody(req: IncomingMessage, limit = 20 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw SfError.one(413, 'REQUEST_TOO_LARGE', 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
