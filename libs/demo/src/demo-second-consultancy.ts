import { randomUUID } from 'node:crypto';
import {
  addDays,
  type CalendarDate,
  earliestDate,
  financialYearBounds,
  financialYearOf,
  firstDayOfMonth,
  latestDate,
  type Month,
  monthOf,
  previousMonth,
} from '@accord/ledger';
import type { Act, DemoLedger } from './demo-ledger';
import type { DemoPartnership } from './demo-story';

/** A second consultancy working with the demo council, so the council has a portfolio to see. */
export const SECOND_CONSULTANCY_NAME = 'Northgate Finance Partners (demo)';

/** Its lead, who forms the partnership and logs its work: not a published account. */
export const SECOND_CONSULTANCY_LEAD = {
  email: 'lead@northgate-finance.example',
  name: 'Morgan Reid',
} as const;

/** The plan line both consultancies' partnerships with the first council set (SPEC §10). */
export const SHARED_LINE_CODE = 'CS-PLC-01';

export type SecondConsultancyParties = Readonly<{
  consultancyId: string;
  /** The consultancy's lead, an admin and director. */
  leadId: string;
  /** The first demo council, and its approver who sets its plan's lines and verifies. */
  councilId: string;
  councilName: string;
  approverId: string;
}>;

/**
 * A finance partnership of the second consultancy with the first council, formed six months
 * ago: an engagement reviewing placement commissioning, and a claim against the same line of
 * the council's plan, in the same financial year, as the placements partnership's. The council
 * approver's portfolio then shows the two consultancies side by side with a possible double
 * count flagged. Told relative to `today`, like the rest of the demo.
 */
export function tellSecondConsultancyStory(
  ledger: DemoLedger,
  parties: SecondConsultancyParties,
  today: CalendarDate,
): DemoPartnership {
  const lead = (on: CalendarDate): Act => ({ on, by: parties.leadId });
  const approver = (on: CalendarDate): Act => ({ on, by: parties.approverId });
  const start = firstDayOfMonthsBefore(today, 6);
  const day = (days: number) => addDays(start, days);
  const partnershipId = randomUUID();
  const engagementId = randomUUID();
  const interventionId = randomUUID();
  const savingId = randomUUID();
  const name = `Finance Recovery: ${parties.councilName}`;

  ledger.partnership(lead(start), {
    type: 'FormPartnership',
    data: {
      partnershipId,
      consultancyId: parties.consultancyId,
      councilId: parties.councilId,
      name,
      startsOn: start,
    },
  });
  ledger.engagement(lead(day(7)), {
    type: 'OpenEngagement',
    data: {
      partnershipId,
      engagementId,
      title: 'Placement commissioning review',
      serviceArea: 'childrens_social_care',
      startsOn: day(7),
      endsOn: day(372),
      feePence: 18_000_000,
      savingsTargetPence: 40_000_000,
    },
  });
  ledger.intervention(lead(day(14)), {
    type: 'LogIntervention',
    data: {
      engagementId,
      interventionId,
      title: 'Renegotiated residential placement contracts',
      category: 'commissioning',
      startedOn: day(14),
      description: 'Block contract rates renegotiated with the two largest residential providers.',
    },
  });
  // The same line and year as the placements partnership's: set inside this year, no earlier
  // than the partnership began, so each claim counts inside it whatever today is.
  const thisYear = financialYearOf(today);
  const lineOn = latestDate(financialYearBounds(thisYear).start, day(14));
  ledger.partnership(approver(lineOn), {
    type: 'SetSavingsLine',
    data: {
      partnershipId,
      code: SHARED_LINE_CODE,
      title: 'Children’s placements: step-down from residential care',
      financialYear: thisYear,
      targetPence: 4_000_000,
    },
  });
  const claimOn = latestDate(lineOn, day(20));
  ledger.intervention(lead(claimOn), {
    type: 'ClaimSaving',
    data: {
      interventionId,
      savingId,
      amountPence: 3_200_000,
      kind: 'cashable',
      recurrence: 'one_off',
      startsOn: claimOn,
      basis: 'Lower weekly rates on the renegotiated residential placements this year.',
      lineCode: SHARED_LINE_CODE,
    },
  });
  ledger.intervention(approver(earliestDate(addDays(claimOn, 10), today)), {
    type: 'VerifySaving',
    data: {
      interventionId,
      savingId,
      amountPence: 2_800_000,
      assurance: 'evidenced',
      evidence: 'Matched to the new contract rates in the finance system',
    },
  });
  return { id: partnershipId, name, startsOn: start };
}

/** The first day of the month `months` before today's. */
function firstDayOfMonthsBefore(today: CalendarDate, months: number): CalendarDate {
  let month: Month = monthOf(today);
  for (let i = 0; i < months; i++) month = previousMonth(month);
  return firstDayOfMonth(month);
}
