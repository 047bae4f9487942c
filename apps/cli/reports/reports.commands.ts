import { badMonthMessage, isAcceptedMonth, isId } from '@accord/ledger';
import { MonthlyReports } from '@accord/reporting';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { ActingUser } from '../shared/acting-user';
import { CliError, EXIT } from '../shared/exit-codes';
import { showGroupHelp } from '../shared/group-help';

@SubCommand({
  name: 'send',
  description:
    "Queue a month's report to be e-mailed to the partnership's recipients, once, as POST /api/v1/partnerships/:id/reports/:month/send does",
})
export class SendReportCommand extends CommandRunner {
  constructor(
    private readonly reports: MonthlyReports,
    private readonly acting: ActingUser,
  ) {
    super();
  }

  async run(
    _: string[],
    options: { partnership: string; month: string; as: string },
  ): Promise<void> {
    const problems = [
      isId(options.partnership) ? undefined : '--partnership must be a partnership id (a uuid)',
      isAcceptedMonth(options.month) ? undefined : badMonthMessage('--month'),
    ].filter((problem): problem is string => problem !== undefined);
    if (problems.length > 0 || !isAcceptedMonth(options.month)) {
      throw new CliError(EXIT.badInput, problems);
    }
    const caller = await this.acting.resolve(options.as);
    const { partnershipId } = await this.acting.authorize(
      caller,
      'partnership',
      options.partnership,
      'administer',
    );
    const queued = await this.reports.requestSend(
      partnershipId,
      options.month,
      caller.userId,
      'cli',
    );
    process.stdout.write(
      `queued the ${queued.month} report of partnership ${queued.partnershipId} (job ${queued.jobId}, ${queued.state})\n`,
    );
  }

  @Option({ flags: '--partnership <id>', description: 'the partnership', required: true })
  partnership(value: string): string {
    return value;
  }

  @Option({ flags: '--month <YYYY-MM>', description: 'a month that has ended', required: true })
  month(value: string): string {
    return value;
  }

  @Option({
    flags: '--as <e-mail>',
    description: 'who asks: an admin of either side (the ledger records them)',
    required: true,
  })
  as(value: string): string {
    return value;
  }
}

@Command({
  name: 'reports',
  description: 'Send monthly value reports',
  subCommands: [SendReportCommand],
})
export class ReportsCommand extends CommandRunner {
  async run(): Promise<void> {
    showGroupHelp(this.command);
  }
}
