import { startTracing } from '@accord/platform/telemetry';

/** Imported first by main.ts: instrumentation must wrap pg and ioredis before they load. */
export const tracing = startTracing('accord-worker');
