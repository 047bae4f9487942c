import { randomUUID } from 'node:crypto';
import { EventStore } from '@accord/event-store';
import { interventionStream, parseCalendarDate, type SavingClaimed } from '@accord/ledger';
import { createKysely, createPool } from '@accord/platform';
import { sql } from 'kysely';
import { createApi } from '../../apps/api/create-api';
import { seedTenancy } from '../support/identity';
import { benchConfig, closeBench, listen, projectionRunner } from './bench-api';

const CLAIMS = Number(process.env.BENCH_LONG_CLAIMS ?? 200);
const APPEND_CHUNK = 2_000;

export type LongStreamFigures = Readonly<{
  savings: number;
  /** Median milliseconds of one claim on a new intervention, and on the long one. */
  newClaimMs: number;
  longClaimMs: number;
  /** The first claim on the long intervention after the API started: it folds the whole stream. */
  firstLongClaimMs: number;
  /** The longest `/health/live` took while the long intervention's claims ran. */
  healthWorstMs: number;
  /** `GET /api/v1/interventions/:id` of the long intervention, a page of 50, median ms. */
  pageMs: number;
}>;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

/**
 * A claim on an intervention that already holds `savings` savings against a claim on a new one,
 * one at a time through the whole API (SPEC §12: within 3×, never blocking other requests),
 * with `/health/live` asked every 5 ms meanwhile. No projection runs in the API's process, as in
 * production, where the worker runs them.
 */
export async function benchLongStream(
  databaseUrl: string,
  savings: number,
): Promise<LongStreamFigures> {
  const config = benchConfig(databaseUrl, { ACCORD_DEMO: 'off' });
  const db = createKysely(createPool(databaseUrl));
  let app = await createApi(config);
  try {
    const tenancy = await seedTenancy(app, db);
    await app.close();
    const token = tenancy.director.token;
    const ids = await seedLongIntervention(db, tenancy.consultancyId, tenancy.councilId, savings);

    // A fresh API: nothing of the long stream is folded yet.
    app = await createApi(config);
    const base = await listen(app);
    const claim = async (interventionId: string, i: number) => {
      const started = performance.now();
      const res = await fetch(`${base}/api/v1/interventions/${interventionId}/savings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          amountPence: 100_000 + i,
          kind: 'cashable',
          recurrence: 'one_off',
          startsOn: '2025-06-01',
          basis: `Bench claim ${i}`,
        }),
      });
      await res.arrayBuffer();
      if (res.status !== 201) throw new Error(`claim answered ${res.status}`);
      return performance.now() - started;
    };

    let healthWorstMs = 0;
    let watching = true;
    const watch = (async () => {
      while (watching) {
        const started = performance.now();
        const res = await fetch(`${base}/health/live`);
        await res.arrayBuffer();
        healthWorstMs = Math.max(healthWorstMs, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const firstLongClaimMs = await claim(ids.long, 0);
    await claim(ids.fresh, 0);
    const newTimes: number[] = [];
    const longTimes: number[] = [];
    for (let i = 1; i <= CLAIMS; i++) {
      newTimes.push(await claim(ids.fresh, i));
      longTimes.push(await claim(ids.long, i));
    }
    watching = false;
    await watch;

    // Pages read the read models, which the worker keeps: let them catch up first.
    const runner = projectionRunner(databaseUrl, db, 50);
    await runner.start();
    await caughtUp(db);
    await runner.stop();
    const pageTimes: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const res = await fetch(`${base}/api/v1/interventions/${ids.long}?limit=50`, {
        headers: { authorization: `Bearer ${tenancy.viewer.token}` },
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`the intervention's page answered ${res.status}`);
      pageTimes.push(performance.now() - started);
    }
    return {
      savings,
      newClaimMs: median(newTimes),
      longClaimMs: median(longTimes),
      firstLongClaimMs,
      healthWorstMs,
      pageMs: median(pageTimes),
    };
  } finally {
    await closeBench(app, db, config);
  }
}

/** Until every projection has applied every event stored. */
async function caughtUp(db: ReturnType<typeof createKysely>): Promise<void> {
  for (;;) {
    const { rows } = await sql<{ behind: boolean }>`
      select (select count(*) from events) >
        coalesce((select min(events_applied) from projection_checkpoints), -1) as behind`.execute(
      db,
    );
    if (!rows[0].behind) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A partnership with two interventions: one holding `savings` claims, one holding none. */
async function seedLongIntervention(
  db: ReturnType<typeof createKysely>,
  consultancyId: string,
  councilId: string,
  savings: number,
) {
  const store = new EventStore(db);
  const day = parseCalendarDate;
  const partnershipId = randomUUID();
  const engagementId = randomUUID();
  const [long, fresh] = [randomUUID(), randomUUID()];
  const event = (type: string, data: Record<string, unknown>) => ({
    eventId: randomUUID(),
    type,
    data,
  });
  await store.append(`partnership-${partnershipId}`, [
    event('PartnershipFormed', {
      partnershipId,
      consultancyId,
      councilId,
      name: 'Long partnership',
      startsOn: day('2025-04-01'),
      occurredOn: day('2025-04-01'),
    }),
  ]);
  await store.append(`engagement-${engagementId}`, [
    event('EngagementOpened', {
      partnershipId,
      engagementId,
      title: 'Long engagement',
      serviceArea: 'childrens_social_care',
      startsOn: day('2025-04-01'),
      feePence: 10_000_000,
      occurredOn: day('2025-04-01'),
    }),
  ]);
  for (const interventionId of [long, fresh]) {
    await store.append(interventionStream(interventionId), [
      event('InterventionLogged', {
        partnershipId,
        engagementId,
        interventionId,
        title: interventionId === long ? 'Long' : 'New',
        category: 'placement_step_down',
        startedOn: day('2025-05-01'),
        occurredOn: day('2025-05-01'),
      }),
    ]);
  }
  for (let from = 0; from < savings; from += APPEND_CHUNK) {
    const claims = Array.from({ length: Math.min(APPEND_CHUNK, savings - from) }, (_, i) => {
      const claimed: SavingClaimed = {
        type: 'SavingClaimed',
        data: {
          partnershipId,
          engagementId,
          interventionId: long,
          savingId: randomUUID(),
          amountPence: 50_000 + from + i,
          kind: 'cashable',
          recurrence: 'recurring_annual',
          startsOn: day('2025-06-01'),
          basis: `Seeded saving ${from + i}`,
          attributionPct: 100,
          occurredOn: day('2025-06-01'),
        },
      };
      return { eventId: randomUUID(), ...claimed };
    });
    await store.append(interventionStream(long), claims);
  }
  return { partnershipId, long, fresh };
}
