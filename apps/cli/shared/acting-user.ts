import {
  type Caller,
  callerOf,
  decideForPartnership,
  type PartnershipAction,
  PartnershipDirectory,
  type PartnershipParties,
  type PartnershipSource,
  UsersRepository,
} from '@accord/identity';
import { Injectable } from '@nestjs/common';
import { CliError, EXIT } from './exit-codes';

/**
 * Who the command line acts as (`--as <e-mail>`): a person stored in `users`, whose id the
 * ledger records as `actorId`, and whose roles and tenancy limit what they may do here exactly
 * as on the API: the same policy (`decideForPartnership` here, `mayManageUsers` in UsersService)
 * decides. The name is checked as a bearer token is: someone erased, or never there, cannot
 * act, and the roles are the ones stored now, not the ones they had when a script was written.
 */
@Injectable()
export class ActingUser {
  constructor(
    private readonly users: UsersRepository,
    private readonly directory: PartnershipDirectory,
  ) {}

  async resolve(email: string): Promise<Caller> {
    const user = await this.users.findCredentials(email);
    if (!user) throw CliError.of(EXIT.notFound, `--as: no user has the e-mail address ${email}`);
    return callerOf(user);
  }

  /**
   * The partnership a resource belongs to, when the caller may take the action there. Outside
   * the caller's tenancy it is not found, as the API answers 404, so ids cannot be probed.
   */
  async authorize(
    caller: Caller,
    source: PartnershipSource,
    id: string,
    action: PartnershipAction,
  ): Promise<PartnershipParties> {
    const parties = await this.directory.partiesOf(source, id);
    const decision = decideForPartnership(caller, parties, action);
    if (!parties || decision === 'not_found') {
      throw CliError.of(EXIT.notFound, `${source} ${id} not found`);
    }
    if (decision === 'refused') {
      throw CliError.of(
        EXIT.refused,
        `--as: this user's roles do not allow this in ${source} ${id}`,
      );
    }
    return parties;
  }
}
