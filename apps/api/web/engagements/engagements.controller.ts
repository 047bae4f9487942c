import {
  type Caller,
  CurrentCaller,
  ForPartnership,
  mayAct,
  Parties,
  type PartnershipParties,
} from '@accord/identity';
import type { EngagementDetail } from '@accord/read-models';
import { formatDate, formatPence, humanise } from '@accord/reporting';
import { Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CanonicalId } from '../../ledger/shared/canonical-id.pipe';
import { FormFlow, type PageForm } from '../forms/form-flow';
import {
  achieveMilestone,
  cancelMilestone,
  closeEngagement,
  defineMeasure,
  logIntervention,
  planMilestone,
  recordReading,
  rescheduleMilestone,
  reviseFee,
  signOffMilestone,
} from '../forms/ledger-forms';
import { LedgerPlaces } from '../forms/ledger-places';
import { bannerFor, PageController } from '../page-controller';
import { PageRenderer } from '../page-renderer';

type MilestoneAction = 'achieve' | 'sign-off' | 'reschedule' | 'cancel';

const MILESTONE_FORMS = {
  achieve: achieveMilestone,
  'sign-off': signOffMilestone,
  reschedule: rescheduleMilestone,
  cancel: cancelMilestone,
} as const;

/** An engagement's page, and the forms for its interventions and milestones. */
@PageController('engagements')
export class EngagementsController {
  constructor(
    private readonly places: LedgerPlaces,
    private readonly flow: FormFlow,
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

  @Get(':id/interventions/new')
  @ForPartnership('log_work', 'engagement')
  async newIntervention(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Res() response: Response,
  ) {
    return this.flow.show(
      response,
      caller,
      await this.engagementForm(parties, id, logIntervention),
    );
  }

  @Post(':id/interventions/new')
  @ForPartnership('log_work', 'engagement')
  async logIntervention(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.engagementForm(parties, id, logIntervention);
    return this.flow.submit(request, response, caller, form);
  }

  @Get(':id/milestones/new')
  @ForPartnership('log_work', 'engagement')
  async newMilestone(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Res() response: Response,
  ) {
    return this.flow.show(response, caller, await this.engagementForm(parties, id, planMilestone));
  }

  @Post(':id/milestones/new')
  @ForPartnership('log_work', 'engagement')
  async planMilestone(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.engagementForm(parties, id, planMilestone);
    return this.flow.submit(request, response, caller, form);
  }

  @Get(':id/milestones/:mid/sign-off')
  @ForPartnership('judge', 'engagement')
  async signOffForm(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('mid') mid: string,
    @Res() response: Response,
  ) {
    return this.flow.show(response, caller, await this.milestoneForm(parties, id, mid, 'sign-off'));
  }

  @Post(':id/milestones/:mid/sign-off')
  @ForPartnership('judge', 'engagement')
  async signOff(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('mid') mid: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.milestoneForm(parties, id, mid, 'sign-off');
    return this.flow.submit(request, response, caller, form);
  }

  @Get(':id/milestones/:mid/achieve')
  @ForPartnership('log_work', 'engagement')
  async achieveForm(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('mid') mid: string,
    @Res() response: Response,
  ) {
    return this.flow.show(response, caller, await this.milestoneForm(parties, id, mid, 'achieve'));
  }

  @Post(':id/milestones/:mid/achieve')
  @ForPartnership('log_work', 'engagement')
  async achieve(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('mid') mid: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.milestoneForm(parties, id, mid, 'achieve');
    return this.flow.submit(request, response, caller, form);
  }

  @Get(':id/milestones/:mid/reschedule')
  @ForPartnership('log_work', 'engagement')
  async rescheduleForm(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('mid') mid: string,
    @Res() response: Response,
  ) {
    return this.flow.show(
      response,
      caller,
      await this.milestoneForm(parties, id, mid, 'reschedule'),
    );
  }

  @Post(':id/milestones/:mid/reschedule')
  @ForPartnership('log_work', 'engagement')
  async reschedule(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('mid') mid: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.milestoneForm(parties, id, mid, 'reschedule');
    return this.flow.submit(request, response, caller, form);
  }

  @Get(':id/milestones/:mid/cancel')
  @ForPartnership('log_work', 'engagement')
  async cancelForm(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('mid') mid: string,
    @Res() response: Response,
  ) {
    return this.flow.show(response, caller, await this.milestoneForm(parties, id, mid, 'cancel'));
  }

  @Post(':id/milestones/:mid/cancel')
  @ForPartnership('log_work', 'engagement')
  async cancel(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('mid') mid: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.milestoneForm(parties, id, mid, 'cancel');
    return this.flow.submit(request, response, caller, form);
  }

  @Get(':id/measures/new')
  @ForPartnership('log_work', 'engagement')
  async newMeasure(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Res() response: Response,
  ) {
    return this.flow.show(response, caller, await this.engagementForm(parties, id, defineMeasure));
  }

  @Post(':id/measures/new')
  @ForPartnership('log_work', 'engagement')
  async defineMeasure(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.engagementForm(parties, id, defineMeasure);
    return this.flow.submit(request, response, caller, form);
  }

  @Get(':id/measures/:measure/readings/new')
  @ForPartnership('log_work', 'engagement')
  async newReading(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('measure') measure: string,
    @Res() response: Response,
  ) {
    return this.flow.show(response, caller, await this.readingForm(parties, id, measure));
  }

  @Post(':id/measures/:measure/readings/new')
  @ForPartnership('log_work', 'engagement')
  async recordReading(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('measure') measure: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.readingForm(parties, id, measure);
    return this.flow.submit(request, response, caller, form);
  }

  @Get(':id/fee')
  @ForPartnership('log_work', 'engagement')
  async feeForm(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Res() response: Response,
  ) {
    return this.flow.show(response, caller, await this.engagementForm(parties, id, reviseFee));
  }

  @Post(':id/fee')
  @ForPartnership('log_work', 'engagement')
  async fee(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.engagementForm(parties, id, reviseFee);
    return this.flow.submit(request, response, caller, form);
  }

  @Get(':id/close')
  @ForPartnership('log_work', 'engagement')
  async closeForm(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Res() response: Response,
  ) {
    return this.flow.show(
      response,
      caller,
      await this.engagementForm(parties, id, closeEngagement),
    );
  }

  @Post(':id/close')
  @ForPartnership('log_work', 'engagement')
  async close(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.engagementForm(parties, id, closeEngagement);
    return this.flow.submit(request, response, caller, form);
  }

  private async readingForm(parties: PartnershipParties, id: string, key: string) {
    return this.engagementForm(parties, id, ((engagement: EngagementDetail, version: number) => {
      const measure = engagement.measures.find((m) => m.measure === key);
      if (!measure) throw new NotFoundException();
      return recordReading(engagement, measure, version);
    }) as never);
  }

  private async engagementForm(
    parties: PartnershipParties,
    id: string,
    build: (engagement: never, version: number) => PageForm,
  ): Promise<PageForm> {
    const [{ engagement }, version] = await Promise.all([
      this.places.engagement(parties.partnershipId, id),
      this.places.engagementVersion(id),
    ]);
    return build(engagement as never, version);
  }

  private async milestoneForm(
    parties: PartnershipParties,
    id: string,
    milestoneId: string,
    action: MilestoneAction,
  ): Promise<PageForm> {
    const [{ engagement }, version] = await Promise.all([
      this.places.engagement(parties.partnershipId, id),
      this.places.engagementVersion(id),
    ]);
    const milestone = this.places.milestone(engagement, milestoneId);
    return MILESTONE_FORMS[action](engagement, milestone, version);
  }
}
