import type { EngagementDetail } from '@accord/read-models';
import { formatDate, formatPence, humanise } from '@accord/reporting';
import { engagementPath, interventionPath } from '../forms/ledger-fields';
import type { Permitted } from '../page-request';

type MilestoneAction = 'achieve' | 'sign-off' | 'reschedule' | 'cancel';

/** An engagement's page: its figures, interventions, milestones and measures, and its forms' links. */
export function engagementView(engagement: EngagementDetail, { logWork, judge }: Permitted) {
  const open = engagement.status === 'open';
  const base = engagementPath(engagement.id);
  return {
    title: engagement.title,
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
        href: interventionPath(i.id),
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
  };
}
