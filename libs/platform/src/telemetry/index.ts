export * from './attributes';
export * from './bullmq-telemetry';
export * from './tracing';
