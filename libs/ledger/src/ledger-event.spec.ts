import { isEngagementEvent } from './engagement/engagement.events';
import { isInterventionEvent } from './intervention/intervention.events';
import { isLedgerEvent, LEDGER_EVENT_TYPES } from './ledger-event';
import { isPartnershipEvent } from './partnership/partnership.events';

describe('ledger events', () => {
  it('are the 26 types of SPEC §2 and §9, each once', () => {
    expect(LEDGER_EVENT_TYPES).toHaveLength(26);
    expect(new Set(LEDGER_EVENT_TYPES).size).toBe(26);
  });

  it('each belong to one aggregate', () => {
    for (const type of LEDGER_EVENT_TYPES) {
      const owners = [isPartnershipEvent, isEngagementEvent, isInterventionEvent].filter((is) =>
        is({ type }),
      );
      expect(owners).toHaveLength(1);
    }
    expect(isPartnershipEvent({ type: 'MonthlyReportSent' })).toBe(true);
    expect(isPartnershipEvent({ type: 'SavingsLineSet' })).toBe(true);
    expect(isPartnershipEvent({ type: 'UnitCostSet' })).toBe(true);
    expect(isEngagementEvent({ type: 'MilestoneSignedOff' })).toBe(true);
    expect(isInterventionEvent({ type: 'CapacityEnded' })).toBe(true);
  });

  it('are told from anything else', () => {
    expect(isLedgerEvent({ type: 'SavingClaimed' })).toBe(true);
    expect(isLedgerEvent({ type: 'UserCreated' })).toBe(false);
    expect(isPartnershipEvent({ type: 'toString' })).toBe(false);
  });
});
