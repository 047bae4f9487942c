import {
  ObsoleteProjectionError,
  type Projection,
  ProjectionRunner,
  projectionStatuses,
} from '@accord/event-store';
import { type AnyDb, KYSELY } from '@accord/platform';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { CliError, EXIT } from '../shared/exit-codes';
import { showGroupHelp } from '../shared/group-help';
import { progressBar } from '../shared/progress';
import { StoreCommand } from '../shared/store-command';

export const CLI_PROJECTIONS = Symbol('CLI_PROJECTIONS');

const COLUMNS = ['name', 'version', 'status', 'position', 'events applied', 'lag'] as const;

@SubCommand({
  name: 'status',
  description:
    'Each projection version: name, version, status, position reached, events applied, and lag (events stored but not yet applied)',
})
export class ProjectionsStatusCommand extends CommandRunner {
  constructor(@Inject(KYSELY) private readonly db: AnyDb) {
    super();
  }

  async run(_: string[], options: { json?: boolean }): Promise<void> {
    const statuses = await projectionStatuses(this.db);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ items: statuses })}\n`);
      return;
    }
    const rows = statuses.map((s) => [
      s.name,
      String(s.version),
      s.status,
      String(s.position),
      String(s.eventsApplied),
      String(s.lag),
    ]);
    const widths = COLUMNS.map((column, i) =>
      Math.max(column.length, ...rows.map((row) => row[i].length)),
    );
    const line = (cells: readonly string[]) =>
      cells
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd();
    process.stdout.write(`${[line(COLUMNS), ...rows.map(line)].join('\n')}\n`);
  }

  @Option({ flags: '--json', description: 'one JSON object {items:[…]} instead of a table' })
  json(): boolean {
    return true;
  }
}

@SubCommand({
  name: 'rebuild',
  arguments: '[name]',
  description:
    'Rebuild a projection (or every one) from the first event, in one transaction: readers and the worker wait for it and then see the rebuilt read model',
})
export class ProjectionsRebuildCommand extends StoreCommand {
  constructor(@Inject(CLI_PROJECTIONS) private readonly projections: readonly Projection[]) {
    super();
  }

  async run([name]: string[]): Promise<void> {
    const chosen = this.projections.filter((p) => name === undefined || p.name === name);
    if (chosen.length === 0) {
      const known = this.projections.map((p) => p.name).join(', ');
      throw CliError.of(EXIT.notFound, `no projection is named ${name}; there are: ${known}`);
    }
    const runner = new ProjectionRunner({
      databaseUrl: this.config.databaseUrl,
      db: this.db,
      store: this.store,
      projections: chosen,
    });
    try {
      for (const projection of chosen) await this.rebuildOne(runner, projection);
    } finally {
      // Its batches ran on connections of its own.
      await runner.stop();
    }
  }

  private async rebuildOne(runner: ProjectionRunner, projection: Projection): Promise<void> {
    const bar = progressBar(`${projection.name} v${projection.version}`, 'events');
    try {
      const applied = await runner.rebuild(projection, (done, total) => bar.update(done, total));
      bar.stop();
      process.stdout.write(
        `rebuilt ${projection.name} version ${projection.version}: ${applied} events applied\n`,
      );
    } catch (error) {
      bar.stop();
      // This code's version has been replaced by a newer one: rebuilding it would serve nobody.
      if (error instanceof ObsoleteProjectionError) throw CliError.of(EXIT.refused, error.message);
      throw error;
    }
  }
}

@Command({
  name: 'projections',
  description: 'See and rebuild the read models',
  subCommands: [ProjectionsStatusCommand, ProjectionsRebuildCommand],
})
export class ProjectionsCommand extends CommandRunner {
  async run(): Promise<void> {
    showGroupHelp(this.command);
  }
}
