import { randomUUID } from 'node:crypto';
import { EventStore, type NewEvent } from '@accord/event-store';
import {
  ASSURANCES,
  addDays,
  type CalendarDate,
  engagementStream,
  interventionStream,
  parseCalendarDate,
  partnershipStream,
} from '@accord/ledger';
import { PARTNERSHIP_FACTS, PartnershipReads } from '@accord/read-models';
import { MonthlyReportComposer } from '@accord/reporting';
import { sql } from 'kysely';
import { seedTenancy } from '../support/identity';
import { factsApplied, projectionRunner, startBenchApi } from './bench-api';
import type { Row } from './event-store.bench';

export type LedgerSize = { partnerships: number; savings: number; large: number };

const START = parseCalendarDate('2023-11-01');
const AS_OF = '2026-10-31';
const SAVINGS_PER_INTERVENTION = 500;
const CONCURRENCY = 16;

/**
 * A partnership's events as the API writes them: formed, one engagement, interventions of 500
 * claims each, every other claim verified (one in five of those for less than claimed). Claims
 * start across the partnership's first 36 months; most recur, some end, some are part-attributed.
 */
export function partnershipEvents(
  sides: { consultancyId: string; councilId: string },
  savings: number,
  n: number,
): { streamId: string; events: NewEvent[] }[] {
  const partnershipId = randomUUID();
  const engagementId = randomUUID();
  const on = (offset: number): CalendarDate => addDays(START, offset);
  const event = (type: string, data: Record<string, unknown>): NewEvent => ({
    eventId: randomUUID(),
    type,
    data,
    metadata: { actorId: sides.consultancyId, correlationId: randomUUID() },
  });
  const streams = [
    {
      streamId: partnershipStream(partnershipId),
      events: [
        event('PartnershipFormed', {
          partnershipId,
          ...sides,
          name: `Bench partnership ${n}`,
          startsOn: START,
          occurredOn: START,
        }),
      ],
    },
    {
      streamId: engagementStream(engagementId),
      events: [
        event('EngagementOpened', {
          partnershipId,
          engagementId,
          title: 'Placement sufficiency',
          serviceArea: 'childrens_social_care',
          startsOn: START,
          feePence: 120_000_000,
          savingsTargetPence: 500_000_000,
          occurredOn: START,
        }),
      ],
    },
  ];
  for (let first = 0; first < savings; first += SAVINGS_PER_INTERVENTION) {
    const interventionId = randomUUID();
    const ids = { partnershipId, engagementId, interventionId };
    const events = [
      event('InterventionLogged', {
        ...ids,
        title: `Step-down ${first / SAVINGS_PER_INTERVENTION}`,
        category: 'placement_step_down',
        startedOn: START,
        occurredOn: START,
      }),
    ];
    const verifications: NewEvent[] = [];
    for (let i = first; i < Math.min(savings, first + SAVINGS_PER_INTERVENTION); i++) {
      const savingId = randomUUID();
      const startsOn = on((i * 7) % 1080);
      const amountPence = 100_000 + ((i * 7919) % 5_000_000);
      events.push(
        event('SavingClaimed', {
          ...ids,
          savingId,
          amountPence,
          kind: ['cashable', 'non_cashable', 'cost_avoidance'][i % 3],
          recurrence: i % 5 === 0 ? 'one_off' : 'recurring_annual',
          startsOn,
          ...(i % 4 === 1 ? { endsOn: addDays(startsOn, 200 + (i % 400)) } : {}),
          basis: `Residential placement stepped down to foster care, child ${i}`,
          attributionPct: i % 3 === 0 ? 60 : 100,
          occurredOn: startsOn,
        }),
      );
      if (i % 2 === 0) {
        verifications.push(
          event('SavingVerified', {
            ...ids,
            savingId,
            ...(i % 10 === 0 ? { amountPence: Math.floor(amountPence / 2) } : {}),
            assurance: ASSURANCES[i % ASSURANCES.length],
            evidence: 'Placement invoices',
            occurredOn: addDays(startsOn, 30),
          }),
        );
      }
    }
    streams.push({ streamId: interventionStream(interventionId), events });
    streams.push({ streamId: interventionStream(interventionId), events: verifications });
  }
  return streams;
}

export async function append(
  store: EventStore,
  streams: { streamId: string; events: NewEvent[] }[],
) {
  for (const { streamId, events } of streams) {
    for (let i = 0; i < events.length; i += 1000) {
      await store.append(streamId, events.slice(i, i + 1000));
    }
  }
}

