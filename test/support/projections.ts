import { EventStore, ProjectionRunner } from '@accord/event-store';
import { projections } from '@accord/read-models';
import type { TestApp } from './app';

/**
 * Every projection running against the test app's database, polling as the worker would: stop
 * the runner before closing the app.
 */
export async function startProjections(t: TestApp): Promise<ProjectionRunner> {
  const runner = new ProjectionRunner({
    databaseUrl: t.database.url,
    db: t.database.db,
    store: t.app.get(EventStore),
    projections,
    pollIntervalMs: 50,
  });
  await runner.start();
  return runner;
}
