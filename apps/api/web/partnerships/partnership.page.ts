import { isValidCalendarDate, todayInLondon } from '@accord/ledger';
import { PartnershipReads } from '@accord/read-models';
import { PartnershipLedger } from '@accord/reporting';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PageRenderer } from '../page-renderer';
import type { Visitor } from '../session/web-session.guard';
import { BadPageRequest, PageNotFound } from '../web-errors';
import { LatestEntries } from './latest-entries';
import { partnershipView } from './partnership.view';
import { PartnershipAccess } from './partnership-access';

/** How many of the newest timeline entries the page shows. */
export const LATEST_ENTRIES = 20;

/**
 * `GET /partnerships/:id[?asOf=YYYY-MM-DD]`: the page the monthly e-mail links to. Progress as
 * of today (or `asOf`) as known now, the partnership's reports and its latest ledger entries.
 */
@Injectable()
export class PartnershipPage {
  constructor(
    private readonly access: PartnershipAccess,
    private readonly reads: PartnershipReads,
    private readonly ledger: PartnershipLedger,
    private readonly entries: LatestEntries,
    private readonly pages: PageRenderer,
  ) {}

  async show(visitor: Visitor, request: Request, response: Response): Promise<void> {
    const { partnershipId } = await this.access.readable(visitor, String(request.params.id));
    const today = todayInLondon(new Date());
    const given = request.query.asOf;
    if (given !== undefined && !isValidCalendarDate(given)) {
      throw new BadPageRequest('asOf must be a calendar date, YYYY-MM-DD');
    }
    const asOf = given ?? today;
    const [detail, progress, loaded, entries] = await Promise.all([
      this.reads.detail(partnershipId),
      this.reads.progress(partnershipId, asOf),
      this.ledger.load(partnershipId),
      this.entries.of(partnershipId, LATEST_ENTRIES),
    ]);
    if (!loaded) throw new PageNotFound();
    const partnership = partnershipView({
      detail,
      progress,
      sent: loaded.sent,
      entries,
      today,
      asOfGiven: given !== undefined,
    });
    this.pages.send(response, 200, 'partnership', {
      title: partnership.name,
      visitor,
      partnership,
    });
  }
}
