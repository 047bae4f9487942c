import {
  type Caller,
  CurrentCaller,
  ForPartnership,
  mayAct,
  Parties,
  type PartnershipParties,
} from '@accord/identity';
import { formatDate, formatPence, humanise } from '@accord/reporting';
import { Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CanonicalId } from '../../ledger/shared/canonical-id.pipe';
import { LedgerPlaces } from '../forms/ledger-places';
import { bannerFor } from '../forms/web-forms';
import { PageController } from '../page-controller';
import { PageRenderer } from '../page-renderer';

type MilestoneAction = 'achieve' | 'sign-off' | 'reschedule' | 'cancel';

/** An engagement's page; its forms are rows of engagement.forms.ts. */
@PageController('engagements')
export class EngagementsController {
  constructor(
    private readonly places: LedgerPlaces,
    private readonly pages: PageRenderer,
  ) {}

  @Get(':id')
  @ForPartnership('read', 'engagement')
  async show(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Query('done') done: unknown,
    @Res() response: Response,
  ) {
    const { partnership, engagement } = await this.places.engagement(parties.partnershipId, id);
    const logWork = mayAct(caller, parties, 'log_work');
    const judge = mayAct(caller, parties, 'judge');
    const open = engagement.status === 'open';
    const base = `/engagements/${encodeURIComponent(engagement.id)}`;
    await this.pages.send(
      response,
      200,
      'engagement',
      {
        title: engagement.title,
        banner: bannerFor(done),
        partnership: {
          name: partnership.name,
          href: `/partnerships/${encodeURIComponent(partnership.id)}`,
        },
        engagement: {
          title: engagement.title,
          rows: [
            { key: 'Service area', value: humanise(engagement.serviceArea) },
            { key: 'Start date', value: formatDate(engagement.startsOn) },
            { key: 'End date', value: engagement.endsOn ? formatDate(engagement.endsOn) : '–' },
            { key: 'Fee', value: formatPence(engagement.feePence) },
            {
              key: 'Savings target',
              value:
                engagement.savingsTargetPence === null
                  ? '–'
                  : formatPence(engagement.savingsTargetPence),
            },
            { key: 'Status', value: open ? 'Open' : 'Closed' },
          ],
          interventions: engagement.interventions.map((i) => ({
            href: `/interventions/${encodeURIComponent(i.id)}`,
            title: i.title,
            category: humanise(i.category),
            startedOn: formatDate(i.startedOn),
            status: humanise(i.status),
            savings: i.savings.length,
          })),
          milestones: engagement.milestones.map((m) => {
            const href = (action: MilestoneAction) =>
              `${base}/milestones/${encodeURIComponent(m.id)}/${action}`;
            const planned = m.status === 'planned';
            return {
              title: m.title,
              dueOn: formatDate(m.dueOn),
              achievedOn: m.achievedOn ? formatDate(m.achievedOn) : '–',
              status: m.signedOff ? 'Signed off' : humanise(m.status),
              tag: m.signedOff
                ? 'govuk-tag--green'
                : m.status === 'achieved'
                  ? 'govuk-tag--blue'
                  : m.status === 'cancelled'
                    ? 'govuk-tag--grey'
                    : 'govuk-tag--yellow',
              actions: [
                ...(logWork && planned
                  ? [
                      { text: 'Mark achieved', href: href('achieve') },
                      { text: 'Reschedule', href: href('reschedule') },
                      { text: 'Cancel', href: href('cancel') },
                    ]
                  : []),
                ...(judge && m.status === 'achieved' && !m.signedOff
                  ? [{ text: 'Sign off', href: href('sign-off') }]
                  : []),
              ],
            };
          }),
          measures: engagement.measures.map((m) => {
            const latest = m.readings.at(-1);
            return {
              name: m.name,
              unit: m.unit,
              baseline: `${m.baseline.value} on ${formatDate(m.baseline.asOf)}`,
              target: `${m.target.value} by ${formatDate(m.target.by)}`,
              latest: latest ? `${latest.value} on ${formatDate(latest.asOf)}` : 'No reading yet',
              actions:
                logWork && open
                  ? [
                      {
                        text: 'Record a reading',
                        href: `${base}/measures/${encodeURIComponent(m.measure)}/readings/new`,
                      },
                    ]
                  : [],
            };
          }),
        },
        actions:
          logWork && open
            ? [
                { text: 'Log an intervention', href: `${base}/interventions/new` },
                { text: 'Plan a milestone', href: `${base}/milestones/new` },
                { text: 'Define a measure', href: `${base}/measures/new` },
                { text: 'Revise the fee', href: `${base}/fee` },
                { text: 'Close', href: `${base}/close` },
              ]
            : [],
      },
      caller,
    );
  }
}
