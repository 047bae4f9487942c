import { DatabaseNotEmptyError, demoBanner, loadDemo } from '@accord/demo';
import { Command } from 'nest-commander';
import { CliError, EXIT } from '../shared/exit-codes';
import { StoreCommand } from '../shared/store-command';

/**
 * `accord demo`: what the API's first start does on an empty database, on demand (SPEC §6, §8).
 * The demo's accounts share a published password, so production never gets them, and a database
 * holding anyone or anything is left as it is.
 */
@Command({
  name: 'demo',
  description:
    'Load the demo into an empty database: two council partnerships with 18 months of work, and five accounts whose password, accord-demo-password, is published',
})
export class DemoCommand extends StoreCommand {
  async run(): Promise<void> {
    if (this.config.env === 'production') {
      throw CliError.of(
        EXIT.refused,
        'the demo publishes its password, so it is never loaded in production (NODE_ENV=production)',
      );
    }
    try {
      const loaded = await loadDemo(this.db, { store: this.store });
      process.stdout.write(
        `Loaded the demo: ${inWords(loaded.partnerships.map((p) => p.name))}, ${loaded.events} events.\n`,
      );
      process.stdout.write(demoBanner(this.config.publicUrl, true));
    } catch (error) {
      if (error instanceof DatabaseNotEmptyError) throw CliError.of(EXIT.refused, error.message);
      throw error;
    }
  }
}

/** "A and B", "A, B and C". */
function inWords(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
