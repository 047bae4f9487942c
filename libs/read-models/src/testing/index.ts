export * from './ledger-history.fixtures';
