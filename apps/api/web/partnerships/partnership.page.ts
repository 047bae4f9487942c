import { type Caller, mayAct, type PartnershipParties } from '@accord/identity';
import { type CalendarDate, todayInLondon } from '@accord/ledger';
import type { FieldError } from '@accord/platform';
import { PartnershipReads } from '@accord/read-models';
import { PartnershipLedger, SentReports } from '@accord/reporting';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { parseReadQuery } from '../../partnerships/shared/read-query';
import { type DateParts, type FormField, formProblem, readForm } from '../forms/form-fields';
import { bannerFor } from '../forms/web-forms';
import { PageRenderer } from '../page-renderer';
import { LatestEntries } from './latest-entries';
import { inWords, partnershipView } from './partnership.view';
import { placementsView } from './placements.view';
import { sinceReportView } from './since-report.view';

/** How many timeline entries one page of the partnership's page shows. */
export const ENTRIES_PER_PAGE = 20;

/**
 * `GET /partnerships/:id[?asOf=YYYY-MM-DD | asOf-day, -month, -year][&page=N]`: the page the
 * monthly e-mail links to. Progress as of today (or the date asked for) as known now, its chart,
 * the partnership's engagements and reports, and its timeline newest first, a page at a time.
 */
@Injectable()
export class PartnershipPage {
  constructor(
    private readonly reads: PartnershipReads,
    private readonly ledger: PartnershipLedger,
    private readonly entries: LatestEntries,
    private readonly pages: PageRenderer,
    private readonly sentReports: SentReports,
  ) {}

  async show(
    caller: Caller,
    parties: PartnershipParties,
    request: Request,
    response: Response,
  ): Promise<void> {
    const { partnershipId } = parties;
    const now = new Date();
    const today = todayInLondon(now);
    const asked = asOfAsked(request.query);
    // A date the API would refuse shows today's figures, with the GOV.UK error on the date form.
    const asOfError = asked?.problem ?? (asked ? readAsOfProblem(asked.date, now) : undefined);
    const given = asked === undefined || asOfError ? undefined : (asked.date as CalendarDate);
    const asOf = given ?? today;
    const [detail, { progress, monthEnds }, loaded, entries, restated] = await Promise.all([
      this.reads.detail(partnershipId),
      this.reads.progressWithMonthEnds(partnershipId, asOf),
      this.ledger.load(partnershipId),
      this.entries.of(partnershipId),
      this.sentReports.restated(partnershipId),
    ]);
    if (!loaded) throw new NotFoundException();
    const pageCount = Math.max(1, Math.ceil(entries.length / ENTRIES_PER_PAGE));
    const pageAsked = Number(typeof request.query.page === 'string' ? request.query.page : '1');
    const page =
      Number.isSafeInteger(pageAsked) && pageAsked >= 1 ? Math.min(pageAsked, pageCount) : 1;
    const worded = inWords(entries);
    const partnership = partnershipView({
      detail,
      progress,
      monthEnds,
      sent: loaded.sent,
      entries: worded.slice((page - 1) * ENTRIES_PER_PAGE, page * ENTRIES_PER_PAGE),
      today,
      asOfGiven: given !== undefined,
    });
    const base = `/partnerships/${encodeURIComponent(partnershipId)}`;
    const pageHref = (n: number) =>
      `${base}?${new URLSearchParams({ ...(given ? { asOf } : {}), page: String(n) })}#timeline`;
    const administer = mayAct(caller, parties, 'administer');
    const actions = [
      ...(mayAct(caller, parties, 'log_work') && detail.status === 'open'
        ? [{ text: 'Open an engagement', href: `${base}/engagements/new` }]
        : []),
      ...(mayAct(caller, parties, 'judge')
        ? [{ text: 'Set a savings line', href: `${base}/savings-lines/new` }]
        : []),
      ...(administer ? [{ text: 'Report recipients', href: `${base}/report-recipients` }] : []),
      ...(mayAct(caller, parties, 'close_partnership') && detail.status === 'open'
        ? [{ text: 'Close', href: `${base}/close` }]
        : []),
    ];
    if (asOfError && asked?.fromParts) partnership.asOfParts = asked.parts;
    await this.pages.send(
      response,
      asOfError ? 400 : 200,
      'partnership',
      {
        title: partnership.name,
        partnership,
        since: restated && sinceReportView(partnershipId, restated, worded),
        placements: placementsView(partnershipId, progress),
        asOfError,
        errorList: asOfError ? [{ text: asOfError, href: '#asOf-day' }] : undefined,
        actions,
        downloads: downloadsOf(base, asOf),
        maySend: administer,
        mayJudge: mayAct(caller, parties, 'judge'),
        banner: bannerFor(request.query.done),
        pagination:
          pageCount > 1
            ? {
                ...(page > 1 ? { previous: { href: pageHref(page - 1) } } : {}),
                ...(page < pageCount ? { next: { href: pageHref(page + 1) } } : {}),
                items: Array.from({ length: pageCount }, (_, i) => ({
                  number: i + 1,
                  href: pageHref(i + 1),
                  current: i + 1 === page,
                })),
              }
            : undefined,
      },
      caller,
    );
  }
}

/** The register's files, as of the date the page shows (SPEC §7). */
function downloadsOf(base: string, asOf: CalendarDate) {
  const query = `?${new URLSearchParams({ asOf })}`;
  return [
    { text: 'Download the savings register (CSV)', href: `${base}/savings.csv${query}` },
    { text: 'Download the savings register (Excel)', href: `${base}/savings.xlsx${query}` },
  ];
}

type AsOfAsked = {
  date: string;
  fromParts: boolean;
  parts: DateParts;
  /** The date form's own problem with the parts typed (not a real date). */
  problem?: string;
};

/** The page's date form, read as every form's dates are read. */
const AS_OF_FIELD: FormField = { api: 'asOf', label: 'Figures as of', kind: 'date' };

/** The date asked for: `asOf`, or the three parts of the page's date form; undefined for none. */
function asOfAsked(query: Request['query']): AsOfAsked | undefined {
  const { typed, api, problems } = readForm([AS_OF_FIELD], query as Record<string, unknown>);
  const parts = typed.asOf as DateParts;
  if (query.asOf !== undefined) {
    return { date: typeof query.asOf === 'string' ? query.asOf : '', fromParts: false, parts };
  }
  if (parts.day === '' && parts.month === '' && parts.year === '') return undefined;
  const date = typeof api.asOf === 'string' ? api.asOf : '';
  return { date, fromParts: true, parts, problem: problems[0]?.message };
}

/**
 * What the API's read says of this `asOf` (SPEC §4: a date from 2000-01-01 to 2099-12-31, at
 * most ten years ahead), in the date form's words; undefined when it reads it.
 */
function readAsOfProblem(date: string, now: Date): string | undefined {
  try {
    parseReadQuery({ asOf: date }, ['asOf'], now);
    return undefined;
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    const { details } = error.getResponse() as { details: { fields: FieldError[] } };
    return formProblem([AS_OF_FIELD], details.fields[0]).message;
  }
}
