import { demoBanner, demoPresent, demoWanted, loadDemoIfEmpty } from '@accord/demo';
import { EventStore } from '@accord/event-store';
import { type AnyDb, APP_CONFIG, type AppConfig, KYSELY } from '@accord/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';

/** Long enough for the log's asynchronous writes of the start-up lines to land first. */
const BANNER_DELAY_MS = 250;

/**
 * SPEC §6: the first start on an empty database, outside production and without a configured
 * admin, loads the demo, and every start while its accounts exist says how to sign in. Loads
 * before the API listens, so the first page a newcomer opens already shows the partnerships. A
 * failed load is logged, not fatal: its transaction leaves the database empty for the next start.
 */
@Injectable()
export class DemoBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('demo');
  private banner: string | undefined;

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
      if (loaded || (await demoPresent(this.db))) {
        this.banner = demoBanner(this.config.publicUrl, loaded !== undefined);
      }
    } catch (error) {
      this.logger.error(`the demo could not be loaded: ${(error as Error)?.stack ?? error}`);
    }
  }

  /**
   * Prints where and as whom to sign in, for the person at the console: plain lines they can
   * read and copy, after the start-up log that would otherwise scroll them away.
   */
  announce(): void {
    const banner = this.banner;
    if (!banner || this.config.logLevel === 'silent') return;
    // Last on the console: the start-up log Nest held back is written asynchronously once the
    // API listens, and a banner written at once would scroll away above it.
    setTimeout(() => process.stdout.write(banner), BANNER_DELAY_MS).unref();
  }
}
