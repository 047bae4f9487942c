import { startTracing } from '@accord/platform/telemetry';

/** Imported first by main.ts: instrumentation must wrap pg, ioredis and express before they load. */
export const tracing = startTracing('accord-api');
