import { type Caller, isPlatformAdmin } from '@accord/identity';
import { type CalendarDate, todayInLondon } from '@accord/ledger';
import { PartnershipReads, type Progress } from '@accord/read-models';
import { formatDate, formatPence, formatReturnOnFees } from '@accord/reporting';
import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { bannerFor } from '../forms/web-forms';
import { PageRenderer } from '../page-renderer';

/**
 * `GET /partnerships`: the visitor's partnerships, as `GET /api/v1/partnerships` lists them, each
 * with its claimed and verified to date and return on fees: its progress figures today.
 */
@Injectable()
export class PartnershipListPage {
  constructor(
    private readonly reads: PartnershipReads,
    private readonly pages: PageRenderer,
  ) {}

  async show(caller: Caller, done: unknown, response: Response): Promise<void> {
    // As the API answers: all for the operator; nothing for someone of no organisation.
    const { items } = isPlatformAdmin(caller)
      ? await this.reads.list(null)
      : caller.organisationId === null
        ? { items: [] }
        : await this.reads.list(caller.organisationId);
    const progress = await this.reads.progressOfEach(
      items.map((item) => item.id),
      todayInLondon(new Date()),
    );
    await this.pages.send(
      response,
      200,
      'partnership-list',
      {
        title: 'Your partnerships',
        banner: bannerFor(done),
        // The API forms it for the caller's own consultancy: its admins only.
        mayForm: caller.organisationKind === 'consultancy' && caller.roles.includes('admin'),
        partnerships: items.map((item) => ({
          ...figures(progress.get(item.id)),
          href: `/partnerships/${encodeURIComponent(item.id)}`,
          name: item.name,
          consultancy: item.consultancy.name ?? 'Consultancy',
          council: item.council.name ?? 'Council',
          startsOn: formatDate(item.startsOn as CalendarDate),
          status: item.status === 'open' ? 'Open' : 'Closed',
        })),
      },
      caller,
    );
  }
}

/** Progress's own figures in pounds; a partnership not read yet shows none rather than £0. */
function figures(progress: Progress | undefined) {
  if (progress === undefined) return { claimed: '', verified: '', returnOnFees: '' };
  return {
    claimed: formatPence(progress.savings.toDate.claimedPence),
    verified: formatPence(progress.savings.toDate.verifiedPence),
    returnOnFees: formatReturnOnFees(progress.savings.returnOnFees),
  };
}
