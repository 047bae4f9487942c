import { demoBanner, demoPresent, demoWanted, loadDemoIfEmpty } from '@accord/demo';
import { EventStore } from '@accord/event-store';
import { type AnyDb, APP_CONFIG, type AppConfig, KYSELY } from '@accord/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';

/**
 * SPEC §6: the first start on an empty database, outside production and without a configured
 * admin, loads the demo, and every start while its accounts exist says how to sign in. Runs before
 * the API listens, so the first page a newcomer opens already shows the partnerships. A failed
 * load is logged, not fatal: its transaction leaves the database empty for the next start.
 */
@Injectable()
export class DemoBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('demo');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(KYSELY) private readonly db: AnyDb,
    private readonly store: EventStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!demoWanted(this.config)) return;
    try {
      const loaded = await loadDemoIfEmpty(this.db, { store: this.store });
      if (loaded) {
        this.logger.log(
          `loaded the demo: ${loaded.partnerships.length} partnerships, ${loaded.events} events`,
        );
      }
      if (!loaded && !(await demoPresent(this.db))) return;
      // For the person at the console, not for the log: plain lines they can read and copy.
      if (this.config.logLevel !== 'silent') {
        process.stdout.write(demoBanner(this.config.publicUrl, loaded !== undefined));
      }
    } catch (error) {
      this.logger.error(`the demo could not be loaded: ${(error as Error)?.stack ?? error}`);
    }
  }
}
