import { Generated, Kysely } from 'kysely';
import { OrganisationKind, Role } from './caller';

export interface OrganisationsTable {
  id: string;
  kind: OrganisationKind;
  name: string;
  gss_code: string | null;
  created_at: Generated<Date>;
}

export interface UsersTable {
  id: string;
  organisation_id: string | null;
  email: string;
  name: string;
  password_hash: string;
  roles: Role[];
  created_at: Generated<Date>;
  /** Raised whenever the person's access changes; tokens carry the version they were issued at. */
  version: Generated<number>;
  erased_at: Date | null;
}

export interface PlatformSecretsTable {
  name: string;
  value: string;
  created_at: Generated<Date>;
}

/** A session ended by signing out, until its token would have expired anyway. */
export interface RevokedSessionsTable {
  session_id: string;
  expires_at: Date;
  revoked_at: Generated<Date>;
}

export interface IdentityTables {
  organisations: OrganisationsTable;
  users: UsersTable;
  platform_secrets: PlatformSecretsTable;
  revoked_sessions: RevokedSessionsTable;
}

export type IdentityDb = Kysely<IdentityTables>;

const UNIQUE_VIOLATION = '23505';

/** Whether a write failed on the named unique constraint or index. */
export function violates(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === UNIQUE_VIOLATION && e.constraint === constraint;
}
