import {
  type Caller,
  CurrentCaller,
  ForPartnership,
  mayAct,
  Parties,
  type PartnershipParties,
} from '@accord/identity';
import { PLACEMENT_TYPE_LABELS, type PlacementType, referenceUnitCosts } from '@accord/ledger';
import { PartnershipReads } from '@accord/read-models';
import { formatDate, formatPence } from '@accord/reporting';
import { Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { bannerFor } from '../forms/web-forms';
import { PageController } from '../page-controller';
import { PageRenderer } from '../page-renderer';
import { unitCostsPath } from './unit-cost.form';

const label = (type: string) => PLACEMENT_TYPE_LABELS[type as PlacementType] ?? type;

/**
 * `GET /partnerships/:id/unit-costs`: the council's price list for placements, each type's
 * prices with the dates they take effect, beside the reference figures Accord prices a type from
 * where the council has set none (SPEC §9). Everyone in the partnership may read it; the
 * council's admin and approver may add to it.
 */
@PageController('partnerships')
export class UnitCostsController {
  constructor(
    private readonly reads: PartnershipReads,
    private readonly pages: PageRenderer,
  ) {}

  @Get(':id/unit-costs')
  @ForPartnership('read')
  async show(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Query('done') done: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const { partnershipId } = parties;
    const [detail, prices] = await Promise.all([
      this.reads.detail(partnershipId),
      this.reads.unitCosts(partnershipId),
    ]);
    const path = unitCostsPath(partnershipId);
    await this.pages.send(
      response,
      200,
      'unit-costs',
      {
        title: 'Unit costs',
        banner: bannerFor(done),
        partnership: {
          name: detail.name,
          href: `/partnerships/${encodeURIComponent(partnershipId)}`,
        },
        prices: prices.map((price) => ({
          type: label(price.placementType),
          weeklyCost: formatPence(price.weeklyCostPence),
          effectiveFrom: formatDate(price.effectiveFrom),
          source: price.source,
        })),
        reference: referenceUnitCosts().map((row) => ({
          type: label(row.placementType),
          weeklyCost: formatPence(row.weeklyCostPence),
          year: row.year,
          source: row.source,
        })),
        setHref: mayAct(caller, parties, 'judge') ? `${path}/new` : undefined,
      },
      caller,
    );
  }
}
