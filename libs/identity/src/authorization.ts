import { ACCESS, Public } from '@accord/platform';
import { SetMetadata } from '@nestjs/common';
import { AccessRefusedError, roleRefused } from './access/access-refused.error';
import { Caller, isPlatformAdmin, Role } from './caller';

/**
 * The one authorisation policy (SPEC §1): the tenancy guard asks it for every API route and page,
 * the identity services ask it again before they write, and the command line asks it for the
 * person named by `--as`. Pure functions of the caller and the resource: nothing else decides who
 * may do what.
 */

/**
 * What a route lets its caller do. Partnership-scoped actions name where the partnership comes
 * from (the route parameter and the kind of stream it identifies).
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  /** `register_organisations`. */
  | { kind: 'platform_admin' }
  /** `manage_users`; which organisation's users is decided again by UsersService. */
  | { kind: 'organisation_admin' }
  /** `form_partnerships`. */
  | { kind: 'consultancy_admin' }
  | { kind: 'partnership'; action: PartnershipAction; from: PartnershipSource; param: string };

/**
 * `read`: anyone of either side. `log_work`: the consultancy's directors and admins.
 * `judge`: the council's approvers and admins. `administer`: either side's admins.
 * `close_partnership`: the consultancy's admins.
 */
export type PartnershipAction = 'read' | 'log_work' | 'judge' | 'administer' | 'close_partnership';
export type PartnershipSource = 'partnership' | 'engagement' | 'intervention';

export { ACCESS, Public };

/** Declares who may call a route; the tenancy guard refuses a route that declares nothing. */
export const Authorize = (access: Access) => SetMetadata(ACCESS, access);
export const Authenticated = () => Authorize({ kind: 'authenticated' });
export const ForPartnership = (
  action: PartnershipAction,
  from: PartnershipSource = 'partnership',
  param = 'id',
) => Authorize({ kind: 'partnership', action, from, param });

/**
 * Marks a page for people in a browser: the guard takes the access token from the session cookie
 * (HttpOnly, SameSite=Strict) instead of the Authorization header, and errors answer as pages.
 * It says where the token comes from, never who may call: the route still declares that.
 */
export const PAGE = 'accord:page';
export const Page = () => SetMetadata(PAGE, true);

/** The two organisations a partnership joins. */
export type PartnershipParties = Readonly<{
  partnershipId: string;
  consultancyId: string;
  councilId: string;
}>;

export function isParty(caller: Caller, parties: PartnershipParties): boolean {
  return (
    isPlatformAdmin(caller) ||
    caller.organisationId === parties.consultancyId ||
    caller.organisationId === parties.councilId
  );
}

/**
 * Whether the caller may take the action on a partnership (undefined: none was found): outside
 * the caller's tenancy not found, inside it refused to a role that may not.
 */
export function decideForPartnership(
  caller: Caller,
  parties: PartnershipParties | undefined,
  action: PartnershipAction,
): Decision {
  if (!parties || !isParty(caller, parties)) return 'not_found';
  return mayAct(caller, parties, action) ? 'allowed' : 'refused';
}

/** Whether a party to the partnership may take the action (tenancy is checked before this). */
export function mayAct(
  caller: Caller,
  parties: PartnershipParties,
  action: PartnershipAction,
): boolean {
  if (isPlatformAdmin(caller)) return true;
  const consultancy = caller.organisationId === parties.consultancyId;
  const council = caller.organisationId === parties.councilId;
  const has = (...roles: string[]) => roles.some((role) => caller.roles.includes(role as never));
  switch (action) {
    case 'read':
      return consultancy || council;
    case 'log_work':
      return consultancy && has('director', 'admin');
    case 'judge':
      return council && has('approver', 'admin');
    case 'administer':
      return (consultancy || council) && has('admin');
    case 'close_partnership':
      return consultancy && has('admin');
  }
}

/**
 * Actions on organisations and their people rather than inside a partnership. `manage_users`:
 * create, list and erase people (the platform admin anyone's, an admin their own organisation's).
 * `register_organisations`: the platform admin only. `form_partnerships`: a consultancy's admins.
 */
export type OrganisationAction = 'register_organisations' | 'manage_users' | 'form_partnerships';

/** The organisation-level action each route-level access kind stands for. */
export const ORGANISATION_ACTION_OF = {
  platform_admin: 'register_organisations',
  organisation_admin: 'manage_users',
  consultancy_admin: 'form_partnerships',
} as const satisfies Record<string, OrganisationAction>;

export type Decision = 'allowed' | 'refused' | 'not_found';

/**
 * Whether the caller may take an organisation-level action. Without `organisationId` (a route,
 * before it reads its body), whether their roles allow it anywhere; with one, whether in that
 * organisation too: another organisation is not found, as a partnership outside the tenancy is,
 * and `null` (the platform itself, where platform admins belong) is the platform admin's alone.
 * The roles are checked first, so a viewer hears 403 whichever organisation they name, on the
 * API and the command line alike.
 */
export function decideForOrganisation(
  caller: Caller,
  action: OrganisationAction,
  organisationId?: string | null,
): Decision {
  if (isPlatformAdmin(caller)) return 'allowed';
  const has = (role: Role) => caller.roles.includes(role);
  const rolesAllow =
    action === 'manage_users'
      ? has('admin')
      : action === 'form_partnerships'
        ? caller.organisationKind === 'consultancy' && has('admin')
        : false;
  if (!rolesAllow || organisationId === null) return 'refused';
  if (organisationId === undefined || organisationId === caller.organisationId) return 'allowed';
  return 'not_found';
}

/** May the caller create or erase people of this organisation (null: platform admins)? */
export function mayManageUsers(caller: Caller, organisationId: string | null): Decision {
  return decideForOrganisation(caller, 'manage_users', organisationId);
}

/**
 * A decision that is not `allowed`, as the error every channel maps: `notFound` names what the
 * caller is told does not exist.
 */
export function enforce(decision: Decision, notFound = () => 'Not found'): void {
  if (decision === 'refused') throw roleRefused();
  if (decision === 'not_found') throw new AccessRefusedError('not_found', notFound());
}
