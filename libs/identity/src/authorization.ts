import { ACCESS, Public } from '@accord/platform';
import { SetMetadata } from '@nestjs/common';
import { Caller, isPlatformAdmin } from './caller';

/**
 * What a route lets its caller do. Partnership-scoped actions name where the partnership comes
 * from (the route parameter and the kind of stream it identifies).
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'platform_admin' }
  /** A platform admin, or an admin acting for their own organisation (checked by the handler). */
  | { kind: 'organisation_admin' }
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
