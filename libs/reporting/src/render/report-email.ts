import { PLACEMENT_TYPE_LABELS, type PlacementType, todayInLondon } from '@accord/ledger';
import mjml2html from 'mjml';
import type { MonthlyReport } from '../report/monthly-report';
import { cumulativeSavingsChart, type InlineImage } from './charts';
import {
  eventTypeInWords,
  formatDate,
  formatMonth,
  formatNumber,
  formatPence,
  formatReturnOnFees,
  humanise,
} from './format';
import { capacityInWords, outcomeInWords } from './measures-in-words';

/** The report as an e-mail: subject, HTML and plain-text parts, and the charts they show. */
export type RenderedReport = Readonly<{
  subject: string;
  html: string;
  text: string;
  images: readonly InlineImage[];
}>;

/**
 * `cid`: images are referenced as inline attachments, as an e-mail carries them (Outlook shows
 * neither SVG nor data URIs). `data`: the same page for a browser, images embedded.
 */
export type ImageMode = 'cid' | 'data';

const FONT = 'Arial, Helvetica, sans-serif';
const TEXT = '#0b0c0c';
const MUTED = '#505a5f';
const BRAND = '#1d70b8';

export async function renderReport(
  report: MonthlyReport,
  mode: ImageMode = 'cid',
): Promise<RenderedReport> {
  const chart = await cumulativeSavingsChart(report.savings.cumulativeByMonth);
  const images = [chart];
  const { html, errors } = await mjml2html(reportMjml(report, images, mode), {
    validationLevel: 'strict',
    // No web fonts: Outlook ignores them and a report should not call out to a font host.
    fonts: {},
    keepComments: false,
  });
  if (errors.length > 0) {
    throw new Error(
      `report template is invalid: ${errors.map((e) => e.formattedMessage).join('; ')}`,
    );
  }
  return { subject: subjectOf(report), html, text: reportText(report), images };
}

export function subjectOf(report: MonthlyReport): string {
  return `${report.partnership.name}: value report for ${formatMonth(report.month)}`;
}

