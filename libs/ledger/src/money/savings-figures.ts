import { addDays, type CalendarDate, type DateRange } from '../calendar/calendar-date';
import {
  type CountedSaving,
  claimedPart,
  disputedPart,
  partsOf,
  verifiedPart,
} from '../savings/saving-parts';
import {
  ASSURANCES,
  type Assurance,
  SAVING_KINDS,
  type SavingKind,
} from '../vocabularies/vocabularies';
import { AccrualSteps } from './accrual';
import type { Pence } from './pence';

/** A saving as the figures see it: its terms, status and verdict, its kind and its assurance. */
export type FiguredSaving = CountedSaving &
  Readonly<{
    kind: SavingKind;
    /** How the council assured V, while the saving stands verified. */
    assurance: Assurance | null;
  }>;

/**
 * Every savings figure of SPEC §3 for one moment (to a date) or one part of time (a month, a
 * financial year, a line's year up to `asOf`). Wholes are sums of their rounded kinds: claimed
 * is cashable + non-cashable + cost avoidance, verified the sum of `verifiedByAssurance`, and
 * the forecast (what is not disputed) a claimed saving's A plus the verified figure.
 */
export type SavingsFigures = Readonly<{
  claimedPence: Pence;
  verifiedPence: Pence;
  disputedPence: Pence;
  cashablePence: Pence;
  nonCashablePence: Pence;
  costAvoidancePence: Pence;
  netClaimedPence: Pence;
  netVerifiedPence: Pence;
  verifiedByAssurance: Readonly<Record<Assurance, Pence>>;
  /** The parts of `netClaimedPence`, kind by kind. */
  netClaimedByKind: Readonly<Record<SavingKind, Pence>>;
  forecastPence: Pence;
}>;

/** The figures rounded on their own; every other figure is a sum of these. */
type Rounded = Readonly<{
  byKind: Readonly<Record<SavingKind, Pence>>;
  byAssurance: Readonly<Record<Assurance, Pence>>;
  /** A of each saving still `claimed`, neither verified nor disputed: the forecast's other part. */
  undecided: Pence;
  disputed: Pence;
  /** Net figures by kind and by assurance, like the gross ones, so that net never passes gross. */
  netByKind: Readonly<Record<SavingKind, Pence>>;
  netByAssurance: Readonly<Record<Assurance, Pence>>;
}>;

const NOTHING: Rounded = {
  byKind: { cashable: 0, non_cashable: 0, cost_avoidance: 0 },
  byAssurance: { self_reported: 0, evidenced: 0, finance_reconciled: 0 },
  undecided: 0,
  disputed: 0,
  netByKind: { cashable: 0, non_cashable: 0, cost_avoidance: 0 },
  netByAssurance: { self_reported: 0, evidenced: 0, finance_reconciled: 0 },
};

/** A verification recorded before assurance was asked for reads as `evidenced` (DOMAIN §16). */
export function assuranceOfSaving(saving: FiguredSaving): Assurance {
  return saving.assurance ?? 'evidenced';
}

/**
 * SPEC §3's one way of computing a savings figure, which every view (progress, the pages, the
 * report, the register) takes its pence from:
 *
 * - to a date: each figure that is rounded on its own (each kind, each assurance, disputed, net)
 *   is the exact sum of its savings to that date, rounded half up once; a whole is the sum of its
 *   rounded kinds;
 * - over a part of time: round(exact sum to its last day) − round(exact sum to the day before its
 *   first day), figure by figure — so the months of a year add up to the year, the years to the
 *   figure to date, to the penny.
 *
 * Net figures are made like gross ones: net claimed is the sum of each kind's net figure and net
 * verified of each assurance's, so a net figure never passes its gross one.
 *
 * `countsFrom` is the first day any list of parts begins (the first day of the partnership's
 * first month): a part that begins on or before it also takes in whatever accrued before it
 * (savings recorded before their dates had to lie inside the partnership), so that the parts
 * listed still add up to the figure to date.
 */
export class SavingsFigureSteps {
  private constructor(
    private readonly byKind: Readonly<Record<SavingKind, AccrualSteps>>,
    private readonly byAssurance: Readonly<Record<Assurance, AccrualSteps>>,
    private readonly undecided: AccrualSteps,
    private readonly disputed: AccrualSteps,
    private readonly netByKind: Readonly<Record<SavingKind, AccrualSteps>>,
    private readonly netByAssurance: Readonly<Record<Assurance, AccrualSteps>>,
    private readonly countsFrom: CalendarDate | undefined,
  ) {}

