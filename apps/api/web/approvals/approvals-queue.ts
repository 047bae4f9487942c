import type { Caller } from '@accord/identity';
import type { CalendarDate, Pence } from '@accord/ledger';
import { PartnershipReads } from '@accord/read-models';
import { Injectable } from '@nestjs/common';

/** One thing a council approver is asked to decide on. */
export type AwaitingDecision =
  | Readonly<{
      kind: 'saving';
      position: number;
      partnershipId: string;
      partnershipName: string;
      interventionId: string;
      interventionTitle: string;
      savingId: string;
      amountPence: Pence;
      startsOn: CalendarDate;
      basis: string;
    }>
  | Readonly<{
      kind: 'milestone';
      position: number;
      partnershipId: string;
      partnershipName: string;
      engagementId: string;
      engagementTitle: string;
      milestoneId: string;
      title: string;
      achievedOn: CalendarDate;
    }>;

/**
 * What awaits a council approver's decision across their council's partnerships: savings claimed
 * and neither verified nor disputed, milestones achieved and not signed off; oldest first, in the
 * order they were logged.
 */
@Injectable()
export class ApprovalsQueue {
  constructor(private readonly reads: PartnershipReads) {}

  /** A council's approver or admin: the people who verify, dispute and sign off. */
  isApprover(caller: Caller): boolean {
    return (
      caller.organisationKind === 'council' &&
      caller.organisationId !== null &&
      (caller.roles.includes('approver') || caller.roles.includes('admin'))
    );
  }

  async awaiting(caller: Caller): Promise<AwaitingDecision[]> {
    if (!this.isApprover(caller)) return [];
    const { items } = await this.reads.list(caller.organisationId);
    const ours = items.filter((item) => item.council.id === caller.organisationId);
    const found = await Promise.all(
      ours.map(async (partnership): Promise<AwaitingDecision[]> => {
        const facts = await this.reads.currentFacts(partnership.id);
        const base = { partnershipId: partnership.id, partnershipName: partnership.name };
        const savings = Object.values(facts.savings)
          .filter((saving) => saving.status === 'claimed')
          .map((saving) => ({
            ...base,
            kind: 'saving' as const,
            position: saving.position,
            interventionId: saving.interventionId,
            interventionTitle: facts.interventions[saving.interventionId]?.title ?? '',
            savingId: saving.savingId,
            amountPence: saving.amountPence,
            startsOn: saving.startsOn,
            basis: saving.basis,
          }));
        const milestones = Object.values(facts.milestones)
          .filter((m) => m.achievedOn !== null && !m.signedOff && !m.cancelled)
          .map((m) => ({
            ...base,
            kind: 'milestone' as const,
            position: m.position,
            engagementId: m.engagementId,
            engagementTitle: facts.engagements[m.engagementId]?.title ?? '',
            milestoneId: m.milestoneId,
            title: m.title,
            achievedOn: m.achievedOn as CalendarDate,
          }));
        return [...savings, ...milestones];
      }),
    );
    return found.flat().sort((a, b) => a.position - b.position);
  }
}