function reportMjml(
  report: MonthlyReport,
  images: readonly InlineImage[],
  mode: ImageMode,
): string {
  const { savings, partnership } = report;
  const [chart] = images;
  const src = (image: InlineImage) =>
    mode === 'cid'
      ? `cid:${image.cid}`
      : `data:image/png;base64,${image.content.toString('base64')}`;
  const fy = savings.financialYearToDate.financialYear;

  return `<mjml>
  <mj-head>
    <mj-title>${escapeHtml(subjectOf(report))}</mj-title>
    <mj-preview>${escapeHtml(
      `${formatPence(savings.inMonth.verifiedPence)} verified and ${formatPence(savings.inMonth.claimedPence)} claimed in ${formatMonth(report.month)}`,
    )}</mj-preview>
    <mj-attributes>
      <mj-all font-family="${FONT}" />
      <mj-text color="${TEXT}" font-size="15px" line-height="22px" padding="6px 24px" />
      <mj-table color="${TEXT}" font-size="14px" line-height="20px" padding="6px 24px" />
      <mj-section padding="8px 0" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f3f2f1" width="640px">
    <mj-section background-color="${BRAND}" padding="20px 0">
      <mj-column>
        <mj-text color="#ffffff" font-size="14px" padding="0 24px">Accord · monthly value report</mj-text>
        <mj-text color="#ffffff" font-size="24px" line-height="30px" font-weight="bold" padding="6px 24px 0">${escapeHtml(partnership.name)}</mj-text>
        <mj-text color="#ffffff" font-size="16px" padding="4px 24px 0">${escapeHtml(formatMonth(report.month))} · ${escapeHtml(partnership.consultancy.name ?? 'Consultancy')} with ${escapeHtml(partnership.council.name ?? 'Council')}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff">
      <mj-column>
        <mj-text font-size="18px" font-weight="bold" padding-top="16px">Savings</mj-text>
        <mj-table>
          <tr style="border-bottom:2px solid ${TEXT};text-align:left;">
            <th style="padding:6px 8px 6px 0;"></th>
            <th style="padding:6px 8px;text-align:right;">Verified</th>
            <th style="padding:6px 0 6px 8px;text-align:right;">Claimed</th>
          </tr>
          ${moneyRow(`In ${formatMonth(report.month)}`, savings.inMonth.verifiedPence, savings.inMonth.claimedPence)}
          ${moneyRow(`Financial year ${fy} to date`, savings.financialYearToDate.verifiedPence, savings.financialYearToDate.claimedPence)}
          ${moneyRow('To date', savings.toDate.verifiedPence, savings.toDate.claimedPence)}
          ${moneyRow('To date, net of attribution', savings.toDate.netVerifiedPence, savings.toDate.netClaimedPence)}
        </mj-table>
        <mj-table>
          ${labelRow('Full-year effect', formatPence(savings.fullYearEffectPence))}
          ${labelRow('Disputed to date', formatPence(savings.toDate.disputedPence))}
          ${labelRow('Cashable / non-cashable / cost avoidance to date', `${formatPence(savings.toDate.cashablePence)} / ${formatPence(savings.toDate.nonCashablePence)} / ${formatPence(savings.toDate.costAvoidancePence)}`)}
          ${labelRow('Verified: finance reconciled / evidenced / self-reported', assuranceLine(report))}
          ${labelRow('Savings target', formatPence(savings.targetPence))}
          ${labelRow('Committed fees', formatPence(report.fees.committedPence))}
          ${labelRow('Return on fees', formatReturnOnFees(report.returnOnFees))}
          ${labelRow('Net return on fees', formatReturnOnFees(report.netReturnOnFees))}
        </mj-table>
        ${
          chart
            ? `<mj-image src="${src(chart)}" alt="${escapeHtml(chart.alt)}" width="${chart.width / 2}px" height="${chart.height / 2}px" padding="12px 24px" />`
            : ''
        }
      </mj-column>
    </mj-section>
    ${restatementSection(report)}
    ${savingsLinesSection(report)}
    ${placementsSection(report)}
    ${capacitySection(report)}
    ${outcomesSection(report)}
    ${milestonesSection(report)}
    ${interventionsSection(report)}
    <mj-section background-color="#ffffff" padding-bottom="20px">
      <mj-column>
        <mj-button href="${escapeHtml(report.link)}" background-color="${BRAND}" color="#ffffff" font-size="16px" font-weight="bold" border-radius="4px" align="left" padding="12px 24px">Open the partnership in Accord</mj-button>
      </mj-column>
    </mj-section>
    <mj-section padding="12px 0 24px">
      <mj-column>
        <mj-text color="${MUTED}" font-size="12px" line-height="18px">${escapeHtml(footnote(report))}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}

function moneyRow(label: string, verifiedPence: number, claimedPence: number): string {
  return `<tr style="border-bottom:1px solid #b1b4b6;">
            <td style="padding:6px 8px 6px 0;">${escapeHtml(label)}</td>
            <td style="padding:6px 8px;text-align:right;font-weight:bold;">${formatPence(verifiedPence)}</td>
            <td style="padding:6px 0 6px 8px;text-align:right;">${formatPence(claimedPence)}</td>
          </tr>`;
}

function labelRow(label: string, value: string): string {
  return `<tr style="border-bottom:1px solid #dfe3e6;">
            <td style="padding:5px 8px 5px 0;color:${MUTED};">${escapeHtml(label)}</td>
            <td style="padding:5px 0 5px 8px;text-align:right;">${escapeHtml(value)}</td>
          </tr>`;
}

function section(title: string, body: string): string {
  return `<mj-section background-color="#ffffff">
      <mj-column>
        <mj-text font-size="18px" font-weight="bold" padding-top="16px">${escapeHtml(title)}</mj-text>
        ${body}
      </mj-column>
    </mj-section>`;
}

export function assuranceLine(report: MonthlyReport): string {
  const by = report.savings.toDate.verifiedByAssurance;
  return `${formatPence(by.finance_reconciled)} / ${formatPence(by.evidenced)} / ${formatPence(by.self_reported)}`;
}

const RAG_COLOURS: Readonly<Record<string, { background: string; text: string }>> = {
  delivered: { background: '#cce2d8', text: '#005a30' },
  green: { background: '#cce2d8', text: '#005a30' },
  amber: { background: '#fff7bf', text: '#594d00' },
  red: { background: '#f4cdc6', text: '#942514' },
};

/** The council's plan lines: what is forecast against each target, and what is at risk. */
function savingsLinesSection(report: MonthlyReport): string {
  if (report.savingsLines.length === 0) return '';
  const rows = report.savingsLines
    .map((line) => {
      const colour = RAG_COLOURS[line.rag];
      return `<tr style="border-bottom:1px solid #dfe3e6;vertical-align:top;">
            <td style="padding:6px 8px 6px 0;">${escapeHtml(line.code)} ${escapeHtml(line.title)}<br /><span style="color:${MUTED};font-size:12px;">${escapeHtml(line.financialYear)} · verified ${formatPence(line.verifiedPence)} of ${formatPence(line.claimedPence)} claimed</span></td>
            <td style="padding:6px 8px;text-align:right;white-space:nowrap;">${formatPence(line.targetPence)}</td>
            <td style="padding:6px 8px;text-align:right;white-space:nowrap;">${formatPence(line.forecastPence)}</td>
            <td style="padding:6px 8px;text-align:right;white-space:nowrap;">${formatPence(line.atRiskPence)}</td>
            <td style="padding:6px 0 6px 8px;text-align:right;white-space:nowrap;"><span style="background:${colour.background};color:${colour.text};padding:2px 6px;font-weight:bold;white-space:nowrap;">${escapeHtml(ragLabel(line.rag))}</span></td>
          </tr>`;
    })
    .join('');
  return tableSection('Savings lines', ['Line', 'Target', 'Forecast', 'At risk', 'Rating'], rows);
}

/** A pair of placement types in words: `Residential children's home to In-house fostering`. */
export function placementPairLabel(
  pair: Readonly<{ fromType: PlacementType; toType: PlacementType }>,
): string {
  const to = PLACEMENT_TYPE_LABELS[pair.toType];
  return `${PLACEMENT_TYPE_LABELS[pair.fromType]} to ${to.charAt(0).toLowerCase()}${to.slice(1)}`;
}

export const childrenInWords = (count: number) =>
  count === 1 ? '1 child' : `${formatNumber(count)} children`;

/** SPEC §9: children stepped down, by pair of placement types, as progress gives them. */
function placementsSection(report: MonthlyReport): string {
  if (report.placements.length === 0) return '';
  const rows = report.placements
    .map(
      (pair) => `<tr style="border-bottom:1px solid #dfe3e6;vertical-align:top;">
            <td style="padding:6px 8px 6px 0;">${escapeHtml(placementPairLabel(pair))}<br /><span style="color:${MUTED};font-size:12px;">${escapeHtml(childrenInWords(pair.children))} · ${formatPence(pair.weeklySavingPence)} a week</span></td>
            <td style="padding:6px 8px;text-align:right;white-space:nowrap;">${formatPence(pair.claimedPence)}</td>
            <td style="padding:6px 0 6px 8px;text-align:right;white-space:nowrap;">${formatPence(pair.verifiedPence)}</td>
          </tr>`,
    )
    .join('');
  return tableSection('Placements', ['Children stepped down', 'Claimed', 'Verified'], rows);
}

/** A section holding a table: the first column names what each row is, the others its figures. */
function tableSection(title: string, [first, ...figures]: readonly string[], rows: string): string {
  const headings = figures.map((heading, i) => {
    const padding = i === figures.length - 1 ? '5px 0 5px 8px' : '5px 8px';
    return `<th style="padding:${padding};text-align:right;white-space:nowrap;">${heading}</th>`;
  });
  return section(
    title,
    `<mj-table>
          <tr style="border-bottom:2px solid ${TEXT};text-align:left;">
            <th style="padding:5px 8px 5px 0;">${first}</th>
            ${headings.join('')}
          </tr>${rows}</mj-table>`,
  );
}

export function ragLabel(rag: string): string {
  return rag === 'delivered' ? 'Delivered' : rag.toUpperCase();
}

/** SPEC §5: what moved since the figures of the last report sent. */
function restatementSection(report: MonthlyReport): string {
  const r = report.restated;
  if (!r) return '';
  return section(
    `Since the report for ${formatMonth(r.sinceMonth)}`,
    `<mj-text>${escapeHtml(restatementSummary(r))}</mj-text>${
      r.changes.length === 0
        ? ''
        : `<mj-text><strong>What changed them</strong><br />${r.changes
            .map((change) => escapeHtml(restatementChange(change)))
            .join('<br />')}</mj-text>`
    }`,
  );
}

export function restatementSummary(r: NonNullable<MonthlyReport['restated']>): string {
  const moved =
    r.before.claimedPence !== r.now.claimedPence || r.before.verifiedPence !== r.now.verifiedPence;
  const to = `to ${formatDate(r.asOf)}`;
  if (!moved) {
    return `The figures that report gave ${to} stand: ${formatPence(r.now.verifiedPence)} verified of ${formatPence(r.now.claimedPence)} claimed.`;
  }
  return (
    `The figures that report gave ${to} have moved: claimed ${formatPence(r.before.claimedPence)} then, ${formatPence(r.now.claimedPence)} now; ` +
    `verified ${formatPence(r.before.verifiedPence)} then, ${formatPence(r.now.verifiedPence)} now.`
  );
}

export function restatementChange(
  change: NonNullable<MonthlyReport['restated']>['changes'][number],
): string {
  const when = change.occurredOn ? ` on ${formatDate(change.occurredOn)}` : '';
  // The day it was recorded in London, not the UTC date of the instant.
  const recorded = formatDate(todayInLondon(new Date(change.recordedAt)));
  return `${eventTypeInWords(change.type)}${when}, recorded ${recorded} (ledger entry ${change.position})`;
}

function capacitySection(report: MonthlyReport): string {
  if (report.capacity.length === 0) {
    return section('Capacity', `<mj-text>No capacity added yet.</mj-text>`);
  }
  const rows = report.capacity
    .map(capacityInWords)
    .map(
      (line) => `<tr style="border-bottom:1px solid #dfe3e6;">
            <td style="padding:5px 8px 5px 0;">${escapeHtml(line.kind)} (${escapeHtml(line.unit)})</td>
            <td style="padding:5px 8px;text-align:right;">${line.active}</td>
            <td style="padding:5px 0 5px 8px;text-align:right;">${line.addedToDate}</td>
          </tr>`,
    )
    .join('');
  return tableSection('Capacity', ['', 'Active', 'Added to date'], rows);
}

function outcomesSection(report: MonthlyReport): string {
  if (report.outcomes.length === 0) {
    return section('Outcome measures', `<mj-text>No outcome measures defined yet.</mj-text>`);
  }
  const rows = report.outcomes
    .map((outcome) => {
      const words = outcomeInWords(outcome);
      const latest = words.latest ? `${words.latest.value} (${words.latest.on})` : 'no reading yet';
      const progress = words.progress ?? '–';
      const trend =
        outcome.improving === null ? '' : outcome.improving ? ' · improving' : ' · not improving';
      return `<tr style="border-bottom:1px solid #dfe3e6;vertical-align:top;">
            <td style="padding:6px 8px 6px 0;">${escapeHtml(outcome.name)}<br /><span style="color:${MUTED};font-size:12px;">${escapeHtml(outcome.unit)}, ${words.better}</span></td>
            <td style="padding:6px 8px;text-align:right;">${words.baseline}</td>
            <td style="padding:6px 8px;text-align:right;">${words.target}<br /><span style="color:${MUTED};font-size:12px;">by ${escapeHtml(words.by)}</span></td>
            <td style="padding:6px 0 6px 8px;text-align:right;">${escapeHtml(latest)}<br /><span style="color:${MUTED};font-size:12px;">${escapeHtml(progress + trend)}</span></td>
          </tr>`;
    })
    .join('');
  return tableSection('Outcome measures', ['Measure', 'Baseline', 'Target', 'Latest'], rows);
}

function milestonesSection(report: MonthlyReport): string {
  const m = report.milestones;
  const list = (
    title: string,
    items: MonthlyReport['milestones']['due'],
    when: (i: (typeof items)[number]) => string,
  ) =>
    items.length === 0
      ? ''
      : `<mj-text><strong>${escapeHtml(title)}</strong><br />${items
          .map((item) => `${escapeHtml(item.title)} – ${escapeHtml(when(item))}`)
          .join('<br />')}</mj-text>`;
  return section(
    'Milestones',
    `<mj-text>${m.complete} of ${m.total} complete · ${m.onTrack} on track · ${m.dueSoon} due soon · ${m.overdue} overdue · ${m.cancelled} cancelled</mj-text>
        ${list(`Achieved in ${formatMonth(report.month)}`, m.achievedInMonth, (i) => `achieved ${formatDate(i.achievedOn ?? i.dueOn)}`)}
        ${list('Due in the next 14 days', m.due, (i) => `due ${formatDate(i.dueOn)}`)}
        ${list('Overdue', m.overdueItems, (i) => `was due ${formatDate(i.dueOn)}`)}`,
  );
}

function interventionsSection(report: MonthlyReport): string {
  const logged = report.interventions.loggedInMonth;
  const body =
    logged.length === 0
      ? `<mj-text>No interventions logged in ${escapeHtml(formatMonth(report.month))}; ${report.interventions.total} in all.</mj-text>`
      : `<mj-text>${logged
          .map(
            (i) =>
              `${escapeHtml(i.title)} <span style="color:${MUTED};">(${escapeHtml(humanise(i.category))}, started ${escapeHtml(formatDate(i.startedOn))})</span>`,
          )
          .join('<br />')}</mj-text>
        <mj-text color="${MUTED}" font-size="13px">${report.interventions.total} interventions in all.</mj-text>`;
  return section(`Interventions logged in ${formatMonth(report.month)}`, body);
}

export function footnote(report: MonthlyReport): string {
  return (
    `Figures as of ${formatDate(report.asOf)}, from the ledger as it stood at ${report.knownAt}. ` +
    'Savings accrue day by day. Parts add up to their totals to the penny: a month or year is ' +
    'the difference of two rounded figures to date, and a total is the sum of its rounded kinds. ' +
    'Verified means agreed by the council; claimed includes verified and disputed savings.'
  );
}

/** The same content for mail clients that show no HTML. */
export function reportText(report: MonthlyReport): string {
  const { savings, milestones } = report;
  const lines: string[] = [];
  const heading = (title: string) => lines.push('', title, '-'.repeat(title.length));
  lines.push(
    `${report.partnership.name}: value report for ${formatMonth(report.month)}`,
    `${report.partnership.consultancy.name ?? 'Consultancy'} with ${report.partnership.council.name ?? 'Council'}`,
  );
  heading('Savings (verified / claimed)');
  lines.push(
    `In ${formatMonth(report.month)}: ${formatPence(savings.inMonth.verifiedPence)} / ${formatPence(savings.inMonth.claimedPence)}`,
    `Financial year ${savings.financialYearToDate.financialYear} to date: ${formatPence(savings.financialYearToDate.verifiedPence)} / ${formatPence(savings.financialYearToDate.claimedPence)}`,
    `To date: ${formatPence(savings.toDate.verifiedPence)} / ${formatPence(savings.toDate.claimedPence)}`,
    `Full-year effect: ${formatPence(savings.fullYearEffectPence)}`,
    `Disputed to date: ${formatPence(savings.toDate.disputedPence)}`,
    `Savings target: ${formatPence(savings.targetPence)}`,
    `Committed fees: ${formatPence(report.fees.committedPence)}`,
    `Return on fees: ${formatReturnOnFees(report.returnOnFees)}`,
    `To date, net of attribution: ${formatPence(savings.toDate.netVerifiedPence)} / ${formatPence(savings.toDate.netClaimedPence)}`,
    `Net return on fees: ${formatReturnOnFees(report.netReturnOnFees)}`,
    `Cost avoidance to date: ${formatPence(savings.toDate.costAvoidancePence)}`,
    `Verified (finance reconciled / evidenced / self-reported): ${assuranceLine(report)}`,
  );
  if (report.restated) {
    heading(`Since the report for ${formatMonth(report.restated.sinceMonth)}`);
    lines.push(restatementSummary(report.restated));
    for (const change of report.restated.changes) lines.push(`- ${restatementChange(change)}`);
  }
  if (report.savingsLines.length > 0) {
    heading('Savings lines (target / forecast / at risk / rating)');
    for (const line of report.savingsLines) {
      lines.push(
        `${line.code} ${line.title} (${line.financialYear}): ${formatPence(line.targetPence)} / ${formatPence(line.forecastPence)} / ${formatPence(line.atRiskPence)} / ${ragLabel(line.rag)}`,
      );
    }
  }
  if (report.placements.length > 0) {
    heading('Placements (children, weekly saving, claimed / verified to date)');
    for (const pair of report.placements) {
      lines.push(
        `${placementPairLabel(pair)}: ${childrenInWords(pair.children)}, ${formatPence(pair.weeklySavingPence)} a week, ${formatPence(pair.claimedPence)} / ${formatPence(pair.verifiedPence)}`,
      );
    }
  }
  heading('Cumulative savings by month (verified / claimed)');
  for (const point of savings.cumulativeByMonth) {
    lines.push(
      `${formatMonth(point.month)}: ${formatPence(point.verifiedPence)} / ${formatPence(point.claimedPence)}`,
    );
  }
  heading('Capacity (active / added to date)');
  if (report.capacity.length === 0) lines.push('No capacity added yet.');
  for (const line of report.capacity.map(capacityInWords)) {
    lines.push(`${line.kind} (${line.unit}): ${line.active} / ${line.addedToDate}`);
  }
  heading('Outcome measures');
  if (report.outcomes.length === 0) lines.push('No outcome measures defined yet.');
  for (const o of report.outcomes) {
    const words = outcomeInWords(o);
    const latest = words.latest ? `${words.latest.value} on ${words.latest.on}` : 'no reading yet';
    const progress = words.progress === null ? '' : `, ${words.progress} of the way`;
    lines.push(
      `${o.name} (${o.unit}): baseline ${words.baseline}, target ${words.target} by ${words.by}, latest ${latest}${progress}`,
    );
  }
  heading('Milestones');
  lines.push(
    `${milestones.complete} of ${milestones.total} complete, ${milestones.onTrack} on track, ${milestones.dueSoon} due soon, ${milestones.overdue} overdue, ${milestones.cancelled} cancelled`,
  );
  for (const item of milestones.achievedInMonth)
    lines.push(`Achieved: ${item.title} (${formatDate(item.achievedOn ?? item.dueOn)})`);
  for (const item of milestones.due) lines.push(`Due: ${item.title} (${formatDate(item.dueOn)})`);
  for (const item of milestones.overdueItems)
    lines.push(`Overdue: ${item.title} (was due ${formatDate(item.dueOn)})`);
  heading(`Interventions logged in ${formatMonth(report.month)}`);
  if (report.interventions.loggedInMonth.length === 0) lines.push('None.');
  for (const i of report.interventions.loggedInMonth) {
    lines.push(`${i.title} (${humanise(i.category)}, started ${formatDate(i.startedOn)})`);
  }
  lines.push('', `Open the partnership in Accord: ${report.link}`, '', footnote(report), '');
  return lines.join('\n');
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
