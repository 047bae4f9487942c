import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PartnershipDirectory } from './partnership-directory';
import { TenancyGuard } from './tenancy.guard';
import { TokenService } from './token.service';

@Global()
@Module({
  providers: [TokenService, PartnershipDirectory, { provide: APP_GUARD, useClass: TenancyGuard }],
  exports: [TokenService, PartnershipDirectory],
})
export class IdentityModule {}
