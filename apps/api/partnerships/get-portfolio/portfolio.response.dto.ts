import { ApiProperty } from '@nestjs/swagger';
import { OrganisationRefResponse } from '../list-partnerships/list-partnerships.response.dto';

/** The OpenAPI description of `Portfolio` (SPEC §10); the answer itself is built by `portfolioOf`. */
class PortfolioOrganisationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['consultancy', 'council'] }) kind!: 'consultancy' | 'council';
  @ApiProperty() name!: string;
}

class PortfolioTotalsResponse {
  @ApiProperty({ description: 'Claimed to date, pence' }) claimedPence!: number;
  @ApiProperty({ description: 'Verified to date, pence' }) verifiedPence!: number;
  @ApiProperty({ description: 'Verified to date net of attribution, pence' })
  netVerifiedPence!: number;
  @ApiProperty({ description: "Every engagement's current fee, pence" })
  committedFeesPence!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Verified ÷ committed fees, unrounded; null where fees are 0',
  })
  returnOnFees!: number | null;
  @ApiProperty({ description: "Every engagement's savings target, pence" }) targetPence!: number;
}

class PortfolioPartnershipResponse extends PortfolioTotalsResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: OrganisationRefResponse }) consultancy!: OrganisationRefResponse;
  @ApiProperty({ type: OrganisationRefResponse }) council!: OrganisationRefResponse;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
}

class PortfolioLinePartnershipResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() targetPence!: number;
  @ApiProperty({ description: 'The line’s forecast in that partnership' }) forecastPence!: number;
}

class PortfolioLineResponse {
  @ApiProperty({ example: 'CS-PLC-01' }) code!: string;
  @ApiProperty({ example: '2026/27' }) financialYear!: string;
  @ApiProperty({ type: [PortfolioLinePartnershipResponse] })
  partnerships!: PortfolioLinePartnershipResponse[];
  @ApiProperty({
    description: 'More than one partnership has this line: a possible double count',
  })
  overlap!: boolean;
}

export class PortfolioResponse {
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ format: 'date-time' }) knownAt!: string;
  @ApiProperty({ type: PortfolioOrganisationResponse })
  organisation!: PortfolioOrganisationResponse;
  @ApiProperty({
    type: [PortfolioPartnershipResponse],
    description: "Each figure is the partnership's progress figure, to the penny",
  })
  partnerships!: PortfolioPartnershipResponse[];
  @ApiProperty({ type: PortfolioTotalsResponse, description: "The partnerships' exact sums" })
  totals!: PortfolioTotalsResponse;
  @ApiProperty({
    type: [PortfolioLineResponse],
    description: 'Savings lines by code and financial year across partnerships, overlaps first',
  })
  lines!: PortfolioLineResponse[];
}
