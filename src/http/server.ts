/**
 * The Node HTTP server around the app: timeouts and a connection cap, so that slow or idle
 * clients cannot hold the process; bodies bounded by their declared length before anything reads
 * them; a malformed Host refused with 400; and never a stack trace on any route.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ServerSettings } from '../config';
import { SMS_STATUS_PATH } from './use-sms-status-webhook';

export type ServerLimits = Omit<ServerSettings, 'host' | 'port'> & {
  /** How often Node checks requests against the timeouts. @default 1_000 */
  checkIntervalMs?: number;
};

/** A Host header as RFC 9110 allows it: a name or IPv4/IPv6 literal, and an optional port. */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~%!$&'()*+,;=-]+)(?::\d{1,5})?$/;

function answer(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close', ...headers });
  res.end(text);
}

/** The body limit of a request, by path: the webhook's is small, /graphql's larger. */
function bodyLimit(req: IncomingMessage, limits: ServerLimits): number {
  return (req.url ?? '').startsWith(SMS_STATUS_PATH) ? limits.maxWebhookBodyBytes : limits.maxBodyBytes;
}

export function createHttpServer(handler: (req: IncomingMessage, res: ServerResponse) => unknown, limits: ServerLimits): Server {
  const server = createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs ?? 1_000,
    },
    (req, res) => {
      const host = req.headers.host;
      if (host === undefined || !HOST.test(host)) return answer(res, 400, 'Bad Request: malformed Host header.');
      if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
        // Node frames the body by Content-Length, so the declared length bounds what can arrive.
        // A body without one (chunked) could be any size: it must say how long it is.
        const declared = req.headers['content-length'];
        if (declared === undefined && req.headers['transfer-encoding'] !== undefined) return answer(res, 411, 'Length Required.');
        if (declared !== undefined && Number(declared) > bodyLimit(req, limits)) return answer(res, 413, 'Payload Too Large.');
      }
      Promise.resolve()
        .then(() => handler(req, res))
        .catch(() => answer(res, 500, 'Internal Server Error.'));
    },
  );
  server.maxConnections = limits.maxConnections;
  // A request the parser cannot read (bad request line, oversized headers) is a plain 400, one too
  // slow a 408: no detail either way.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });
  return server;
}
