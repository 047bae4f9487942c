import { PLACEMENT_TYPES } from '@accord/ledger';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The OpenAPI description of `Progress` (SPEC §4); the answer itself is built by `computeProgress`. */
class FeesResponse {
  @ApiProperty({ description: "Sum of every engagement's current fee, pence" })
  committedPence!: number;
}

class VerifiedByAssuranceResponse {
  @ApiProperty() self_reported!: number;
  @ApiProperty() evidenced!: number;
  @ApiProperty() finance_reconciled!: number;
}

class SavingsToDateResponse {
  @ApiProperty({ description: 'Every saving not withdrawn, accrued to asOf inclusive' })
  claimedPence!: number;
  @ApiProperty({ description: 'The verified part of claimed' }) verifiedPence!: number;
  @ApiProperty({ description: 'The disputed part of claimed' }) disputedPence!: number;
  @ApiProperty({ description: 'Money taken out of a budget' }) cashablePence!: number;
  @ApiProperty({ description: 'The same cost buys more or better' }) nonCashablePence!: number;
  @ApiProperty({ description: 'Demand or spending that would have arisen and did not' })
  costAvoidancePence!: number;
  @ApiProperty({ description: 'Claimed × each claim’s attribution ÷ 100, rounded once' })
  netClaimedPence!: number;
  @ApiProperty({ description: 'Verified × each claim’s attribution ÷ 100, rounded once' })
  netVerifiedPence!: number;
  @ApiProperty({ type: VerifiedByAssuranceResponse })
  verifiedByAssurance!: VerifiedByAssuranceResponse;
}

class FinancialYearSavingsResponse {
  @ApiProperty({ example: '2026/27' }) financialYear!: string;
  @ApiProperty() claimedPence!: number;
  @ApiProperty() verifiedPence!: number;
  @ApiProperty() cashablePence!: number;
  @ApiProperty() nonCashablePence!: number;
  @ApiProperty() costAvoidancePence!: number;
}

class MonthSavingsResponse {
  @ApiProperty({ example: '2026-10' }) month!: string;
  @ApiProperty() claimedPence!: number;
  @ApiProperty() verifiedPence!: number;
}

class SavingsResponse {
  @ApiProperty({ type: SavingsToDateResponse }) toDate!: SavingsToDateResponse;
  @ApiProperty({ description: 'Annual amounts of the recurring savings running on asOf' })
  fullYearEffectPence!: number;
  @ApiProperty({ description: "Sum of every engagement's savings target" }) targetPence!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Verified to date ÷ committed fees, unrounded; null where fees are 0',
  })
  returnOnFees!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Net verified to date ÷ committed fees, unrounded; null where fees are 0',
  })
  netReturnOnFees!: number | null;
  @ApiProperty({
    type: [FinancialYearSavingsResponse],
    description:
      "Every financial year from the partnership's start to asOf, each figure rounded on its own",
  })
  byFinancialYear!: FinancialYearSavingsResponse[];
  @ApiProperty({
    type: [MonthSavingsResponse],
    description: "Every month from the partnership's start to asOf, each figure rounded on its own",
  })
  byMonth!: MonthSavingsResponse[];
}

class SavingsLineResponse {
  @ApiProperty({ example: 'CS-26-07' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: '2026/27' }) financialYear!: string;
  @ApiProperty() targetPence!: number;
  @ApiProperty({ description: "Its savings' claimed figure in its year, up to asOf" })
  claimedPence!: number;
  @ApiProperty({ description: "Its savings' verified figure in its year, up to asOf" })
  verifiedPence!: number;
  @ApiProperty({
    description: 'What its savings accrue over the whole year, not counting disputes',
  })
  forecastPence!: number;
  @ApiProperty({ description: 'max(0, target − forecast)' }) atRiskPence!: number;
  @ApiProperty({ enum: ['delivered', 'green', 'amber', 'red'] }) rag!: string;
}

