import 'reflect-metadata';
import { loadConfigOrExit, prepareDatabase } from '@accord/platform';
import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { Commander } from 'nest-commander/src/constants';
import { Logger } from 'nestjs-pino';
import { CliModule } from './cli.module';
import { asCliError, EXIT, EXIT_CODES_HELP, type ExitCode } from './shared/exit-codes';

/** The parts of nest-commander's commander (its own copy, v11) that `main` touches. */
type Command = {
  name(name: string): Command;
  description(text: string): Command;
  addHelpText(position: 'after', text: string): Command;
  exitOverride(): Command;
  readonly commands: readonly Command[];
};

/** Commander's own endings: help asked for is done; anything else it refused is bad usage. */
const ASKED_FOR = new Set(['commander.helpDisplayed', 'commander.version']);

function report(error: unknown): ExitCode {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('commander.')) {
    // Commander has written its own line (or the help) to stderr already.
    return ASKED_FOR.has(code) ? EXIT.done : EXIT.badInput;
  }
  const { exitCode, lines } = asCliError(error);
  for (const line of lines) process.stderr.write(`accord: ${line}\n`);
  return exitCode;
}

/** Every command, not only the root, throws instead of ending the process, so `main` decides. */
function throwInsteadOfExiting(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) throwInsteadOfExiting(sub);
}

/**
 * `accord <command>`: configured, and its database migrated, as the API and the worker are; then
 * one command runs and the process ends with an exit code from EXIT.
 */
async function main(): Promise<ExitCode> {
  const config = loadConfigOrExit();
  const quiet = { ...config, logLevel: process.env.LOG_LEVEL ? config.logLevel : 'warn' };
  await prepareDatabase(config.databaseUrl);
  let exitCode: ExitCode = EXIT.done;
  const app = await CommandFactory.createWithoutRunning(CliModule.forRoot(quiet), {
    bufferLogs: true,
    serviceErrorHandler: (error) => {
      exitCode = report(error);
    },
  });
  try {
    app.useLogger(app.get(Logger));
    const root = app.get<Command>(Commander, { strict: false });
    root
      .name('accord')
      .description('Accord on the command line: the ledger of joint working')
      .addHelpText('after', EXIT_CODES_HELP);
    throwInsteadOfExiting(root);
    await app.get(CommandRunnerService).run();
  } finally {
    await app.close();
  }
  return exitCode;
}

main().then(
  (exitCode) => {
    process.exitCode = exitCode;
    // Whatever still holds the loop (a Redis reconnect) must not keep a script waiting.
    setTimeout(() => process.exit(exitCode), 5_000).unref();
  },
  // Before any command could run: the configuration, the database's migrations, the modules.
  (error) => process.exit(report(error)),
);
