export * from './database';
export * from './stream-tally.projection';
export * from './wait';