async function timedRate(count: () => Promise<number>): Promise<number> {
  const started = process.hrtime.bigint();
  const n = await count();
  return n / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** Requests a second, 16 at a time, for about `seconds` and at least 16 requests. */
export async function rate(
  send: () => Promise<Response>,
  seconds = 3,
  concurrency = CONCURRENCY,
): Promise<number> {
  let done = 0;
  let wrong = '';
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (elapsed() < seconds || done < concurrency) {
        const res = await retried(send);
        const body = await res.text();
        if (res.status !== 200) wrong = `${res.status} ${body.slice(0, 200)}`;
        done++;
      }
    }),
  );
  if (wrong) throw new Error(`an answer was not 200: ${wrong}`);
  return done / elapsed();
}

/**
 * Once more when a kept-alive connection was closed under the request (ECONNRESET): the server
 * closing an idle socket as the client reuses it is a race of keep-alive, not an answer.
 */
async function retried(send: () => Promise<Response>): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** Calls a second, one at a time, for about `seconds`. */
export async function serialRate(call: () => Promise<unknown>, seconds = 3): Promise<number> {
  let done = 0;
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  while (elapsed() < seconds || done < 3) {
    await call();
    done++;
  }
  return done / elapsed();
}

/**
 * Builds a synthetic ledger of `size.partnerships` partnerships of `size.savings` claims and one
 * of `size.large`, then measures, each beside its floor from the same run: a projection rebuild
 * against paging every event; progress reads against /health/live; a read at a past knownAt
 * against a current one; composing a monthly report against one progress read.
 */
