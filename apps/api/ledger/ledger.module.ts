import { ReadModelsModule } from '@accord/read-models';
import { ReportingModule } from '@accord/reporting';
import { Module } from '@nestjs/common';
import { ReadYourWrites } from '../partnerships/shared/read-your-writes';
import { AchieveMilestoneController } from './achieve-milestone/achieve-milestone.controller';
import { AchieveMilestoneHandler } from './achieve-milestone/achieve-milestone.handler';
import { AddCapacityController } from './add-capacity/add-capacity.controller';
import { AddCapacityHandler } from './add-capacity/add-capacity.handler';
import { CancelMilestoneController } from './cancel-milestone/cancel-milestone.controller';
import { CancelMilestoneHandler } from './cancel-milestone/cancel-milestone.handler';
import { ClaimPlacementSavingController } from './claim-placement-saving/claim-placement-saving.controller';
import { ClaimPlacementSavingHandler } from './claim-placement-saving/claim-placement-saving.handler';
import { ClaimSavingController } from './claim-saving/claim-saving.controller';
import { ClaimSavingHandler } from './claim-saving/claim-saving.handler';
import { CloseEngagementController } from './close-engagement/close-engagement.controller';
import { CloseEngagementHandler } from './close-engagement/close-engagement.handler';
import { ClosePartnershipController } from './close-partnership/close-partnership.controller';
import { ClosePartnershipHandler } from './close-partnership/close-partnership.handler';
import { CompleteInterventionController } from './complete-intervention/complete-intervention.controller';
import { CompleteInterventionHandler } from './complete-intervention/complete-intervention.handler';
import { DefineMeasureController } from './define-measure/define-measure.controller';
import { DefineMeasureHandler } from './define-measure/define-measure.handler';
import { DisputeSavingController } from './dispute-saving/dispute-saving.controller';
import { DisputeSavingHandler } from './dispute-saving/dispute-saving.handler';
import { EndCapacityController } from './end-capacity/end-capacity.controller';
import { EndCapacityHandler } from './end-capacity/end-capacity.handler';
import { FormPartnershipController } from './form-partnership/form-partnership.controller';
import { FormPartnershipHandler } from './form-partnership/form-partnership.handler';
import { LogInterventionController } from './log-intervention/log-intervention.controller';
import { LogInterventionHandler } from './log-intervention/log-intervention.handler';
import { OpenEngagementController } from './open-engagement/open-engagement.controller';
import { OpenEngagementHandler } from './open-engagement/open-engagement.handler';
import { PartnershipTimelineController } from './partnership-timeline/partnership-timeline.controller';
import { PartnershipTimelineHandler } from './partnership-timeline/partnership-timeline.handler';
import { TimelineRepository } from './partnership-timeline/timeline.repository';
import { PlanMilestoneController } from './plan-milestone/plan-milestone.controller';
import { PlanMilestoneHandler } from './plan-milestone/plan-milestone.handler';
import { RecordMeasureReadingController } from './record-measure-reading/record-measure-reading.controller';
import { RecordMeasureReadingHandler } from './record-measure-reading/record-measure-reading.handler';
import { RescheduleMilestoneController } from './reschedule-milestone/reschedule-milestone.controller';
import { RescheduleMilestoneHandler } from './reschedule-milestone/reschedule-milestone.handler';
import { ReviseEngagementFeeController } from './revise-engagement-fee/revise-engagement-fee.controller';
import { ReviseEngagementFeeHandler } from './revise-engagement-fee/revise-engagement-fee.handler';
import { ReviseSavingController } from './revise-saving/revise-saving.controller';
import { ReviseSavingHandler } from './revise-saving/revise-saving.handler';
import { SetReportRecipientsController } from './set-report-recipients/set-report-recipients.controller';
import { SetReportRecipientsHandler } from './set-report-recipients/set-report-recipients.handler';
import { SetSavingsLineController } from './set-savings-line/set-savings-line.controller';
import { SetSavingsLineHandler } from './set-savings-line/set-savings-line.handler';
import { SetUnitCostController } from './set-unit-cost/set-unit-cost.controller';
import { SetUnitCostHandler } from './set-unit-cost/set-unit-cost.handler';
import { IdempotencyKeyPurge, IdempotencyRepository } from './shared/idempotency.repository';
import { LedgerWriter } from './shared/ledger-writer';
import { SignOffMilestoneController } from './sign-off-milestone/sign-off-milestone.controller';
import { SignOffMilestoneHandler } from './sign-off-milestone/sign-off-milestone.handler';
import { StopInterventionController } from './stop-intervention/stop-intervention.controller';
import { StopInterventionHandler } from './stop-intervention/stop-intervention.handler';
import { VerifySavingController } from './verify-saving/verify-saving.controller';
import { VerifySavingHandler } from './verify-saving/verify-saving.handler';
import { WithdrawSavingController } from './withdraw-saving/withdraw-saving.controller';
import { WithdrawSavingHandler } from './withdraw-saving/withdraw-saving.handler';

/** The partnership ledger over HTTP: one controller and one command handler per use case. */
@Module({
  imports: [ReadModelsModule, ReportingModule],
  controllers: [
    FormPartnershipController,
    SetReportRecipientsController,
    PartnershipTimelineController,
    OpenEngagementController,
    DefineMeasureController,
    RecordMeasureReadingController,
    PlanMilestoneController,
    RescheduleMilestoneController,
    AchieveMilestoneController,
    SignOffMilestoneController,
    CancelMilestoneController,
    LogInterventionController,
    ClaimSavingController,
    ClaimPlacementSavingController,
    VerifySavingController,
    DisputeSavingController,
    ReviseSavingController,
    WithdrawSavingController,
    AddCapacityController,
    EndCapacityController,
    SetSavingsLineController,
    SetUnitCostController,
    ClosePartnershipController,
    ReviseEngagementFeeController,
    CloseEngagementController,
    CompleteInterventionController,
    StopInterventionController,
  ],
  providers: [
    ReadYourWrites,
    LedgerWriter,
    IdempotencyRepository,
    IdempotencyKeyPurge,
    TimelineRepository,
    FormPartnershipHandler,
    SetReportRecipientsHandler,
    PartnershipTimelineHandler,
    OpenEngagementHandler,
    DefineMeasureHandler,
    RecordMeasureReadingHandler,
    PlanMilestoneHandler,
    RescheduleMilestoneHandler,
    AchieveMilestoneHandler,
    SignOffMilestoneHandler,
    CancelMilestoneHandler,
    LogInterventionHandler,
    ClaimSavingHandler,
    ClaimPlacementSavingHandler,
    VerifySavingHandler,
    DisputeSavingHandler,
    ReviseSavingHandler,
    WithdrawSavingHandler,
    AddCapacityHandler,
    EndCapacityHandler,
    SetSavingsLineHandler,
    SetUnitCostHandler,
    ClosePartnershipHandler,
    ReviseEngagementFeeHandler,
    CloseEngagementHandler,
    CompleteInterventionHandler,
    StopInterventionHandler,
  ],
})
export class LedgerModule {}
