/**
 * OpenTelemetry traces: one trace per client request, from the gateway's server span through its
 * query plan and subgraph fetches (Apollo's `gateway.*` spans) to each subgraph's server span, its
 * SQL statements and its calls to other subgraphs. W3C `traceparent` carries the trace between
 * processes.
 *
 * Off unless an OTLP endpoint is configured (PERKMALL_OTLP_ENDPOINT, or the standard
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT / OTEL_EXPORTER_OTLP_ENDPOINT): then the SDK is loaded and spans
 * are exported over OTLP/HTTP (JSON) in batches. Off, nothing is loaded and every hook below is one
 * boolean test, so the hot path pays nothing.
 */
import type http from 'node:http';
import {
  context,
  propagation,
  trace,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';

let enabled = false;
let shutdown: (() => Promise<void>) | undefined;

/** Where spans go: the OTLP/HTTP traces URL, or undefined when tracing is off. */
export function otlpTracesUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (traces) return traces;
  const base = env.PERKMALL_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined;
}

export function tracingEnabled(): boolean {
  return enabled;
}

/**
 * Starts exporting this process's spans as `service` (service.name; service.namespace perkmall)
 * when an endpoint is configured. Idempotent: a process serving several components traces as the first.
 */
export function startTracing(service: string): void {
  if (enabled) return;
  const url = otlpTracesUrl();
  if (!url) return;
  // Loaded only when tracing is on: a process without an endpoint never pays for the SDK.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeTracerProvider, BatchSpanProcessor } =
    require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'service.namespace': 'perkmall' }),
    // OTEL_BSP_SCHEDULE_DELAY / OTEL_BSP_MAX_EXPORT_BATCH_SIZE tune the batches as usual.
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
  });
  // The AsyncLocalStorage context manager and the W3C trace-context propagator.
  provider.register();
  enabled = true;
  shutdown = () => provider.shutdown();
}

/** Sends the spans still batched (on a clean stop). */
export async function stopTracing(): Promise<void> {
  await shutdown?.().catch(() => undefined);
}

export function tracer() {
  return trace.getTracer('perkmall');
}

/** Trace and span id of the active span, for log lines; undefined when tracing is off. */
export function activeSpanIds(): { traceId: string; spanId: string } | undefined {
  if (!enabled) return undefined;
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;

/** The trace id a caller sent in `traceparent` (kept for logs while tracing is off). */
export function incomingTraceId(req: http.IncomingMessage): string | undefined {
  const value = req.headers.traceparent;
  if (typeof value !== 'string') return undefined;
  return TRACEPARENT.exec(value)?.[1];
}

/**
 * The server span of one HTTP request, continuing the caller's trace, and the context to run the
 * request in; undefined when tracing is off.
 */
export function startServerSpan(
  req: http.IncomingMessage,
  service: string,
  path: string,
): { span: Span; ctx: Context } | undefined {
  if (!enabled) return undefined;
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = tracer().startSpan(
    `${req.method ?? 'GET'} ${path}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method ?? 'GET', 'url.path': path, 'perkmall.service': service },
    },
    parent,
  );
  return { span, ctx: trace.setSpan(parent, span) };
}

export function endServerSpan(span: Span, status: number): void {
  span.setAttribute('http.response.status_code', status);
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/** Adds the current trace's `traceparent` to outgoing headers (a subgraph fetch, a service call). */
export function injectTraceContext(headers: Record<string, string | number>): void {
  if (!enabled) return;
  propagation.inject(context.active(), headers);
}

/** Renames the current request's span once its GraphQL operation is known. */
export function nameActiveSpan(name: string, attributes: Attributes): void {
  if (!enabled) return;
  const span = trace.getActiveSpan();
  if (!span) return;
  span.updateName(name);
  span.setAttributes(attributes);
}

/**
 * Runs `work` as a child span of the active one (a SQL statement, a service call); just runs it
 * when tracing is off or nothing is being traced (a background pass outside any request).
 */
export function inSpan<T>(name: string, kind: SpanKind, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  if (!enabled || !trace.getActiveSpan()) return work();
  return tracer().startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await work();
    } catch (e) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.message.slice(0, 200) : undefined });
      throw e;
    } finally {
      span.end();
    }
  });
}

export { SpanKind };
