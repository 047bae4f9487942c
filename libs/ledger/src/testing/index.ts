export * from './given-when-then.fixtures';
