import { PlatformAdminBootstrap } from '@accord/identity';
import { Module } from '@nestjs/common';
import { MeController } from './me/me.controller';
import { OrganisationsController } from './organisations/organisations.controller';
import { ReferenceController } from './reference/reference.controller';
import { SignInController } from './sign-in/sign-in.controller';
import { UsersController } from './users/users.controller';

/** Sign-in, the caller, organisations, users and the reference lists (SPEC §1, §4). */
@Module({
  controllers: [
    SignInController,
    MeController,
    OrganisationsController,
    UsersController,
    ReferenceController,
  ],
  providers: [PlatformAdminBootstrap],
})
export class IdentityApiModule {}
