export * from './app';
export * from './browser';
export * from './database';
export * from './identity';
export * from './ledger';
export * from './oidc-provider';
export * from './stream-tally.projection';
export * from './wait';
