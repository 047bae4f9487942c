import PDFDocument from 'pdfkit';
import type { MonthlyReport } from '../report/monthly-report';
import { cumulativeSavingsChart } from './charts';
import { formatDate, formatMonth, formatPence, formatReturnOnFees, humanise } from './format';
import { capacityInWords, outcomeInWords } from './measures-in-words';
import {
  assuranceLine,
  footnote,
  ragLabel,
  restatementChange,
  restatementSummary,
  subjectOf,
} from './report-email';

const TEXT = '#0b0c0c';
const MUTED = '#505a5f';
const RULE = '#b1b4b6';
const BRAND = '#1d70b8';

/**
 * The chart's font, embedded: the PDF's standard fonts only know Western European letters, and a
 * title may be written in any. Roboto is what the chart is drawn in.
 */
const FONTS = {
  regular: require.resolve('@expo-google-fonts/roboto/400Regular/Roboto_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/roboto/700Bold/Roboto_700Bold.ttf'),
} as const;

const MARGIN = 50;

/**
 * The monthly report as an A4 PDF (SPEC §7): the e-mail's figures, chart and restatement, made
 * in the process with PDFKit — no browser. The same helpers word both, so the PDF cannot say
 * other than the e-mail does.
 */
export async function renderReportPdf(report: MonthlyReport): Promise<Buffer> {
  const chart = await cumulativeSavingsChart(report.savings.cumulativeByMonth);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: subjectOf(report),
      Author: 'Accord',
      Subject: `Value report for ${formatMonth(report.month)}`,
    },
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const pdf = new ReportPdf(doc);

  const { savings, partnership } = report;
  const fy = savings.financialYearToDate.financialYear;
  doc.font('regular').fontSize(10).fillColor(MUTED).text('Accord · monthly value report');
  doc.font('bold').fontSize(20).fillColor(TEXT).text(partnership.name);
  doc
    .font('regular')
    .fontSize(12)
    .fillColor(TEXT)
    .text(
      `${formatMonth(report.month)} · ${partnership.consultancy.name ?? 'Consultancy'} with ${partnership.council.name ?? 'Council'}`,
    );

  pdf.heading('Savings');
  pdf.table(
    [
      ['', 'Verified', 'Claimed'],
      [
        `In ${formatMonth(report.month)}`,
        formatPence(savings.inMonth.verifiedPence),
        formatPence(savings.inMonth.claimedPence),
      ],
      [
        `Financial year ${fy} to date`,
        formatPence(savings.financialYearToDate.verifiedPence),
        formatPence(savings.financialYearToDate.claimedPence),
      ],
      [
        'To date',
        formatPence(savings.toDate.verifiedPence),
        formatPence(savings.toDate.claimedPence),
      ],
      [
        'To date, net of attribution',
        formatPence(savings.toDate.netVerifiedPence),
        formatPence(savings.toDate.netClaimedPence),
      ],
    ],
    [0.5, 0.25, 0.25],
  );
  pdf.table(
    [
      ['Full-year effect', formatPence(savings.fullYearEffectPence)],
      ['Disputed to date', formatPence(savings.toDate.disputedPence)],
      [
        'Cashable / non-cashable / cost avoidance to date',
        `${formatPence(savings.toDate.cashablePence)} / ${formatPence(savings.toDate.nonCashablePence)} / ${formatPence(savings.toDate.costAvoidancePence)}`,
      ],
      ['Verified: finance reconciled / evidenced / self-reported', assuranceLine(report)],
      ['Savings target', formatPence(savings.targetPence)],
      ['Committed fees', formatPence(report.fees.committedPence)],
      ['Return on fees', formatReturnOnFees(report.returnOnFees)],
      ['Net return on fees', formatReturnOnFees(report.netReturnOnFees)],
    ],
    [0.5, 0.5],
    false,
  );
  // The chart at the width of the text, its height in proportion.
  const width = doc.page.width - 2 * MARGIN;
  const height = (width * chart.height) / chart.width;
  pdf.room(height + 20);
  doc.image(chart.content, MARGIN, doc.y + 8, { width, height });
  doc.y += height + 12;
  pdf.note(chart.alt);

  const r = report.restated;
  if (r) {
    pdf.heading(`Since the report for ${formatMonth(r.sinceMonth)}`);
    pdf.paragraph(restatementSummary(r));
    if (r.changes.length > 0) {
      pdf.paragraph('What changed them', 'bold');
      for (const change of r.changes) pdf.paragraph(`• ${restatementChange(change)}`);
    }
  }

  if (report.savingsLines.length > 0) {
    pdf.heading('Savings lines');
    pdf.table(
      [
        ['Line', 'Target', 'Forecast', 'At risk', 'Rating'],
        ...report.savingsLines.map((line) => [
          `${line.code} ${line.title} (${line.financialYear}) · verified ${formatPence(line.verifiedPence)} of ${formatPence(line.claimedPence)} claimed`,
          formatPence(line.targetPence),
          formatPence(line.forecastPence),
          formatPence(line.atRiskPence),
          ragLabel(line.rag),
        ]),
      ],
      [0.4, 0.16, 0.16, 0.16, 0.12],
    );
  }

  pdf.heading('Capacity');
  if (report.capacity.length === 0) pdf.paragraph('No capacity added yet.');
  else {
    pdf.table(
      [
        ['', 'Active', 'Added to date'],
        ...report.capacity
          .map(capacityInWords)
          .map((line) => [`${line.kind} (${line.unit})`, line.active, line.addedToDate]),
      ],
      [0.6, 0.2, 0.2],
    );
  }

  pdf.heading('Outcome measures');
  if (report.outcomes.length === 0) pdf.paragraph('No outcome measures defined yet.');
  else {
    pdf.table(
      [
        ['Measure', 'Baseline', 'Target', 'Latest'],
        ...report.outcomes.map((o) => {
          const words = outcomeInWords(o);
          return [
            `${o.name} (${o.unit}, ${words.better})`,
            words.baseline,
            `${words.target} by ${words.by}`,
            words.latest
              ? `${words.latest.value} (${words.latest.on})${words.progress === null ? '' : `, ${words.progress}`}`
              : 'no reading yet',
          ];
        }),
      ],
      [0.4, 0.15, 0.2, 0.25],
    );
  }

  const m = report.milestones;
  pdf.heading('Milestones');
  pdf.paragraph(
    `${m.complete} of ${m.total} complete · ${m.onTrack} on track · ${m.dueSoon} due soon · ${m.overdue} overdue · ${m.cancelled} cancelled`,
  );
  for (const item of m.achievedInMonth) {
    pdf.paragraph(`Achieved: ${item.title} – ${formatDate(item.achievedOn ?? item.dueOn)}`);
  }
  for (const item of m.due) pdf.paragraph(`Due: ${item.title} – ${formatDate(item.dueOn)}`);
  for (const item of m.overdueItems) {
    pdf.paragraph(`Overdue: ${item.title} – was due ${formatDate(item.dueOn)}`);
  }

  pdf.heading(`Interventions logged in ${formatMonth(report.month)}`);
  const logged = report.interventions.loggedInMonth;
  if (logged.length === 0) {
    pdf.paragraph(
      `No interventions logged in ${formatMonth(report.month)}; ${report.interventions.total} in all.`,
    );
  }
  for (const i of logged) {
    pdf.paragraph(`${i.title} (${humanise(i.category)}, started ${formatDate(i.startedOn)})`);
  }

  doc.moveDown();
  doc
    .font('regular')
    .fontSize(10)
    .fillColor(BRAND)
    .text(`Open the partnership in Accord: ${report.link}`, { link: report.link });
  doc.moveDown(0.5);
  pdf.note(footnote(report));

  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** A few layouts the report repeats, on PDFKit's flowing cursor. */
