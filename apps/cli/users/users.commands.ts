import { type Caller, UsersRepository, UsersService } from '@accord/identity';
import { isId } from '@accord/ledger';
import { validateBody } from '@accord/platform';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { CreateUserRequest } from '../../api/identity/users/user.dto';
import { ActingUser } from '../shared/acting-user';
import { CliError, EXIT } from '../shared/exit-codes';
import { showGroupHelp } from '../shared/group-help';

/**
 * Without `--as` the command line acts as the operator, with a platform admin's rights: whoever
 * runs it already holds the database, and the first platform admin has to come from somewhere.
 * With `--as` the named person's rights apply, as on `POST /api/v1/users`.
 */
const OPERATOR: Caller = {
  userId: 'operator',
  organisationId: null,
  organisationKind: null,
  roles: ['platform_admin'],
  version: 0,
};

async function callerFor(acting: ActingUser, as: string | undefined): Promise<Caller> {
  return as === undefined ? OPERATOR : acting.resolve(as);
}

type CreateOptions = {
  email?: string;
  name?: string;
  password?: string;
  organisation?: string;
  roles?: string;
  as?: string;
};

@SubCommand({
  name: 'create',
  description:
    "Create a person: in an organisation with that organisation's roles, or without --organisation a platform admin",
})
export class CreateUserCommand extends CommandRunner {
  constructor(
    private readonly users: UsersService,
    private readonly acting: ActingUser,
  ) {
    super();
  }

  async run(_: string[], options: CreateOptions): Promise<void> {
    const { value, errors } = validateBody(CreateUserRequest, {
      email: options.email,
      name: options.name,
      password: options.password,
      organisationId: options.organisation ?? null,
      // Without an organisation the one role there is; with one, the roles must be named.
      roles: (options.roles ?? (options.organisation ? '' : 'platform_admin'))
        .split(',')
        .map((role) => role.trim())
        .filter((role) => role !== ''),
    });
    if (errors.length > 0)
      throw new CliError(
        EXIT.badInput,
        errors.map((e) => e.message),
      );
    const caller = await callerFor(this.acting, options.as);
    const { id } = await this.users.create(caller, value);
    process.stdout.write(`${id}\n`);
  }

  @Option({
    flags: '--email <address>',
    description: "the person's e-mail address",
    required: true,
  })
  email(value: string): string {
    return value;
  }

  @Option({ flags: '--name <name>', description: "the person's name", required: true })
  name(value: string): string {
    return value;
  }

  @Option({
    flags: '--password <password>',
    description:
      'their first password (at least 12 characters); or set ACCORD_PASSWORD, which other users cannot read from the process list',
    required: true,
    env: 'ACCORD_PASSWORD',
  })
  password(value: string): string {
    return value;
  }

  @Option({
    flags: '--organisation <id>',
    description: 'the id of their organisation; leave out for a platform admin',
  })
  organisation(value: string): string {
    return value;
  }

  @Option({
    flags: '--roles <roles>',
    description:
      'comma-separated: consultancy admin,director; council admin,approver,viewer; platform_admin without an organisation (the default)',
  })
  roles(value: string): string {
    return value;
  }

  @Option({
    flags: '--as <e-mail>',
    description: "act as this person, with their rights (default: the operator's)",
  })
  as(value: string): string {
    return value;
  }
}

@SubCommand({
  name: 'erase',
  arguments: '<id-or-email>',
  description:
    'Erase a person: name, e-mail and password blanked, every token of theirs stops working; the ledger keeps their id',
})
export class EraseUserCommand extends CommandRunner {
  constructor(
    private readonly users: UsersService,
    private readonly repository: UsersRepository,
    private readonly acting: ActingUser,
  ) {
    super();
  }

  async run([who]: string[], options: { as?: string }): Promise<void> {
    const id = isId(who) ? who : (await this.repository.findCredentials(who))?.id;
    if (!id) throw CliError.of(EXIT.notFound, `no user has the e-mail address ${who}`);
    await this.users.erase(await callerFor(this.acting, options.as), id);
    process.stdout.write(`erased ${id}\n`);
  }

  @Option({
    flags: '--as <e-mail>',
    description: "act as this person, with their rights (default: the operator's)",
  })
  as(value: string): string {
    return value;
  }
}

@Command({
  name: 'users',
  description: 'Create and erase people',
  subCommands: [CreateUserCommand, EraseUserCommand],
})
export class UsersCommand extends CommandRunner {
  async run(): Promise<void> {
    showGroupHelp(this.command);
  }
}
