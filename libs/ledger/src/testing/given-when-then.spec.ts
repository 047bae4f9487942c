import { partnershipDecider } from '../partnership/partnership.decider';
import type { PartnershipFormed } from '../partnership/partnership.events';
import { date, deciderSpecification } from './given-when-then.fixtures';

const given = deciderSpecification(partnershipDecider, { today: date('2026-11-23') });
const formed: PartnershipFormed = {
  type: 'PartnershipFormed',
  data: {
    partnershipId: 'p-1',
    consultancyId: 'o-1',
    councilId: 'o-2',
    name: 'Better Futures',
    startsOn: date('2026-04-01'),
    occurredOn: date('2026-04-01'),
  },
};
const close = { type: 'ClosePartnership', data: { partnershipId: 'p-1' } } as const;

describe('given/when/then', () => {
  it('fails when other events are decided', () => {
    expect(() => given([formed]).when(close).then([])).toThrow();
  });

  it('fails when an error was expected and events were decided', () => {
    expect(() => given([formed]).when(close).thenFails('conflict', 'partnership.closed')).toThrow();
  });

  it('fails on another code, another kind, or other details', () => {
    expect(() => given([]).when(close).thenFails('not_found', 'engagement.not_found')).toThrow();
    expect(() => given([]).when(close).thenFails('conflict', 'partnership.not_found')).toThrow();
    expect(() =>
      given([])
        .when(close)
        .thenFails('not_found', 'partnership.not_found', { partnershipId: 'p-2' }),
    ).toThrow();
  });

  it('fails on a missing or an extra bad field', () => {
    const form = {
      type: 'FormPartnership',
      data: { ...formed.data, name: '', councilId: '' },
    } as const;
    expect(() => given([]).when(form).thenInvalid({ name: 'required' })).toThrow();
    expect(() =>
      given([])
        .when(form)
        .thenInvalid({ name: 'required', councilId: 'required', startsOn: 'invalid_date' }),
    ).toThrow();
    given([]).when(form).thenInvalid({ name: 'required', councilId: 'required' });
  });
});
