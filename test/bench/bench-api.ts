import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { EventStore, ProjectionRunner } from '@accord/event-store';
import { type AppConfig, createKysely, createPool, loadConfig } from '@accord/platform';
import { PARTNERSHIP_FACTS, projections } from '@accord/read-models';
import type { INestApplication } from '@nestjs/common';
import { sql } from 'kysely';
import { createApi } from '../../apps/api/create-api';
import { obliterateReports } from './report-fanout.bench';

type Db = ReturnType<typeof createKysely>;

/** The API's configuration for a bench on `databaseUrl`: quiet, with a Redis prefix of its own. */
export function benchConfig(databaseUrl: string, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    REDIS_PREFIX: `accord-bench-${randomUUID().slice(0, 8)}`,
    ...env,
  });
}

/** Starts `app` on a free loopback port, and gives its base URL. */
export async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

/**
 * Closes the API and the bench's pool, and leaves nothing in Redis: the API made the reports
 * queue under the bench's own prefix.
 */
export async function closeBench(app: INestApplication, db: Db, config: AppConfig): Promise<void> {
  await app.close();
  await db.destroy();
  await obliterateReports({ url: config.redisUrl, maxRetriesPerRequest: null }, config.redisPrefix);
}

/** The API listening on a bench's database, and a pool and event store of the bench's own. */
export type BenchApi = Readonly<{
  config: AppConfig;
  app: INestApplication;
  base: string;
  db: Db;
  store: EventStore;
  close(): Promise<void>;
}>;

export async function startBenchApi(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<BenchApi> {
  const config = benchConfig(databaseUrl, env);
  const app = await createApi(config);
  const base = await listen(app);
  const db = createKysely(createPool(databaseUrl));
  return {
    config,
    app,
    base,
    db,
    store: new EventStore(db),
    close: () => closeBench(app, db, config),
  };
}

/** The projections, run in this process as the worker runs them (not yet started). */
export function projectionRunner(
  databaseUrl: string,
  db: Db,
  pollIntervalMs: number,
  store = new EventStore(db),
): ProjectionRunner {
  return new ProjectionRunner({ databaseUrl, db, store, projections, pollIntervalMs });
}

/**
 * Waits, 20 ms at a time, until the partnership facts have applied `total` events; `progress`
 * hears how many they had each time they had not.
 */
export async function factsApplied(
  db: Db,
  total: number,
  progress: (applied: number) => void = () => {},
): Promise<void> {
  for (;;) {
    const { rows } = await sql<{ applied: string }>`
      select events_applied as applied from projection_checkpoints
      where name = ${PARTNERSHIP_FACTS}`.execute(db);
    if (rows[0] && Number(rows[0].applied) >= total) return;
    progress(Number(rows[0]?.applied ?? 0));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