export async function benchLedger(databaseUrl: string, size: LedgerSize): Promise<Row[]> {
  const api = await startBenchApi(databaseUrl);
  const { app, base, db, store } = api;
  const rows: Row[] = [];
  try {
    const tenancy = await seedTenancy(app, db);
    const sides = { consultancyId: tenancy.consultancyId, councilId: tenancy.councilId };
    const small = partnershipEvents(sides, size.savings, 0);
    const smallId = small[0].events[0].data.partnershipId as string;
    await append(store, small);
    for (let n = 1; n < size.partnerships; n++) {
      await append(store, partnershipEvents(sides, size.savings, n));
    }
    // The large partnership in two halves, so that a past knownAt sees half its savings.
    const large = partnershipEvents(sides, size.large, size.partnerships);
    const largeId = large[0].events[0].data.partnershipId as string;
    const half = Math.ceil(large.length / 2);
    await append(store, large.slice(0, half));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const pastKnownAt = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await append(store, large.slice(half));
    // As autovacuum leaves an insert-only table (PostgreSQL 13 on): index-only scans can count.
    await sql`vacuum (analyze) events`.execute(db);
    const total = await store.headPosition();
    process.stdout.write(`\nledger: ${total} events\n`);

    const pageAll = (reader: 'readAll' | 'readForProjections' = 'readAll') =>
      timedRate(async () => {
        let after = { transactionId: '0', position: 0 };
        let read = 0;
        for (;;) {
          const page = await store[reader](after, 1000);
          if (page.length === 0) return read;
          read += page.length;
          const last = page[page.length - 1];
          after = { transactionId: last.transactionId, position: last.position };
        }
      });
    // The faster of two passes: the first also warms up the code that reads and parses events,
    // which a rebuild then finds warm (the floor was half as fast when first in a process).
    const paging = Math.max(await pageAll(), await pageAll());
    // What a projection reads of each event (no id, metadata or recording time), for comparison:
    // the rebuild's floor stays the whole event.
    const projectedPaging = Math.max(
      await pageAll('readForProjections'),
      await pageAll('readForProjections'),
    );

    let peakRss = process.memoryUsage().rss;
    const rssBefore = peakRss;
    // The peak within each quarter of the rebuild: flat means the last quarter's is no higher
    // than the first's, however many events came between.
    const quarterPeaks = [0, 0, 0, 0];
    let quarter = 0;
    const sampler = setInterval(() => {
      const rss = process.memoryUsage().rss;
      peakRss = Math.max(peakRss, rss);
      quarterPeaks[quarter] = Math.max(quarterPeaks[quarter], rss);
    }, 20);
    const runner = projectionRunner(databaseUrl, db, 20, store);
    const rebuild = await timedRate(async () => {
      await runner.start();
      await factsApplied(db, total, (applied) => {
        quarter = Math.min(3, Math.floor((4 * applied) / total));
      });
      return total;
    });
    clearInterval(sampler);
    // A small ledger may be done before the sampler saw its last quarter.
    const lastPeak = quarterPeaks.findLast((peak) => peak > 0) ?? peakRss;
    const mb = (bytes: number) => bytes / 2 ** 20;
    const { rows: sizeRows } = await sql<{ bytes: string }>`
      select sum(pg_total_relation_size(quote_ident(unnest)))::text as bytes
      from unnest(array(select unnest(tables) || '_v' || version from projection_checkpoints
        where name = ${PARTNERSHIP_FACTS}))`.execute(db);
    rows.push(
      { label: 'page events, 1000 (floor)', writers: 1, perSecond: paging, ratio: 1 },
      {
        label: '  as projections read them',
        writers: 1,
        perSecond: projectedPaging,
        ratio: projectedPaging / paging,
      },
      { label: 'rebuild facts (events)', writers: 1, perSecond: rebuild, ratio: rebuild / paging },
      {
        label: `peak RSS MB (was ${mb(rssBefore).toFixed(0)})`,
        writers: 1,
        perSecond: mb(peakRss),
        ratio: peakRss / rssBefore,
      },
      {
        label: "  last quarter's peak vs first's",
        writers: 1,
        perSecond: mb(lastPeak),
        ratio: lastPeak / quarterPeaks[0],
      },
      {
        label: 'read model MB',
        writers: 1,
        perSecond: mb(Number(sizeRows[0]?.bytes ?? 0)),
        ratio: Number(sizeRows[0]?.bytes ?? 0) / (total * 1000),
      },
    );

    const get = (path: string) =>
      fetch(`${base}${path}`, { headers: { authorization: `Bearer ${tenancy.viewer.token}` } });
    const progress = (id: string, query = '') =>
      get(`/api/v1/partnerships/${id}/progress?asOf=${AS_OF}${query}`);
    // The first read of each partnership after a write reads and prepares all of it; alone.
    const firstSmall = await timedRate(async () =>
      (await retried(() => progress(smallId))).text().then(() => 1),
    );
    const firstLarge = await timedRate(async () =>
      (await retried(() => progress(largeId))).text().then(() => 1),
    );
    const pastQuery = `&knownAt=${encodeURIComponent(pastKnownAt.toISOString())}`;
    // A past knownAt's first read folds the events recorded by then; later ones find the fold.
    const firstPast = await timedRate(async () =>
      (await retried(() => progress(largeId, pastQuery))).text().then(() => 1),
    );
    const floor = await rate(() => fetch(`${base}/health/live`));
    const atSmall = await rate(() => progress(smallId));
    const atLarge = await rate(() => progress(largeId));
    // Four at a time: sixteen folds of 15,000 events each would outwait the pool's 5 s.
    const atNowBy4 = await rate(() => progress(largeId), 3, 4);
    const atPast = await rate(() => progress(largeId, pastQuery), 3, 4);
    const reportOverHttp = await rate(() => get(`/api/v1/partnerships/${largeId}/reports/2026-10`));
    rows.push(
      { label: 'GET /health/live (floor)', writers: CONCURRENCY, perSecond: floor, ratio: 1 },
      {
        label: `progress, ${size.savings} savings`,
        writers: CONCURRENCY,
        perSecond: atSmall,
        ratio: atSmall / floor,
      },
      {
        label: `progress, ${size.large} savings`,
        writers: CONCURRENCY,
        perSecond: atLarge,
        ratio: atLarge / floor,
      },
      {
        label: `  first read (cold), vs ${size.savings}`,
        writers: 1,
        perSecond: firstLarge,
        ratio: firstLarge / firstSmall,
      },
      {
        label: `  vs ${size.savings} savings`,
        writers: CONCURRENCY,
        perSecond: atLarge,
        ratio: atLarge / atSmall,
      },
      {
        label: `  past knownAt vs now`,
        writers: 4,
        perSecond: atPast,
        ratio: atPast / atNowBy4,
      },
      {
        label: `  past knownAt, first read vs now's`,
        writers: 1,
        perSecond: firstPast,
        ratio: firstPast / firstLarge,
      },
      {
        label: `  monthly report (JSON) vs progress`,
        writers: CONCURRENCY,
        perSecond: reportOverHttp,
        ratio: reportOverHttp / atLarge,
      },
    );

    const reads = app.get(PartnershipReads, { strict: false });
    const composer = app.get(MonthlyReportComposer, { strict: false });
    const knownAt = new Date();
    const oneRead = await serialRate(() => reads.progress(largeId, AS_OF as CalendarDate));
    const knownNow = await serialRate(() => reads.factsKnownAt(largeId, knownAt));
    const report = await serialRate(() => composer.compose(largeId, '2026-10' as never, knownAt));
    rows.push(
      { label: 'progress read, in process', writers: 1, perSecond: oneRead, ratio: 1 },
      {
        label: 'facts known at now (report)',
        writers: 1,
        perSecond: knownNow,
        ratio: knownNow / oneRead,
      },
      {
        label: 'compose monthly report',
        writers: 1,
        perSecond: report,
        ratio: report / oneRead,
      },
    );
    await runner.stop();
    return rows;
  } finally {
    await api.close();
  }
}
