import { type CalendarDate, todayInLondon } from '@accord/ledger';
import type { FieldError } from '@accord/platform';
import { PartnershipReads } from '@accord/read-models';
import { PartnershipLedger } from '@accord/reporting';
import { BadRequestException, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { parseReadQuery } from '../../partnerships/shared/read-query';
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
    const now = new Date();
    const today = todayInLondon(now);
    const given = readAsOf(request.query, now);
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

/**
 * `?asOf` by the API's own rule (SPEC §4: 2000-01-01 to 2099-12-31, at most ten years ahead);
 * a date the page checked only for existing, such as 9999-12-31, failed the read with a 500.
 */
function readAsOf(query: Request['query'], now: Date): CalendarDate | undefined {
  try {
    return parseReadQuery(query, ['asOf'], now).asOf;
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    const { details } = error.getResponse() as { details: { fields: FieldError[] } };
    throw new BadPageRequest(details.fields.map((field) => field.message).join('; '));
  }
}
