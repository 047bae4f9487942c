import { date } from '@accord/ledger/testing';
import { sampleReport } from '@accord/reporting/testing';
import { PNG } from 'pngjs';
import { formatMonth, formatPence, formatPoundsShort } from './format';
import { renderReport, restatementChange } from './report-email';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('formatPence', () => {
  it('shows pounds and pence with thousands separators, exactly', () => {
    expect(formatPence(0)).toBe('£0.00');
    expect(formatPence(5)).toBe('£0.05');
    expect(formatPence(123_456_789)).toBe('£1,234,567.89');
    expect(formatPence(999_999_999_999)).toBe('£9,999,999,999.99');
    expect(formatPence(-150)).toBe('-£1.50');
  });

  it('refuses a fraction of a penny', () => {
    expect(() => formatPence(1.5)).toThrow(RangeError);
  });

  it('shortens only axis labels', () => {
    expect(formatPoundsShort(95_000)).toBe('£950');
    expect(formatPoundsShort(1_250_000)).toBe('£12.5k');
    expect(formatPoundsShort(150_000_000)).toBe('£1.5m');
    expect(formatMonth('2026-10' as never)).toBe('October 2026');
  });
});

describe('the report e-mail', () => {
  it('shows every figure to the penny in the HTML and the plain text', async () => {
    const report = sampleReport();
    const { subject, html, text } = await renderReport(report);
    expect(subject).toBe('Better Futures <Children> & Families: value report for October 2026');
    for (const part of [html, text]) {
      expect(part).toContain('£3,100.00'); // claimed in the month
      expect(part).toContain('£1,550.01'); // verified in the month
      expect(part).toContain('£21,345.67'); // claimed, financial year to date
      expect(part).toContain('£10,000.99'); // verified, financial year to date
      expect(part).toContain('£1,234,567.89'); // claimed to date
      expect(part).toContain('£987,654.32'); // verified to date
      expect(part).toContain('£36,500.00'); // full-year effect
      expect(part).toContain('£2.47 verified per £1 of fees');
      expect(part).toContain('2026/27');
      expect(part).toContain('Edge-of-care team live');
      expect(part).toContain('Foster carer campaign');
      expect(part).toContain('Placement review');
      expect(part).toContain('Step-down panel');
      expect(part).toContain('Children looked after rate per 10,000 children aged under 18');
      expect(part).toContain(report.link);
    }
  });

  it('shows the children stepped down by pair of placement types, from progress', async () => {
    const { html, text } = await renderReport(sampleReport());
    expect(html).toContain('Residential children&#39;s home to in-house fostering');
    expect(text).toContain(
      "Residential children's home to in-house fostering: 2 children, £10,123.45 a week, £300,000.01 / £123,456.78",
    );
    for (const part of [html, text]) {
      expect(part).toContain('£10,123.45'); // the weekly saving
      expect(part).toContain('£300,000.01'); // claimed to date
      expect(part).toContain('£123,456.78'); // verified to date
    }
  });

  it('leaves the placements out where none was claimed', async () => {
    const { html, text } = await renderReport(sampleReport({ placements: [] }));
    expect(html).not.toContain('Children stepped down');
    expect(text).not.toContain('Placements (');
  });

  it('says that parts add up to their totals, in the HTML and the plain text', async () => {
    const { html, text } = await renderReport(sampleReport());
    for (const part of [html, text]) {
      expect(part).toContain('Parts add up to their totals to the penny');
      expect(part).not.toContain('need not add up');
    }
  });

  it('escapes what people typed', async () => {
    const { html } = await renderReport(sampleReport());
    expect(html).toContain('Better Futures &lt;Children&gt; &amp; Families');
    expect(html).not.toContain('<Children>');
  });

  it('references the chart by cid and carries it as a valid PNG', async () => {
    const { html, images } = await renderReport(sampleReport());
    expect(images).toHaveLength(1);
    const [chart] = images;
    expect(html).toContain(`src="cid:${chart.cid}"`);
    expect(chart.content.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(chart.content.toString('latin1', 12, 16)).toBe('IHDR');
    expect([chart.content.readUInt32BE(16), chart.content.readUInt32BE(20)]).toEqual([1200, 640]);
    const decoded = PNG.sync.read(chart.content);
    expect([decoded.width, decoded.height]).toEqual([1200, 640]);
    // A white page with both series drawn in their colours.
    const colours = new Set<string>();
    for (let at = 0; at < decoded.data.length; at += 4) {
      colours.add(decoded.data.subarray(at, at + 3).toString('hex'));
    }
    expect(decoded.data.subarray(0, 4).toString('hex')).toBe('ffffffff');
    expect([colours.has('1d70b8'), colours.has('00703c'), colours.has('d2e2f1')]).toEqual([
      true,
      true,
      true,
    ]);
    expect(chart.alt).toBe(
      'Cumulative savings from April 2026 to October 2026: £1,234,567.89 claimed, £987,654.32 verified.',
    );
  });

  it('draws a chart once for the same figures, and again when one changes', async () => {
    const report = sampleReport();
    const [first] = (await renderReport(report)).images;
    const [again] = (await renderReport(sampleReport())).images;
    expect(again).toBe(first);
    const moved = sampleReport();
    moved.savings.cumulativeByMonth = moved.savings.cumulativeByMonth.map((point, i, all) =>
      i === all.length - 1 ? { ...point, verifiedPence: point.verifiedPence + 1 } : point,
    );
    const [redrawn] = (await renderReport(moved)).images;
    expect(redrawn).not.toBe(first);
    expect(redrawn.alt).toContain('£987,654.33 verified');
  });

  it('embeds the chart for a browser', async () => {
    const { html } = await renderReport(sampleReport(), 'data');
    expect(html).toContain('src="data:image/png;base64,iVBORw0KGgo');
    expect(html).not.toContain('cid:');
  });

  it('draws a chart for a partnership in its first month', async () => {
    const report = sampleReport();
    report.savings.cumulativeByMonth = [report.savings.cumulativeByMonth[0]];
    const { images } = await renderReport(report);
    expect(images[0].content.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });
});

describe('a change since a report, in words', () => {
  const change = { type: 'SavingVerified', occurredOn: date('2026-10-12'), position: 129 };

  it('says the day it was recorded in London, not the UTC date of the instant', () => {
    // 23:30 UTC on 31 May is 00:30 on 1 June in London (BST).
    expect(restatementChange({ ...change, recordedAt: '2026-05-31T23:30:00.000Z' })).toBe(
      'Saving verified on 12 October 2026, recorded 1 June 2026 (ledger entry 129)',
    );
    expect(restatementChange({ ...change, recordedAt: '2026-12-31T23:30:00.000Z' })).toBe(
      'Saving verified on 12 October 2026, recorded 31 December 2026 (ledger entry 129)',
    );
  });
});
