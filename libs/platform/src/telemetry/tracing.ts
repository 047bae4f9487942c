import type { IncomingMessage, ServerResponse } from 'node:http';
import { CORRELATION_ATTRIBUTE } from './attributes';

export type Tracing = { shutdown(): Promise<void> };

/**
 * OpenTelemetry traces of HTTP, Express, PostgreSQL and Redis (BullMQ adds its own spans, see
 * bullmqTelemetry), exported over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT; nothing at all
 * when that is unset — the SDK, a few hundred files, is not even loaded then. Must run before
 * those libraries are first required, so each process's main.ts imports its `tracing.ts` first.
 * The exporter reads the standard OTEL_* variables (headers, timeouts, batch delay) itself.
 */
export function startTracing(
  service: string,
  env: NodeJS.ProcessEnv = process.env,
): Tracing | undefined {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  // Loaded here, synchronously and only when asked for: instrumentation must be in place before
  // the instrumented libraries load, and a process without tracing should not pay for it.
  const { NodeSDK } =
    require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } =
    require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { PgInstrumentation } =
    require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { IORedisInstrumentation } =
    require('@opentelemetry/instrumentation-ioredis') as typeof import('@opentelemetry/instrumentation-ioredis');
  const { resourceFromAttributes } =
    require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');

  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? service }),
    traceExporter: new OTLPTraceExporter(),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) =>
          request.url?.startsWith('/metrics') ?? false,
        // The request's own span carries the correlation id its log lines carry (given by the
        // caller or made up by the logger, and echoed on the response either way).
        applyCustomAttributesOnSpan: (span, _request, response) => {
          const id = (response as ServerResponse).getHeader?.('x-correlation-id');
          if (typeof id === 'string') span.setAttribute(CORRELATION_ATTRIBUTE, id);
        },
      }),
      new ExpressInstrumentation(),
      new PgInstrumentation(),
      new IORedisInstrumentation(),
    ],
  });
  sdk.start();
  return sdk;
}
