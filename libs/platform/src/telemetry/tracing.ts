import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { CORRELATION_ATTRIBUTE } from './attributes';

export type Tracing = { shutdown(): Promise<void> };

/**
 * OpenTelemetry traces of HTTP, Express, PostgreSQL and Redis (BullMQ adds its own spans, see
 * bullmqTelemetry), exported over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT; nothing at all
 * when that is unset. Must run before those libraries are first required, so each process's
 * main.ts imports its `tracing.ts` first. The exporter reads the standard OTEL_* variables
 * (headers, timeouts, batch delay) itself.
 */
export function startTracing(
  service: string,
  env: NodeJS.ProcessEnv = process.env,
): Tracing | undefined {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? service }),
    traceExporter: new OTLPTraceExporter(),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => request.url?.startsWith('/metrics') ?? false,
        // The request's own span carries the correlation id its log lines carry (given by the
        // caller or made up by the logger, and echoed on the response either way).
        applyCustomAttributesOnSpan: (span, _request, response) => {
          const id = 'getHeader' in response ? response.getHeader('x-correlation-id') : undefined;
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
