import { CliError, EXIT } from './exit-codes';

/** A group (`accord users`) named without one of its commands: its help, as bad usage. */
export function showGroupHelp(command: { outputHelp(context: { error: boolean }): void }): never {
  command.outputHelp({ error: true });
  throw new CliError(EXIT.badInput, []);
}
