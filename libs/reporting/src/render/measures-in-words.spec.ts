import { sampleReport } from '@accord/reporting/testing';
import { capacityInWords, outcomeInWords } from './measures-in-words';

describe('measures in words', () => {
  const [outcome] = sampleReport().outcomes;
  if (!outcome) throw new Error('the sample report has an outcome measure');

  it('says an outcome measure with a reading: figures, dates and how far it has come', () => {
    expect(outcomeInWords({ ...outcome, progressPct: 47.25 })).toEqual({
      better: 'lower is better',
      baseline: '98',
      baselineOn: '31 March 2026',
      target: '88',
      by: '31 March 2027',
      latest: { value: '93', on: '30 September 2026' },
      progress: '47.3%',
    });
  });

  it('says no reading and no progress before the first reading', () => {
    const words = outcomeInWords({
      ...outcome,
      direction: 'higher_is_better',
      baseline: { value: 1234.567, asOf: outcome.baseline.asOf },
      latest: null,
      progressPct: null,
    });
    expect(words).toMatchObject({ better: 'higher is better', baseline: '1,234.57' });
    expect(words.latest).toBeNull();
    expect(words.progress).toBeNull();
  });

  it('says a line of capacity with its kind in words', () => {
    expect(
      capacityInWords({ kind: 'social_worker_fte', unit: 'FTE', active: 2.5, addedToDate: 1200 }),
    ).toEqual({ kind: 'Social worker FTE', unit: 'FTE', active: '2.5', addedToDate: '1,200' });
  });
});
