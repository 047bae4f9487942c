import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@accord/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PasswordHasher } from '../passwords/password-hasher';
import { UsersRepository } from '../users/users.repository';

/**
 * Creates the operator's first account from ACCORD_ADMIN_EMAIL and ACCORD_ADMIN_PASSWORD when no
 * user has that address. Several API processes may start at once: the unique index on the
 * lower-cased address lets exactly one insert win. An existing user is never changed, so a
 * restart cannot reset a password someone has since changed, nor promote someone.
 */
@Injectable()
export class PlatformAdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('identity');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.admin;
    if (!admin) return;
    if (await this.users.findCredentials(admin.email)) return;
    const created = await this.users.createUnlessEmailTaken({
      id: randomUUID(),
      organisationId: null,
      email: admin.email,
      name: 'Platform admin',
      passwordHash: await this.passwords.hash(admin.password),
      roles: ['platform_admin'],
    });
    if (created) this.logger.log('created the platform admin named by ACCORD_ADMIN_EMAIL');
  }
}
