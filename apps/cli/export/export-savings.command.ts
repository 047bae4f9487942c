import { writeFile } from 'node:fs/promises';
import { PartnershipDirectory } from '@accord/identity';
import { isId, todayInLondon } from '@accord/ledger';
import { PartnershipReads } from '@accord/read-models';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { parseReadQuery } from '../../api/partnerships/shared/read-query';
import { ActingUser } from '../shared/acting-user';
import { CliError, EXIT } from '../shared/exit-codes';
import { showGroupHelp } from '../shared/group-help';

type ExportOptions = { partnership: string; asOf?: string; out?: string; as?: string };

@SubCommand({
  name: 'savings',
  description:
    'The savings register of a partnership as CSV, as GET /api/v1/partnerships/:id/savings.csv gives it: one row per saving and financial year it counts in up to --as-of',
})
export class ExportSavingsCommand extends CommandRunner {
  constructor(
    private readonly reads: PartnershipReads,
    private readonly directory: PartnershipDirectory,
    private readonly acting: ActingUser,
  ) {
    super();
  }

  async run(_: string[], options: ExportOptions): Promise<void> {
    if (!isId(options.partnership)) {
      throw CliError.of(EXIT.badInput, '--partnership must be a partnership id (a uuid)');
    }
    const partnershipId = options.partnership.toLowerCase();
    const now = new Date();
    // The API's own rules for asOf (a date Accord accepts, at most 10 years ahead).
    const { asOf = todayInLondon(now) } = parseReadQuery({ asOf: options.asOf }, ['asOf'], now);
    if (options.as === undefined) {
      if (!(await this.directory.partiesOf('partnership', partnershipId))) {
        throw CliError.of(EXIT.notFound, `partnership ${options.partnership} not found`);
      }
    } else {
      const caller = await this.acting.resolve(options.as);
      await this.acting.authorize(caller, 'partnership', partnershipId, 'read');
    }
    const csv = await this.reads.savingsRegisterCsv(partnershipId, asOf);
    if (options.out === undefined) {
      process.stdout.write(csv);
      return;
    }
    await writeFile(options.out, csv).catch((error: Error) => {
      throw CliError.of(EXIT.badInput, `cannot write ${options.out}: ${error.message}`);
    });
    const rows = csv.split('\r\n').filter((line) => line !== '').length - 1;
    process.stdout.write(
      `wrote the savings register as of ${asOf} (${rows} rows) to ${options.out}\n`,
    );
  }

  @Option({ flags: '--partnership <id>', description: 'the partnership', required: true })
  partnership(value: string): string {
    return value;
  }

  @Option({ flags: '--as-of <YYYY-MM-DD>', description: 'the business date (default: today)' })
  asOf(value: string): string {
    return value;
  }

  @Option({ flags: '--out <file>', description: 'write the CSV to this file instead of stdout' })
  out(value: string): string {
    return value;
  }

  @Option({
    flags: '--as <e-mail>',
    description: "read as this person, within their tenancy (default: the operator's)",
  })
  as(value: string): string {
    return value;
  }
}

@Command({
  name: 'export',
  description: 'Write records to a file',
  subCommands: [ExportSavingsCommand],
})
export class ExportCommand extends CommandRunner {
  async run(): Promise<void> {
    showGroupHelp(this.command);
  }
}
