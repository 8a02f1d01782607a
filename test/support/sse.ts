/** GraphQL over Server-Sent Events, read as a browser's EventSource or Node client would read it. */
import type { Gateway } from '../../src/http/yoga';

export interface Stream {
  /** The HTTP status and content type the stream was answered with. */
  status: number;
  contentType: string | null;
  /** The next `next` event's payload (bounded by `ms`). */
  next<T = Record<string, unknown>>(
    ms?: number,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: Record<string, unknown> }>;
  close(): Promise<void>;
  /** Keepalives (`:` comment lines) read so far. */
  keepalives(): number;
}

/** Subscribes with a query's text, or (`{ documentId }`) a trusted document's id, or (`{ query, operationName }`) one operation of a document. */
export async function subscribe(
  yoga: Gateway,
  query: string | { documentId: string } | { query: string; operationName: string },
  variables: Record<string, unknown> = {},
  key: string | null = 'demo-frontend-key',
): Promise<Stream> {
  const abort = new AbortController();
  const res = await yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ ...(typeof query === 'string' ? { query } : query), variables }),
    signal: abort.signal,
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pending: string[] = [];
  let ended: Error | null = null;
  let keepalives = 0;
  let wake: () => void = () => undefined;
  // Read from the start, as a client does, into the events not yet asked for.
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          if (lines.every((l) => l.startsWith(':'))) keepalives++;
          if (lines.includes('event: next'))
            pending.push(
              lines
                .filter((l) => l.startsWith('data:'))
                .map((l) => l.slice(5).trim())
                .join('\n'),
            );
        }
        wake();
      }
    } catch (e) {
      ended = e instanceof Error ? e : new Error(String(e));
      wake();
    }
  })();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    async next(ms = 5_000) {
      const deadline = Date.now() + ms;
      while (pending.length === 0) {
        if (ended) throw ended;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event within ${ms} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => (clearTimeout(timer), resolve());
        });
      }
      return JSON.parse(pending.shift()!);
    },
    keepalives: () => keepalives,
    async close() {
      abort.abort();
      await reader.cancel().catch(() => undefined);
    },
  };
}
