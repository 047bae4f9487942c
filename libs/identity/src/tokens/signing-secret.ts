import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@accord/platform';
import type { IdentityDb } from '../identity.tables';

const SECRET_NAME = 'jwt_signing_secret';

/**
 * The secret access tokens are signed with: JWT_SECRET when set; otherwise one generated at
 * random the first time any process starts and kept in the database, so that every API process
 * shares it and no secret is ever written in the source code (SPEC §6). The insert races safely:
 * whichever process writes first, all read the same row back.
 */
export async function loadSigningSecret(db: IdentityDb, config: AppConfig): Promise<string> {
  if (config.jwtSecret !== undefined) return config.jwtSecret;
  await db
    .insertInto('platform_secrets')
    .values({ name: SECRET_NAME, value: randomBytes(48).toString('base64url') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('platform_secrets')
    .select('value')
    .where('name', '=', SECRET_NAME)
    .executeTakeFirstOrThrow();
  return row.value;
}
