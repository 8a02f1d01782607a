/**
 * The HTTP under jsforce, owned by us. jsforce has no public hook that shows a response's
 * headers, and we need `Retry-After` and the status of every call; it does read a `transport`
 * from the options of `Connection.request` (its HttpApi takes `options.transport` before its own),
 * so each call gets one of these. It sends with Node's fetch, bounded by a timeout, and keeps the
 * answer's status and headers for the caller. Nothing else of jsforce's internals is touched.
 *
 * If a jsforce upgrade stops honouring the option, `assertUsed` throws on the first call, so every
 * test that reaches Salesforce fails (test/transport.test.ts names the reason).
 */
import { PassThrough } from 'node:stream';

/** The request jsforce hands a transport. */
interface JsforceHttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/** The response jsforce expects back. */
interface JsforceHttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** The call never got an answer: refused, reset, or past its time. */
export class TransportFailure extends Error {
  constructor(
    /** `TIMEOUT`, or the socket error code (ECONNREFUSED, ECONNRESET, ENOTFOUND, ...). */
    readonly code: string,
    /** True unless the request certainly never reached the server (connection refused). */
    readonly mayHaveArrived: boolean,
    options?: { cause?: unknown },
  ) {
    super(code === 'TIMEOUT' ? 'Salesforce did not answer in time' : 'Salesforce could not be reached', options);
    this.name = 'TransportFailure';
  }
}

function socketCode(e: unknown): string {
  let cause: unknown = e;
  for (let i = 0; i < 4 && cause; i++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return 'NETWORK_ERROR';
}

/**
 * The request headers fetch may send: the body's framing (Content-Length, Transfer-Encoding) is
 * fetch's own to compute from the body it sends. A length jsforce computed is refused outright
 * when another undici than Node's own is the global dispatcher (the Pub/Sub client loads undici
 * 7), as "invalid content-length header".
 */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection', 'host']);
function sendable(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!headers) return headers;
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !FRAMING.has(name.toLowerCase())));
}

/** One call's transport: hand it to `conn.request(req, { transport })`, then read `response`. */
export class CallTransport {
  /** Status and headers (lower-case names) of the answer, once it came. */
  response: { status: number; headers: Record<string, string> } | null = null;
  private used = false;

  constructor(private readonly timeoutMs: number) {}

  httpRequest(req: JsforceHttpRequest): Promise<JsforceHttpResponse> & { stream(): PassThrough } {
    this.used = true;
    const promise = this.send(req) as Promise<JsforceHttpResponse> & { stream(): PassThrough };
    // jsforce pipes a request stream through this; REST calls carry their body in `req.body`.
    promise.stream = () => new PassThrough();
    return promise;
  }

  /** Throws when jsforce answered without calling this transport (see the module comment). */
  assertUsed(): void {
    if (!this.used) throw new Error('jsforce did not use the gateway transport: check salesforce/transport.ts against this jsforce version');
  }

  private async send(req: JsforceHttpRequest): Promise<JsforceHttpResponse> {
    let res: Response;
    let body: string;
    try {
      res = await fetch(req.url, {
        method: req.method,
        headers: sendable(req.headers),
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : req.body,
        signal: AbortSignal.timeout(Math.max(1, Math.ceil(this.timeoutMs))),
        redirect: 'manual',
      });
      body = await res.text();
    } catch (e) {
      const name = (e as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new TransportFailure('TIMEOUT', true, { cause: e });
      const code = socketCode(e);
      throw new TransportFailure(code, code !== 'ECONNREFUSED', { cause: e });
    }
    const headers = Object.fromEntries(res.headers);
    this.response = { status: res.status, headers };
    return { statusCode: res.status, headers, body };
  }
}
