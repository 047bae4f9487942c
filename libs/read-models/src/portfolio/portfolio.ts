import { type CalendarDate, type FinancialYear, type Pence, returnOnFees } from '@accord/ledger';
import type { Progress } from '../progress/progress';

export type PortfolioOrganisation = { id: string; kind: 'consultancy' | 'council'; name: string };

/** One partnership's headline figures: each is its progress figure, to the penny. */
export type PortfolioPartnership = {
  id: string;
  name: string;
  consultancy: { id: string; name: string | null };
  council: { id: string; name: string | null };
  status: 'open' | 'closed';
  claimedPence: Pence;
  verifiedPence: Pence;
  netVerifiedPence: Pence;
  committedFeesPence: Pence;
  returnOnFees: number | null;
  targetPence: Pence;
};

export type PortfolioTotals = Omit<
  PortfolioPartnership,
  'id' | 'name' | 'consultancy' | 'council' | 'status'
>;

/**
 * A savings line of the council's plan, by code and financial year, with every partnership that
 * set it. More than one (`overlap`) is a possible double count: two partnerships may each claim
 * the same saving against it.
 */
export type PortfolioLine = {
  code: string;
  financialYear: FinancialYear;
  partnerships: { id: string; targetPence: Pence; forecastPence: Pence }[];
  overlap: boolean;
};

/** The answer of `GET /api/v1/portfolio` (SPEC §10). */
export type Portfolio = {
  asOf: CalendarDate;
  /** The instant whose knowledge the figures reflect, ISO 8601 in UTC. */
  knownAt: string;
  organisation: PortfolioOrganisation;
  partnerships: PortfolioPartnership[];
  totals: PortfolioTotals;
  lines: PortfolioLine[];
};

/** A partnership as the portfolio lists it, with its progress on the date read. */
export type PortfolioEntry = Readonly<{
  partnership: Omit<PortfolioPartnership, keyof PortfolioTotals>;
  progress: Progress;
}>;

/**
 * The portfolio from each partnership's progress: its figures are taken from progress as they
 * stand, never computed again here, and the totals are their sums (return on fees is total
 * verified ÷ total committed fees, by the same rule as one partnership's).
 */
export function portfolioOf(
  organisation: PortfolioOrganisation,
  entries: readonly PortfolioEntry[],
  asOf: CalendarDate,
  knownAt: Date,
): Portfolio {
  const partnerships = entries.map(({ partnership, progress: { fees, savings } }) => {
    const { claimedPence, verifiedPence, netVerifiedPence } = savings.toDate;
    return {
      ...partnership,
      claimedPence,
      verifiedPence,
      netVerifiedPence,
      committedFeesPence: fees.committedPence,
      returnOnFees: savings.returnOnFees,
      targetPence: savings.targetPence,
    };
  });
  const sum = (figure: (p: PortfolioPartnership) => Pence) =>
    partnerships.reduce((total, p) => total + figure(p), 0);
  const verifiedPence = sum((p) => p.verifiedPence);
  const committedFeesPence = sum((p) => p.committedFeesPence);
  return {
    asOf,
    knownAt: knownAt.toISOString(),
    organisation,
    partnerships,
    totals: {
      claimedPence: sum((p) => p.claimedPence),
      verifiedPence,
      netVerifiedPence: sum((p) => p.netVerifiedPence),
      committedFeesPence,
      returnOnFees: returnOnFees(verifiedPence, committedFeesPence),
      targetPence: sum((p) => p.targetPence),
    },
    lines: linesAcross(entries),
  };
}

/**
 * The savings lines of every partnership grouped by code and financial year, overlaps first,
 * then by year and code; within a line, the partnerships in the portfolio's order.
 */
function linesAcross(entries: readonly PortfolioEntry[]): PortfolioLine[] {
  const byKey = new Map<string, PortfolioLine>();
  for (const { partnership, progress } of entries) {
    for (const line of progress.savingsLines) {
      const key = `${line.code}\u0000${line.financialYear}`;
      let grouped = byKey.get(key);
      if (grouped === undefined) {
        grouped = {
          code: line.code,
          financialYear: line.financialYear,
          partnerships: [],
          overlap: false,
        };
        byKey.set(key, grouped);
      }
      grouped.partnerships.push({
        id: partnership.id,
        targetPence: line.targetPence,
        forecastPence: line.forecastPence,
      });
    }
  }
  const lines = [...byKey.values()];
  for (const line of lines) line.overlap = line.partnerships.length > 1;
  return lines.sort(
    (a, b) =>
      Number(b.overlap) - Number(a.overlap) ||
      compareText(a.financialYear, b.financialYear) ||
      compareText(a.code, b.code),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
