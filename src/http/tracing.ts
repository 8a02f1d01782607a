/**
 * OpenTelemetry traces, when an OTLP endpoint is configured; otherwise nothing is made at all.
 *
 * A request to /graphql is one trace (or a part of the caller's, from its W3C `traceparent`):
 * - `POST /graphql`: the server span, with the status and the request id;
 * - `query.CallerLookup`: the operation (Envelop's OpenTelemetry plugin), its child;
 * - `salesforce.query`, `salesforce.sobject`, …: one child of the operation per HTTP attempt to
 *   Salesforce, with its kind, method, attempt number, status and error code.
 * No span carries variables, SOQL, record Ids or values of the request; the operation's document
 * only when it has no inline arguments (Envelop's rule).
 */
import { getCurrentOtelContext, setCurrentOtelContext, useOpenTelemetry } from '@envelop/opentelemetry';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  isSpanContextValid,
  trace,
  type Context as OtelContext,
  type Span,
  type TextMapGetter,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import type { Plugin } from 'graphql-yoga';
import { contextOf } from './request-state';
import type { TracingSettings } from '../config';
import type { CallTracer } from '../salesforce/observer';

export interface Tracing {
  /** Yoga plugins: the request span and the operation span. None when tracing is off. */
  plugins: Plugin[];
  /** The request's trace id, for its log line: its span's, or when off the caller's `traceparent`'s. */
  traceIdOf(request: Request): string | null;
  /** The spans of one request's Salesforce calls, children of its operation; undefined when off. */
  callTracer(graphqlContext: object): CallTracer | undefined;
  /** Sends the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

const propagator = new W3CTraceContextPropagator();
const headerGetter: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

/** The caller's trace context from `traceparent` (and `tracestate`); ROOT_CONTEXT when absent or malformed. */
function callerContext(request: Request): OtelContext {
  return propagator.extract(ROOT_CONTEXT, request.headers, headerGetter);
}

/** Routes without a trace: probes and scrapes, which would drown the traces that matter. */
const UNTRACED = new Set(['/health', '/ready', '/metrics']);

/** Tracing off: no plugin, no span; the log line still carries the caller's trace id. */
const OFF: Tracing = {
  plugins: [],
  traceIdOf: (request) => {
    if (!request.headers.has('traceparent')) return null;
    const span = trace.getSpanContext(callerContext(request));
    return span && isSpanContextValid(span) ? span.traceId : null;
  },
  callTracer: () => undefined,
  shutdown: async () => undefined,
};

export function createTracing(settings: TracingSettings | null): Tracing {
  if (!settings) return OFF;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    // The caller's sampling decision holds; a trace we start is recorded.
    sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: settings.tracesUrl }) })],
  });
  const tracer = provider.getTracer('salesforce-customer-gateway');
  const spans = new WeakMap<Request, { span: Span; context: OtelContext }>();

  const requestSpans: Plugin = {
    onRequest({ request }) {
      const path = new URL(request.url).pathname;
      if (UNTRACED.has(path)) return;
      const parent = callerContext(request);
      const span = tracer.startSpan(
        `${request.method} ${path}`,
        { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': path } },
        parent,
      );
      spans.set(request, { span, context: trace.setSpan(parent, span) });
    },
    // Runs before Envelop's plugin (it comes first): the operation span is the request span's child.
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const entry = request && spans.get(request);
      if (entry) setCurrentOtelContext(args.contextValue, entry.context);
    },
    onResponse({ request, response }) {
      const entry = spans.get(request);
      if (!entry) return;
      entry.span.setAttribute('http.response.status_code', response.status);
      // The Salesforce calls the request made, as its log line has them.
      entry.span.setAttribute('salesforce.calls', contextOf(request)?.sf.callsMade ?? 0);
      const requestId = response.headers.get('x-request-id');
      if (requestId) entry.span.setAttribute('gateway.request_id', requestId);
      if (response.status >= 500) entry.span.setStatus({ code: SpanStatusCode.ERROR });
      entry.span.end();
    },
  };

  return {
    plugins: [
      requestSpans,
      // Its context type names a symbol of its own, which Yoga's plugin type does not know.
      useOpenTelemetry(
        { resolvers: false, variables: false, result: false, document: true },
        provider,
        SpanKind.INTERNAL,
        {},
        'salesforce-customer-gateway',
      ) as Plugin,
    ],
    traceIdOf: (request) => spans.get(request)?.span.spanContext().traceId ?? OFF.traceIdOf(request),
    callTracer: (graphqlContext) => (kind, method, attempt) => {
      const span = tracer.startSpan(
        `salesforce.${kind}`,
        { kind: SpanKind.CLIENT, attributes: { 'salesforce.call.kind': kind, 'http.request.method': method, 'salesforce.call.attempt': attempt } },
        getCurrentOtelContext(graphqlContext),
      );
      return {
        end(status, errorCode) {
          span.setAttribute('salesforce.call.status', status);
          if (/^\d+$/.test(status)) span.setAttribute('http.response.status_code', Number(status));
          if (errorCode) {
            span.setAttribute('salesforce.error_code', errorCode);
            span.setStatus({ code: SpanStatusCode.ERROR, message: errorCode });
          }
          span.end();
        },
      };
    },
    shutdown: () => provider.shutdown(),
  };
}
