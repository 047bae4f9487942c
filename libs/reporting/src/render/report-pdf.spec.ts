import { sampleReport } from '@accord/reporting/testing';
import { pdfPages, pdfText } from '@accord/testing';
import { renderReportPdf } from './report-pdf';

describe('the report as a PDF (SPEC §7)', () => {
  it('is A4 and gives the figures, chart and restatement the e-mail gives', async () => {
    const report = sampleReport();
    const pdf = await renderReportPdf(report);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { size } = await pdfPages(pdf);
    // A4: 595.28 × 841.89 points.
    expect(size).toMatch(/^595\.2\d? x 841\.8\d? pts \(A4\)/);

    const text = await pdfText(pdf);
    expect(text).toContain('Better Futures <Children> & Families');
    expect(text).toContain('October 2026');
    for (const figure of [
      '£3,100.00', // claimed in the month
      '£1,550.01', // verified in the month
      '£21,345.67', // claimed, financial year to date
      '£10,000.99', // verified, financial year to date
      '£1,234,567.89', // claimed to date
      '£987,654.32', // verified to date
    ]) {
      expect(text).toContain(figure);
    }
    expect(text).toMatch(/Since the report for September 2026/);
    // The chart is drawn in, as an image.
    expect(pdf.includes('/Subtype /Image')).toBe(true);
  });
});
