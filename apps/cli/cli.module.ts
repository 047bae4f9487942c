import { type AppConfig } from '@accord/platform';
import { projections, ReadModelsModule } from '@accord/read-models';
import { ReportingModule } from '@accord/reporting';
import { DynamicModule, Module } from '@nestjs/common';
import { foundation } from '../shared/foundation';
import { DemoCommand } from './demo/demo.command';
import { ExportCommand, ExportSavingsCommand } from './export/export-savings.command';
import {
  CLI_PROJECTIONS,
  ProjectionsCommand,
  ProjectionsRebuildCommand,
  ProjectionsStatusCommand,
} from './projections/projections.commands';
import { ReportsCommand, SendReportCommand } from './reports/reports.commands';
import { ImportCommand, ImportSavingsCommand } from './savings/import-savings.command';
import { SavingsImport } from './savings/savings-import';
import { ActingUser } from './shared/acting-user';
import { CreateUserCommand, EraseUserCommand, UsersCommand } from './users/users.commands';

/** The command line: the apps' own modules, so there is one way to the database and the rules. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        // stdout is the commands' output (a CSV, a table): logs go to stderr.
        ...foundation(config, 'stderr'),
        ReadModelsModule,
        ReportingModule,
      ],
      providers: [
        { provide: CLI_PROJECTIONS, useValue: projections },
        ActingUser,
        SavingsImport,
        DemoCommand,
        UsersCommand,
        CreateUserCommand,
        EraseUserCommand,
        ProjectionsCommand,
        ProjectionsStatusCommand,
        ProjectionsRebuildCommand,
        ReportsCommand,
        SendReportCommand,
        ImportCommand,
        ImportSavingsCommand,
        ExportCommand,
        ExportSavingsCommand,
      ],
    };
  }
}
