/**
 * What every request meets first, whatever its path:
 * - Yoga serves GraphQL on any URL that merely ends in `/graphql` (`/x?a=/graphql`), and answers
 *   readiness the same way (its health check, which says only "alive", runs before any plugin). A URL whose path is not the route it would be served as is
 *   refused here with 404, so the edge checks (key, rate, budget) see every GraphQL request on
 *   `/graphql` or `/graphql/` and nowhere else;
 * - `operationName`, `documentId` and Apollo's hash are bounded in length and form before anything
 *   logs, labels or looks them up;
 * - every refusal made at the edge has an `extensions.code`, and the request log is told it.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { GRAPHQL_PATHS, refusal } from './request-state';

/** The routes Yoga matches by the end of the whole URL, query string included. */
const SUFFIX_ROUTES = ['/graphql', '/graphql/', '/ready'];

/** A GraphQL name (the spec's), at most 100 characters. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

export function isOperationName(name: unknown): name is string {
  return typeof name === 'string' && OPERATION_NAME.test(name);
}

/** 404 for a URL that Yoga would serve as a route its path is not. */
export function useEdgePaths(): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      // The front door points to the API (and GraphiQL, for a browser).
      if (url.pathname === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
        return endResponse(
          new Response('The GraphQL API (and GraphiQL in a browser) is at /graphql.\n', {
            status: 302,
            headers: { location: '/graphql', 'content-type': 'text/plain' },
          }),
        );
      }
      const route = SUFFIX_ROUTES.find((suffix) => request.url.endsWith(suffix));
      if (route === undefined) return;
      const served = GRAPHQL_PATHS.has(route) ? GRAPHQL_PATHS : new Set([route]);
      if (!served.has(url.pathname)) {
        endResponse(refusal(request, { status: 404, code: 'NOT_FOUND', message: 'No such route: GraphQL is served on /graphql.', retryable: false }));
      }
    },
  };
}

const bad = (message: string) => createGraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', retryable: false, http: { status: 400 } } });

/**
 * `operationName` must be a GraphQL name of at most 100 characters; anything else is refused
 * before it reaches a log, a label or graphql-js (which would quote it back).
 */
export function useParamBounds(): Plugin {
  return {
    onParams({ params, setResult }) {
      const name = params.operationName;
      if (name !== undefined && name !== null && !isOperationName(name)) {
        setResult({ errors: [bad('operationName must be a GraphQL name (letters, digits and _) of at most 100 characters.')] });
      }
    },
  };
}

/**
 * Pages (GraphiQL: about 9 MB of HTML and script) carry an ETag and `Cache-Control: private,
 * no-cache`: a reload revalidates and gets `304 Not Modified`, no body. To clients that accept it
 * they go out gzip-compressed, and each distinct page is compressed once per process, not on every
 * request. Only responses: a compressed request body could expand far past the body limits
 * checked on its declared length.
 */
export function usePages(): Plugin {
  const gzipped = new LRUCache<string, Buffer>({ max: 4 });
  return {
    onResponse({ request, response, setResponse }) {
      const type = response.headers.get('content-type') ?? '';
      if (!type.startsWith('text/html') || !response.body || response.headers.has('content-encoding') || response.status !== 200) return;
      // Only a page waits for its body; every other answer goes on at once.
      return servePage(request, response, setResponse);
    },
  };

  async function servePage(request: Request, response: Response, setResponse: (response: Response) => void): Promise<void> {
    const page = Buffer.from(await response.arrayBuffer());
    const etag = `"${createHash('sha256').update(page).digest('base64url').slice(0, 27)}"`;
    const headers = new Headers(response.headers);
    headers.set('etag', etag);
    headers.set('cache-control', 'private, no-cache');
    headers.append('vary', 'accept-encoding');
    if (
      request.headers
        .get('if-none-match')
        ?.split(/\s*,\s*/)
        .includes(etag)
    ) {
      headers.delete('content-length');
      return setResponse(new Response(null, { status: 304, headers }));
    }
    let body: Buffer = page;
    if (/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) {
      body = gzipped.get(etag) ?? gzipSync(page);
      gzipped.set(etag, body);
      headers.set('content-encoding', 'gzip');
    }
    headers.set('content-length', String(body.length));
    setResponse(new Response(new Uint8Array(body), { status: 200, statusText: response.statusText, headers }));
  }
}