  static of(savings: Iterable<FiguredSaving>, countsFrom?: CalendarDate): SavingsFigureSteps {
    const live = [...savings].filter((saving) => saving.status !== 'withdrawn');
    const verified = live.filter((saving) => saving.status === 'verified');
    const ofKind = (kind: SavingKind) =>
      partsOf(
        live.filter((saving) => saving.kind === kind),
        claimedPart,
      );
    const assured = (assurance: Assurance) =>
      partsOf(
        verified.filter((saving) => assuranceOfSaving(saving) === assurance),
        verifiedPart,
      );
    return new SavingsFigureSteps(
      record(SAVING_KINDS, (kind) => AccrualSteps.of(ofKind(kind))),
      record(ASSURANCES, (assurance) => AccrualSteps.of(assured(assurance))),
      AccrualSteps.of(live.filter((saving) => saving.status === 'claimed')),
      AccrualSteps.of(partsOf(live, disputedPart)),
      record(SAVING_KINDS, (kind) => AccrualSteps.ofNet(ofKind(kind))),
      record(ASSURANCES, (assurance) => AccrualSteps.ofNet(assured(assurance))),
      countsFrom,
    );
  }

  /** Every figure from the beginning up to and including `date`. */
  toDate(date: CalendarDate): SavingsFigures {
    return figuresOf(this.roundedToDate(date));
  }

  /**
   * Every figure for the part of time `[start, endExclusive)`, by the cumulative difference;
   * nothing for an empty part.
   */
  over(part: DateRange): SavingsFigures {
    if (part.endExclusive <= part.start) return figuresOf(NOTHING);
    const whole = this.roundedToDate(addDays(part.endExclusive, -1));
    const takesAllBefore = this.countsFrom !== undefined && part.start <= this.countsFrom;
    const before = takesAllBefore ? NOTHING : this.roundedToDate(addDays(part.start, -1));
    return figuresOf(difference(whole, before));
  }

  /** The amounts of the recurring savings not withdrawn running on `date` (SPEC §3). */
  fullYearEffectOn(date: CalendarDate): Pence {
    return SAVING_KINDS.reduce((sum, kind) => sum + this.byKind[kind].runningAmountOn(date), 0);
  }

  private roundedToDate(date: CalendarDate): Rounded {
    return {
      byKind: record(SAVING_KINDS, (kind) => this.byKind[kind].toDatePence(date)),
      byAssurance: record(ASSURANCES, (assurance) => this.byAssurance[assurance].toDatePence(date)),
      undecided: this.undecided.toDatePence(date),
      disputed: this.disputed.toDatePence(date),
      netByKind: record(SAVING_KINDS, (kind) => this.netByKind[kind].toDatePence(date)),
      netByAssurance: record(ASSURANCES, (assurance) =>
        this.netByAssurance[assurance].toDatePence(date),
      ),
    };
  }
}

function difference(whole: Rounded, before: Rounded): Rounded {
  return {
    byKind: record(SAVING_KINDS, (kind) => whole.byKind[kind] - before.byKind[kind]),
    byAssurance: record(
      ASSURANCES,
      (assurance) => whole.byAssurance[assurance] - before.byAssurance[assurance],
    ),
    undecided: whole.undecided - before.undecided,
    disputed: whole.disputed - before.disputed,
    netByKind: record(SAVING_KINDS, (kind) => whole.netByKind[kind] - before.netByKind[kind]),
    netByAssurance: record(
      ASSURANCES,
      (assurance) => whole.netByAssurance[assurance] - before.netByAssurance[assurance],
    ),
  };
}

function figuresOf(rounded: Rounded): SavingsFigures {
  const { byKind, byAssurance } = rounded;
  const verifiedPence = sumOf(byAssurance);
  return {
    claimedPence: sumOf(byKind),
    verifiedPence,
    disputedPence: rounded.disputed,
    cashablePence: byKind.cashable,
    nonCashablePence: byKind.non_cashable,
    costAvoidancePence: byKind.cost_avoidance,
    netClaimedPence: sumOf(rounded.netByKind),
    netVerifiedPence: sumOf(rounded.netByAssurance),
    verifiedByAssurance: { ...byAssurance },
    netClaimedByKind: { ...rounded.netByKind },
    forecastPence: rounded.undecided + verifiedPence,
  };
}

function sumOf(figures: Readonly<Record<string, Pence>>): Pence {
  return Object.values(figures).reduce((sum, pence) => sum + pence, 0);
}

function record<K extends string, T>(keys: readonly K[], value: (key: K) => T): Record<K, T> {
  return Object.fromEntries(keys.map((key) => [key, value(key)])) as Record<K, T>;
}
