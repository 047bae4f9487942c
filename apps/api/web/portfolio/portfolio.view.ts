import type { Portfolio } from '@accord/read-models';
import { formatDate, formatPence, formatReturnOnFees } from '@accord/reporting';

/**
 * The portfolio as the page shows it: every figure the API's, in pounds, formatted by the
 * monthly report's helpers; the possible double counts first, each as a sentence.
 */
export function portfolioView(portfolio: Portfolio) {
  const nameOf = new Map(portfolio.partnerships.map((p) => [p.id, p.name]));
  const namesOf = (ids: readonly string[]) => ids.map((id) => nameOf.get(id) ?? 'a partnership');
  const otherSide = (p: Portfolio['partnerships'][number]) =>
    portfolio.organisation.kind === 'council'
      ? (p.consultancy.name ?? 'Consultancy')
      : (p.council.name ?? 'Council');
  return {
    organisation: portfolio.organisation.name,
    otherSide: portfolio.organisation.kind === 'council' ? 'Consultancy' : 'Council',
    asOf: formatDate(portfolio.asOf),
    overlaps: portfolio.lines
      .filter((line) => line.overlap)
      .map(
        (line) =>
          `Possible double count: ${line.code} ${line.financialYear} is a savings line of ` +
          `${bothOrEach(namesOf(line.partnerships.map((p) => p.id)))}`,
      ),
    partnerships: portfolio.partnerships.map((p) => ({
      href: `/partnerships/${encodeURIComponent(p.id)}`,
      name: p.name,
      otherSide: otherSide(p),
      status: p.status === 'open' ? 'Open' : 'Closed',
      ...figures(p),
    })),
    totals: figures(portfolio.totals),
    lines: portfolio.lines.map((line) => ({
      code: line.code,
      financialYear: line.financialYear,
      overlap: line.overlap,
      partnerships: line.partnerships.map((p) => ({
        name: nameOf.get(p.id) ?? 'A partnership',
        target: formatPence(p.targetPence),
        forecast: formatPence(p.forecastPence),
      })),
    })),
  };
}

function figures(f: Portfolio['totals']) {
  return {
    claimed: formatPence(f.claimedPence),
    verified: formatPence(f.verifiedPence),
    netVerified: formatPence(f.netVerifiedPence),
    fees: formatPence(f.committedFeesPence),
    returnOnFees: formatReturnOnFees(f.returnOnFees),
    target: formatPence(f.targetPence),
  };
}

/** "both A and B", or "each of A, B and C". */
function bothOrEach(names: readonly string[]): string {
  if (names.length === 2) return `both ${names[0]} and ${names[1]}`;
  return `each of ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
