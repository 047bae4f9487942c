import { randomUUID } from 'node:crypto';
import { type CalendarDate, partnershipStream } from '@accord/ledger';
import { PartnershipReads } from '@accord/read-models';
import { seedTenancy } from '../support/identity';
import { factsApplied, projectionRunner, startBenchApi } from './bench-api';
import type { Row } from './event-store.bench';
import { append, partnershipEvents, rate, serialRate } from './ledger.bench';

export type PortfolioSize = { partnerships: number; savings: number };

const AS_OF = '2026-10-31';

/**
 * SPEC §10: the portfolio of `size.partnerships` partnerships of `size.savings` savings each,
 * all of one council and one consultancy, against one of those partnerships' progress read,
 * over HTTP (16 at a time) and in process (one at a time). Each partnership sets the same
 * savings line, so every line is an overlap. The goal: the portfolio within 3× the time.
 */
export async function benchPortfolio(databaseUrl: string, size: PortfolioSize): Promise<Row[]> {
  const api = await startBenchApi(databaseUrl);
  const { app, base, db, store } = api;
  try {
    const tenancy = await seedTenancy(app, db);
    const sides = { consultancyId: tenancy.consultancyId, councilId: tenancy.councilId };
    const ids: string[] = [];
    for (let n = 0; n < size.partnerships; n++) {
      const streams = partnershipEvents(sides, size.savings, n);
      const partnershipId = streams[0].events[0].data.partnershipId as string;
      ids.push(partnershipId);
      streams.push({
        streamId: partnershipStream(partnershipId),
        events: [
          {
            eventId: randomUUID(),
            type: 'SavingsLineSet',
            data: {
              partnershipId,
              code: 'CS-26-07',
              title: 'Fewer residential placements',
              financialYear: '2026/27',
              targetPence: 50_000_000,
              occurredOn: '2023-11-01',
            },
            metadata: { actorId: tenancy.approver.id, correlationId: randomUUID() },
          },
        ],
      });
      await append(store, streams);
    }
    const total = await store.headPosition();
    const runner = projectionRunner(databaseUrl, db, 20, store);
    await runner.start();
    await factsApplied(db, total);
    await runner.stop();

    const get = (path: string) =>
      fetch(`${base}${path}`, { headers: { authorization: `Bearer ${tenancy.approver.token}` } });
    const progress = () => get(`/api/v1/partnerships/${ids[0]}/progress?asOf=${AS_OF}`);
    const portfolio = () => get(`/api/v1/portfolio?asOf=${AS_OF}`);
    // Both as a reader finds them once the read model has been read: prepared and kept.
    const answer = (await (await portfolio()).json()) as {
      partnerships?: unknown[];
      lines?: { overlap: boolean }[];
    };
    if (answer.partnerships?.length !== size.partnerships || !answer.lines?.[0]?.overlap) {
      throw new Error(
        `the portfolio is not what the bench built: ${JSON.stringify(answer).slice(0, 300)}`,
      );
    }
    await (await progress()).text();
    const progressRate = await rate(progress);
    const portfolioRate = await rate(portfolio);

    const reads = app.get(PartnershipReads, { strict: false });
    const oneRead = await serialRate(() => reads.progress(ids[0], AS_OF as CalendarDate));
    const portfolioRead = await serialRate(() =>
      reads.portfolio(tenancy.councilId, AS_OF as CalendarDate),
    );
    return [
      { label: 'progress, one partnership', writers: 16, perSecond: progressRate, ratio: 1 },
      {
        label: `  portfolio of ${size.partnerships}, time ×`,
        writers: 16,
        perSecond: portfolioRate,
        ratio: progressRate / portfolioRate,
      },
      { label: 'progress read, in process', writers: 1, perSecond: oneRead, ratio: 1 },
      {
        label: '  portfolio read, in process, time ×',
        writers: 1,
        perSecond: portfolioRead,
        ratio: oneRead / portfolioRead,
      },
    ];
  } finally {
    await api.close();
  }
}
