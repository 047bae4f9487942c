import { randomBytes } from 'node:crypto';
import { AppConfig, loadConfig } from '@accord/platform';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApi } from '../../apps/api/create-api';
import { createTestDatabase, TestDatabase } from './database';

export type TestApp = {
  app: INestApplication;
  config: AppConfig;
  database: TestDatabase;
  /** A supertest client of the running API. */
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
};

/**
 * The real API on a database of its own and a Redis key prefix of its own, configured through
 * the same environment variables as production.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: database.url,
    REDIS_PREFIX: `accord-test-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // A test that wants the demo (SPEC §6) asks for it; the others start on an empty database.
    ACCORD_DEMO: 'off',
    ...env,
  });
  const app = await createApi(config);
  await app.init();
  return {
    app,
    config,
    database,
    http: () => request(app.getHttpServer()),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
