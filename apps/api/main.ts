import './tracing';
import 'reflect-metadata';
import { closeOnSignals, loadConfigOrExit, prepareDatabase } from '@accord/platform';
import { createApi } from './create-api';
import { DemoBootstrap } from './demo/demo.bootstrap';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  await prepareDatabase(config.databaseUrl);
  const app = await createApi(config);
  closeOnSignals(app, 'api');
  await app.listen(config.port);
  app.get(DemoBootstrap).announce();
}

main().catch((error) => {
  process.stderr.write(`accord api failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
