import { BullMQOtel } from 'bullmq-otel';

/** BullMQ's own spans for queues and workers, when tracing is on; undefined otherwise. */
export function bullmqTelemetry(env: NodeJS.ProcessEnv = process.env): BullMQOtel | undefined {
  return env.OTEL_EXPORTER_OTLP_ENDPOINT ? new BullMQOtel({ tracerName: 'accord' }) : undefined;
}
