import { referenceUnitCosts } from '@accord/ledger';
import { ReadModelsModule } from '@accord/read-models';
import { Module, type OnModuleInit } from '@nestjs/common';
import { GetInterventionController } from './get-intervention/get-intervention.controller';
import { GetPartnershipController } from './get-partnership/get-partnership.controller';
import { GetPortfolioController } from './get-portfolio/get-portfolio.controller';
import { GetProgressController } from './get-progress/get-progress.controller';
import { GetSavingsRegisterController } from './get-savings-register/get-savings-register.controller';
import { GetUnitCostsController } from './get-unit-costs/get-unit-costs.controller';
import { ReferenceUnitCostsController } from './get-unit-costs/reference-unit-costs.controller';
import { ListPartnershipsController } from './list-partnerships/list-partnerships.controller';
import { ReadYourWrites } from './shared/read-your-writes';

/** The partnership list, detail and progress, and the portfolio, read from the read models. */
@Module({
  imports: [ReadModelsModule],
  controllers: [
    ListPartnershipsController,
    GetPartnershipController,
    GetProgressController,
    GetSavingsRegisterController,
    GetInterventionController,
    GetPortfolioController,
    GetUnitCostsController,
    ReferenceUnitCostsController,
  ],
  providers: [ReadYourWrites],
})
export class PartnershipReadsModule implements OnModuleInit {
  /** Reads the reference unit costs now, so a missing or malformed copy stops the start. */
  onModuleInit(): void {
    referenceUnitCosts();
  }
}
