import { ForPartnership } from '@accord/identity';
import { PLACEMENT_TYPE_LABELS, referenceUnitCosts } from '@accord/ledger';
import { PartnershipReads } from '@accord/read-models';
import { formatDate, formatPence } from '@accord/reporting';
import { Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { engagementView } from '../engagements/engagement.view';
import { interventionPath, partnershipPath } from '../forms/ledger-fields';
import { LedgerPlaces } from '../forms/ledger-places';
import { bannerFor } from '../forms/web-forms';
import { LedgerHistory } from '../history/ledger-history';
import { interventionView } from '../interventions/intervention.view';
import { PageController } from '../page-controller';
import { type PageData, PageRenderer } from '../page-renderer';
import { PageRequest } from '../page-request';
import { pageOf } from '../paging';
import { unitCostsPath } from './unit-cost.form';

/**
 * The pages of what a partnership records, each under the partnership's name: an engagement's,
 * an intervention's, and the council's unit costs. Their forms are the rows of
 * engagement.forms.ts, intervention.forms.ts and unit-cost.form.ts.
 */
@PageController()
export class RecordPagesController {
  constructor(
    private readonly places: LedgerPlaces,
    private readonly reads: PartnershipReads,
    private readonly history: LedgerHistory,
    private readonly pages: PageRenderer,
  ) {}

  @Get('engagements/:id')
  @ForPartnership('read', 'engagement')
  async engagement(@Req() request: Request, @Res() response: Response): Promise<void> {
    const at = new PageRequest(request);
    const { partnership, engagement } = await this.places.engagement(at.partnershipId, at.id());
    const view = engagementView(engagement, at.permitted);
    await this.show(response, at, partnership, 'engagement', view);
  }

  @Get('interventions/:id')
  @ForPartnership('read', 'intervention')
  async intervention(@Req() request: Request, @Res() response: Response): Promise<void> {
    const at = new PageRequest(request);
    const found = await this.places.intervention(at.partnershipId, at.id());
    const { partnership, engagement, intervention } = found;
    const base = interventionPath(intervention.id);
    const savings = pageOf(intervention.savings, at.query('page'), (n) => `${base}?page=${n}`);
    const historyOf = await this.history.ofSavings(intervention.id, savings.items);
    const view = interventionView(engagement, intervention, savings, historyOf, at.permitted);
    await this.show(response, at, partnership, 'intervention', view);
  }

  /**
   * `GET /partnerships/:id/unit-costs`: the council's price list for placements, each type's
   * prices with the dates they take effect, beside the reference figures Accord prices a type
   * from where the council has set none (SPEC §9). Everyone in the partnership may read it; the
   * council's admin and approver may add to it.
   */
  @Get('partnerships/:id/unit-costs')
  @ForPartnership('read')
  async unitCosts(@Req() request: Request, @Res() response: Response): Promise<void> {
    const at = new PageRequest(request);
    const [detail, prices] = await Promise.all([
      this.reads.detail(at.partnershipId),
      this.reads.unitCosts(at.partnershipId),
    ]);
    await this.show(response, at, detail, 'unit-costs', {
      title: 'Unit costs',
      prices: prices.map((price) => ({
        type: PLACEMENT_TYPE_LABELS[price.placementType],
        weeklyCost: formatPence(price.weeklyCostPence),
        effectiveFrom: formatDate(price.effectiveFrom),
        source: price.source,
      })),
      reference: referenceUnitCosts().map((row) => ({
        type: PLACEMENT_TYPE_LABELS[row.placementType],
        weeklyCost: formatPence(row.weeklyCostPence),
        year: row.year,
        source: row.source,
      })),
      setHref: at.permitted.judge ? `${unitCostsPath(at.partnershipId)}/new` : undefined,
    });
  }

  /** A record's page, under its partnership's name, with the banner a form sent the visitor with. */
  private show(
    response: Response,
    at: PageRequest,
    partnership: Readonly<{ id: string; name: string }>,
    template: string,
    view: PageData,
  ): Promise<void> {
    const { name, id } = partnership;
    const banner = bannerFor(at.query('done'));
    const data = { ...view, banner, partnership: { name, href: partnershipPath(id) } };
    return this.pages.send(response, 200, template, data, at.caller);
  }
}
