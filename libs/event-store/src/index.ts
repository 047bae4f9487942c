export * from './command-handling';
export * from './errors';
export * from './event';
export * from './event-store';
export * from './event-store.module';
export * from './projections/projection';
export * from './projections/projection-runner';
export * from './upcasters';
