import { ReadModelsModule } from '@accord/read-models';
import { Module } from '@nestjs/common';
import { GetInterventionController } from './get-intervention/get-intervention.controller';
import { GetPartnershipController } from './get-partnership/get-partnership.controller';
import { GetPortfolioController } from './get-portfolio/get-portfolio.controller';
import { GetProgressController } from './get-progress/get-progress.controller';
import { GetSavingsRegisterController } from './get-savings-register/get-savings-register.controller';
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
  ],
  providers: [ReadYourWrites],
})
export class PartnershipReadsModule {}
