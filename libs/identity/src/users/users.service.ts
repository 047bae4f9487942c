import { randomUUID } from 'node:crypto';
import { invalidFields } from '@accord/platform';
import { ConflictException, Injectable, UnauthorizedException } from '@nestjs/common';
import { AccessRefusedError } from '../access/access-refused.error';
import { decideForOrganisation, enforce, mayManageUsers } from '../authorization';
import { Caller, isPlatformAdmin, ROLES_BY_KIND, Role } from '../caller';
import { violates } from '../identity.tables';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { PasswordHasher } from '../passwords/password-hasher';
import { UserVersions } from '../tokens/user-versions';
import { UsersRepository } from './users.repository';

export type CreateUser = {
  email: string;
  name: string;
  password: string;
  /** Null only for another platform admin, who belongs to no organisation. */
  organisationId: string | null;
  roles: readonly Role[];
};

/**
 * Who may manage which users is the authorisation policy's `mayManageUsers`, asked here, before
 * anything is read or written, whoever calls: the API and the pages (whose guard asked the same
 * policy already) and the command line (which has no guard). The platform admin manages anyone;
 * an organisation's admin only its own organisation's people; other roles nobody. Another
 * organisation answers not found, as a partnership outside the tenancy does, so an admin cannot
 * learn which organisation ids exist.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly passwords: PasswordHasher,
    private readonly versions: UserVersions,
  ) {}

  async create(caller: Caller, input: CreateUser): Promise<{ id: string }> {
    enforce(mayManageUsers(caller, input.organisationId), () =>
      organisationNotFound(input.organisationId),
    );
    const kind = await this.kindOfOrganisation(input.organisationId);
    const allowed = ROLES_BY_KIND[kind];
    const misfits = input.roles.filter((role) => !allowed.includes(role));
    if (misfits.length > 0) {
      const holder = kind === 'none' ? 'A user without an organisation' : `A ${kind} user`;
      throw invalidFields([
        {
          field: 'roles',
          code: 'rolesFitOrganisation',
          message: `${holder} may hold only ${allowed.join(', ')}; not ${misfits.join(', ')}`,
        },
      ]);
    }
    const id = randomUUID();
    const passwordHash = await this.passwords.hash(input.password);
    try {
      await this.users.create({
        id,
        organisationId: input.organisationId,
        email: input.email,
        name: input.name,
        passwordHash,
        roles: [...new Set(input.roles)],
      });
    } catch (error) {
      if (violates(error, 'users_email')) {
        throw new ConflictException('A user with this e-mail address already exists');
      }
      throw error;
    }
    return { id };
  }

  /** The platform admin sees every user (or one organisation's); an admin their own colleagues. */
  async list(caller: Caller, organisationId?: string) {
    if (isPlatformAdmin(caller)) return this.users.list(organisationId);
    const scope = organisationId ?? caller.organisationId;
    enforce(mayManageUsers(caller, scope), () => organisationNotFound(scope));
    return this.users.list(scope ?? undefined);
  }

  /**
   * Erases a person (SPEC §4): name, e-mail and password blanked, the row kept for the events
   * that name them, their access version raised so every token of theirs stops (UserVersions).
   * Someone outside the caller's organisation is not found; erasing oneself is refused, so an
   * organisation cannot lose its last admin by a slip.
   */
  async erase(caller: Caller, userId: string): Promise<void> {
    const notFound = () => `User ${userId} not found`;
    // The roles first, as the API's guard checks them, so a director learns nothing of who exists.
    enforce(decideForOrganisation(caller, 'manage_users'), notFound);
    const target = await this.users.organisationOf(userId);
    // The roles allow it, so any other answer is about whose person this is: not found.
    if (!target || mayManageUsers(caller, target.organisationId) !== 'allowed') {
      throw new AccessRefusedError('not_found', notFound());
    }
    if (userId === caller.userId) {
      throw new ConflictException('You cannot erase yourself; ask another admin');
    }
    await this.users.erase(userId);
    this.versions.forget(userId);
  }

  /** The caller as stored now; a token outliving its user (erased since) no longer authenticates. */
  async profile(caller: Caller) {
    const user = await this.users.findProfile(caller.userId);
    if (!user) throw new UnauthorizedException('Authentication required');
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      organisation:
        user.organisationId && user.organisationKind && user.organisationName
          ? { id: user.organisationId, kind: user.organisationKind, name: user.organisationName }
          : null,
      roles: user.roles,
    };
  }

  private async kindOfOrganisation(
    organisationId: string | null,
  ): Promise<keyof typeof ROLES_BY_KIND> {
    if (organisationId === null) return 'none';
    const organisation = await this.organisations.find(organisationId);
    if (!organisation) {
      throw new AccessRefusedError('not_found', organisationNotFound(organisationId));
    }
    return organisation.kind;
  }
}

function organisationNotFound(id: string | null): string {
  return `Organisation ${id} not found`;
}
