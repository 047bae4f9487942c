import './tracing';
import 'reflect-metadata';
import {
  closeOnSignals,
  loadConfigOrExit,
  prepareDatabase,
  quietNestStartup,
} from '@accord/platform';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/** The worker has no HTTP: projections, the monthly report schedule and mail jobs. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  await prepareDatabase(config.databaseUrl);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(quietNestStartup(app.get(Logger)));
  closeOnSignals(app, 'worker');
  await app.init();
  app.get(Logger).log('worker started');
}

main().catch((error) => {
  process.stderr.write(`accord worker failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
