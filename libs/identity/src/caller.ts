export const ROLES = ['platform_admin', 'admin', 'director', 'approver', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_KINDS = ['consultancy', 'council'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Who is calling, as the access token says. */
export type Caller = Readonly<{
  userId: string;
  /** Null for the platform admin, who belongs to no organisation. */
  organisationId: string | null;
  organisationKind: OrganisationKind | null;
  roles: readonly Role[];
  /** The user's access version the token was issued at; a later change revokes the token. */
  version: number;
}>;

/** The roles an organisation of each kind may hand out (SPEC §1); anything else is a 400. */
export const ROLES_BY_KIND: Readonly<Record<OrganisationKind | 'none', readonly Role[]>> = {
  none: ['platform_admin'],
  consultancy: ['admin', 'director'],
  council: ['admin', 'approver', 'viewer'],
};

export function isPlatformAdmin(caller: Caller): boolean {
  return caller.roles.includes('platform_admin');
}
