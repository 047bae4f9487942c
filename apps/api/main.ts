import './tracing';
import 'reflect-metadata';
import { closeOnSignals, loadConfigOrExit, prepareDatabase } from '@accord/platform';
import { Logger } from '@nestjs/common';
import { createApi } from './create-api';
import { DemoBootstrap } from './demo/demo.bootstrap';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  await prepareDatabase(config.databaseUrl);
  const app = await createApi(config);
  closeOnSignals(app, 'api');
  await app.listen(config.port);
  // The one line a person starting Accord looks for: where to open it.
  new Logger('api').log(
    `Accord is running: open ${config.publicUrl} (API reference at ${config.publicUrl}/docs)`,
  );
  app.get(DemoBootstrap).announce();
}

main().catch((error) => {
  process.stderr.write(`accord api failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
