export * from './sample-report.fixtures';
