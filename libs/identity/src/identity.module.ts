import { Global, Module, OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { councilReference } from './councils/council-reference';
import { OrganisationsRepository } from './organisations/organisations.repository';
import { OrganisationsService } from './organisations/organisations.service';
import { PartnershipDirectory } from './partnership-directory';
import { PasswordHasher } from './passwords/password-hasher';
import { SignInService } from './sign-in/sign-in.service';
import { SignInLimiter } from './sign-in/sign-in-limiter';
import { TenancyGuard } from './tenancy.guard';
import { TokenService } from './token.service';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

const EXPORTED = [
  TokenService,
  PartnershipDirectory,
  PasswordHasher,
  OrganisationsRepository,
  OrganisationsService,
  UsersRepository,
  UsersService,
  SignInLimiter,
  SignInService,
];

@Global()
@Module({
  providers: [...EXPORTED, { provide: APP_GUARD, useClass: TenancyGuard }],
  exports: EXPORTED,
})
export class IdentityModule implements OnModuleInit {
  /** Reads the council reference list now, so a missing or malformed copy stops the start. */
  onModuleInit(): void {
    councilReference();
  }
}
