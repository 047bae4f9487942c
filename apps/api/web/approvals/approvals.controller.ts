import { Authenticated, type Caller, CurrentCaller } from '@accord/identity';
import { formatDate, formatPence } from '@accord/reporting';
import { Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { bannerFor } from '../forms/web-forms';
import { PageController } from '../page-controller';
import { PageRenderer } from '../page-renderer';
import { pageOf } from '../paging';
import { ApprovalsQueue } from './approvals-queue';

/**
 * `GET /approvals`: what awaits a council approver's decision across their partnerships, oldest
 * first, each with the links to decide on it. Anyone else finds nothing awaiting them here.
 */
@PageController('approvals')
export class ApprovalsController {
  constructor(
    private readonly queue: ApprovalsQueue,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Authenticated()
  async show(
    @CurrentCaller() caller: Caller,
    @Query('done') done: unknown,
    @Query('page') page: unknown,
    @Res() response: Response,
  ) {
    const awaiting = pageOf(await this.queue.awaiting(caller), page, (n) => `/approvals?page=${n}`);
    const items = awaiting.items.map((item) => {
      if (item.kind === 'saving') {
        const base = `/interventions/${encodeURIComponent(item.interventionId)}/savings/${encodeURIComponent(item.savingId)}`;
        return {
          what: 'Saving claimed',
          title: `${formatPence(item.amountPence)} from ${formatDate(item.startsOn)}`,
          detail: `${item.interventionTitle}: ${item.basis}`,
          partnership: item.partnershipName,
          actions: [
            { text: 'Verify', href: `${base}/verify?from=approvals` },
            { text: 'Dispute', href: `${base}/dispute?from=approvals` },
          ],
        };
      }
      return {
        what: 'Milestone achieved',
        title: item.title,
        detail: `${item.engagementTitle}: achieved on ${formatDate(item.achievedOn)}`,
        partnership: item.partnershipName,
        actions: [
          {
            text: 'Sign off',
            href: `/engagements/${encodeURIComponent(item.engagementId)}/milestones/${encodeURIComponent(item.milestoneId)}/sign-off`,
          },
        ],
      };
    });
    await this.pages.send(
      response,
      200,
      'approvals',
      {
        title: 'Approvals',
        items,
        awaiting,
        approver: this.queue.isApprover(caller),
        banner: bannerFor(done),
      },
      caller,
    );
  }
}