class ReportPdf {
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private get bottom(): number {
    return this.doc.page.height - MARGIN;
  }

  /** A new page unless `height` more fits on this one. */
  room(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  heading(title: string): void {
    this.room(60);
    this.doc.moveDown(0.8);
    this.doc.font('bold').fontSize(14).fillColor(TEXT).text(title, MARGIN);
    this.doc.moveDown(0.3);
  }

  paragraph(text: string, font: 'regular' | 'bold' = 'regular'): void {
    this.doc.font(font).fontSize(10.5).fillColor(TEXT).text(text, MARGIN);
  }

  note(text: string): void {
    this.doc.font('regular').fontSize(9).fillColor(MUTED).text(text, MARGIN);
  }

  /**
   * Rows of cells across the page, `widths` its shares; every cell but the first is a figure,
   * right-aligned. A row never splits across pages: one that does not fit starts the next.
   */
  table(rows: readonly (readonly string[])[], widths: readonly number[], header = true): void {
    const doc = this.doc;
    const full = doc.page.width - 2 * MARGIN;
    const gap = 6;
    rows.forEach((cells, index) => {
      const bold = header && index === 0;
      doc.font(bold ? 'bold' : 'regular').fontSize(10);
      const cellWidth = (i: number) => widths[i] * full - gap;
      const height =
        Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: cellWidth(i) }))) + 6;
      this.room(height);
      const top = doc.y;
      let x = MARGIN;
      cells.forEach((cell, i) => {
        doc.fillColor(TEXT).text(cell, x, top + 3, {
          width: cellWidth(i),
          align: i === 0 ? 'left' : 'right',
        });
        x += widths[i] * full;
      });
      doc
        .moveTo(MARGIN, top + height)
        .lineTo(MARGIN + full, top + height)
        .lineWidth(bold ? 1.5 : 0.5)
        .strokeColor(bold ? TEXT : RULE)
        .stroke();
      doc.x = MARGIN;
      doc.y = top + height;
    });
    doc.moveDown(0.5);
  }
}
