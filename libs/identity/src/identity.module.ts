import { type AnyDb, APP_CONFIG, type AppConfig, KYSELY } from '@accord/platform';
import { Global, Module, OnModuleInit } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AccessDeclarations } from './access/access-declarations';
import { TenancyGuard } from './access/tenancy.guard';
import { councilReference } from './councils/council-reference';
import type { IdentityDb } from './identity.tables';
import { OrganisationsRepository } from './organisations/organisations.repository';
import { OrganisationsService } from './organisations/organisations.service';
import { PartnershipDirectory } from './partnership-directory';
import { PasswordHasher } from './passwords/password-hasher';
import { OidcFlowSeal } from './sign-in/oidc-flow-seal';
import { OidcSignInService } from './sign-in/oidc-sign-in.service';
import { SignInService } from './sign-in/sign-in.service';
import { SignInLimiter } from './sign-in/sign-in-limiter';
import { SessionRevocations } from './tokens/session-revocations';
import { loadSigningSecret } from './tokens/signing-secret';
import { SIGNING_SECRET, TokenService } from './tokens/token.service';
import { TokenCheck } from './tokens/token-check';
import { UserVersions } from './tokens/user-versions';
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
  OidcSignInService,
  UserVersions,
  SessionRevocations,
  TokenCheck,
];

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    ...EXPORTED,
    {
      provide: SIGNING_SECRET,
      inject: [KYSELY, APP_CONFIG],
      useFactory: (db: AnyDb, config: AppConfig) => loadSigningSecret(db as IdentityDb, config),
    },
    { provide: APP_GUARD, useClass: TenancyGuard },
    AccessDeclarations,
    OidcFlowSeal,
  ],
  exports: EXPORTED,
})
export class IdentityModule implements OnModuleInit {
  /** Reads the council reference list now, so a missing or malformed copy stops the start. */
  onModuleInit(): void {
    councilReference();
  }
}