class PlacementResponse {
  @ApiProperty({ enum: PLACEMENT_TYPES, example: 'residential_childrens_home' })
  fromType!: string;
  @ApiProperty({ enum: PLACEMENT_TYPES, example: 'in_house_fostering' }) toType!: string;
  @ApiProperty({ description: 'Children moved, summed over the claims started by asOf' })
  children!: number;
  @ApiProperty({ description: 'children × (F − T) of each of those claims, summed as claimed' })
  weeklySavingPence!: number;
  @ApiProperty({ description: 'Their claimed figure to asOf, as every figure to date' })
  claimedPence!: number;
  @ApiProperty({ description: 'Their verified figure to asOf, as every figure to date' })
  verifiedPence!: number;
}

class CapacityResponse {
  @ApiProperty({ example: 'foster_placements' }) kind!: string;
  @ApiProperty({ example: 'placements' }) unit!: string;
  @ApiProperty({ description: 'Quantities whose period covers asOf' }) active!: number;
  @ApiProperty({ description: 'Quantities started on or before asOf' }) addedToDate!: number;
}

class ValueOnDateResponse {
  @ApiProperty() value!: number;
  @ApiProperty({ format: 'date' }) asOf!: string;
}

class TargetResponse {
  @ApiProperty() value!: number;
  @ApiProperty({ format: 'date' }) by!: string;
}

class OutcomeResponse {
  @ApiProperty({ format: 'uuid' }) engagementId!: string;
  @ApiProperty({ example: 'average_caseload' }) measure!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ enum: ['lower_is_better', 'higher_is_better'] }) direction!: string;
  @ApiProperty({ type: ValueOnDateResponse }) baseline!: ValueOnDateResponse;
  @ApiProperty({ type: TargetResponse }) target!: TargetResponse;
  @ApiPropertyOptional({
    type: ValueOnDateResponse,
    nullable: true,
    description: 'The reading with the greatest asOf on or before the date read',
  })
  latest!: ValueOnDateResponse | null;
  @ApiProperty({ type: Number, nullable: true, description: 'One decimal' })
  progressPct!: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) improving!: boolean | null;
}

class MilestoneItemResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) engagementId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) achievedOn!: string | null;
  @ApiProperty() signedOff!: boolean;
  @ApiProperty({ enum: ['complete', 'cancelled', 'overdue', 'due_soon', 'on_track'] })
  status!: string;
}

class MilestonesResponse {
  @ApiProperty() total!: number;
  @ApiProperty() complete!: number;
  @ApiProperty() onTrack!: number;
  @ApiProperty() dueSoon!: number;
  @ApiProperty() overdue!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty({ type: [MilestoneItemResponse] }) items!: MilestoneItemResponse[];
}

class InterventionsResponse {
  @ApiProperty() total!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { placement_step_down: 2 },
  })
  byCategory!: Record<string, number>;
}

export class ProgressResponse {
  @ApiProperty({ format: 'uuid' }) partnershipId!: string;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ format: 'date-time' }) knownAt!: string;
  @ApiProperty({ description: "Global position of the last of the partnership's events counted" })
  position!: number;
  @ApiProperty({ enum: ['GBP'] }) currency!: 'GBP';
  @ApiProperty({ type: FeesResponse }) fees!: FeesResponse;
  @ApiProperty({ type: SavingsResponse }) savings!: SavingsResponse;
  @ApiProperty({ type: [SavingsLineResponse] }) savingsLines!: SavingsLineResponse[];
  @ApiProperty({
    type: [PlacementResponse],
    description:
      'Placement claims (SPEC §9) by pair of types, started on or before asOf, withdrawn left out',
  })
  placements!: PlacementResponse[];
  @ApiProperty({ type: [CapacityResponse] }) capacity!: CapacityResponse[];
  @ApiProperty({ type: [OutcomeResponse] }) outcomes!: OutcomeResponse[];
  @ApiProperty({ type: MilestonesResponse }) milestones!: MilestonesResponse;
  @ApiProperty({ type: InterventionsResponse }) interventions!: InterventionsResponse;
}
