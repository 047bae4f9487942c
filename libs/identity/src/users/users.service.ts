import { randomUUID } from 'node:crypto';
import { invalidFields } from '@accord/platform';
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
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
 * Who may manage which users: the platform admin anyone; an organisation's admin only its own
 * organisation's. Another organisation answers 404, as a partnership outside the tenancy does, so
 * an admin cannot learn which organisation ids exist.
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
    const kind = await this.kindOfOrganisation(caller, input.organisationId);
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
    if (organisationId !== undefined && organisationId !== caller.organisationId) {
      throw organisationNotFound(organisationId);
    }
    if (caller.organisationId === null)
      throw new ForbiddenException('Your role does not allow this');
    return this.users.list(caller.organisationId);
  }

  /**
   * Erases a person (SPEC §4): name, e-mail and password blanked, the row kept for the events
   * that name them, their access version raised so every token of theirs stops (UserVersions).
   * Someone outside the caller's organisation is not found; erasing oneself is refused, so an
   * organisation cannot lose its last admin by a slip.
   */
  async erase(caller: Caller, userId: string): Promise<void> {
    const target = await this.users.organisationOf(userId);
    const visible =
      target && (isPlatformAdmin(caller) || target.organisationId === caller.organisationId);
    if (!visible) throw new NotFoundException(`User ${userId} not found`);
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
    caller: Caller,
    organisationId: string | null,
  ): Promise<keyof typeof ROLES_BY_KIND> {
    if (organisationId === null) {
      if (!isPlatformAdmin(caller)) throw new ForbiddenException('Your role does not allow this');
      return 'none';
    }
    const organisation = await this.organisations.find(organisationId);
    const visible =
      organisation && (isPlatformAdmin(caller) || caller.organisationId === organisation.id);
    if (!visible) throw organisationNotFound(organisationId);
    return organisation.kind;
  }
}

function organisationNotFound(id: string): NotFoundException {
  return new NotFoundException(`Organisation ${id} not found`);
}
