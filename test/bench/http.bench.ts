import { seedTenancy } from '../support/identity';
import { projectionRunner, startBenchApi } from './bench-api';
import type { Row } from './event-store.bench';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = 16;

async function rate(
  send: (i: number, worker: number) => Promise<Response>,
  expected: number,
): Promise<number> {
  let next = 0;
  let wrong = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      while (next < REQUESTS) {
        const res = await send(next++, worker);
        await res.arrayBuffer();
        if (res.status !== expected) wrong++;
      }
    }),
  );
  if (wrong > 0) throw new Error(`${wrong} answers were not ${expected}`);
  return REQUESTS / (Number(process.hrtime.bigint() - started) / 1e9);
}

/**
 * Requests per second through the whole API (16 at a time, keep-alive), against the floor of a
 * trivial route served by the same process in the same run.
 */
export async function benchHttp(databaseUrl: string): Promise<Row[]> {
  const api = await startBenchApi(databaseUrl, { ACCORD_DEMO: 'off' });
  const { app, base, db } = api;
  const runner = projectionRunner(databaseUrl, db, 50);
  await runner.start();
  try {
    const tenancy = await seedTenancy(app, db);
    const call = (path: string, token: string, body?: object) =>
      fetch(`${base}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body && JSON.stringify(body),
      });
    const created = async (path: string, token: string, body: object) => {
      const res = await call(path, token, body);
      const answer = (await res.json()) as { id: string };
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(answer)}`);
      return answer.id;
    };
    const partnershipId = await created('/api/v1/partnerships', tenancy.consultancyAdmin.token, {
      councilId: tenancy.councilId,
      name: 'Bench partnership',
      startsOn: '2025-04-01',
    });
    const engagementId = await created(
      `/api/v1/partnerships/${partnershipId}/engagements`,
      tenancy.director.token,
      {
        title: 'Bench',
        serviceArea: 'childrens_social_care',
        startsOn: '2025-04-01',
        feePence: 50_000_000,
      },
    );
    // One intervention per concurrent client: writes to one stream queue behind its lock.
    const interventions: string[] = [];
    for (let i = 0; i < CONCURRENCY; i++) {
      interventions.push(
        await created(`/api/v1/engagements/${engagementId}/interventions`, tenancy.director.token, {
          title: `Step-down ${i}`,
          category: 'placement_step_down',
          startedOn: '2025-05-01',
        }),
      );
    }
    const saving = (i: number) => ({
      amountPence: 100_000 + i,
      kind: i % 2 ? 'cashable' : 'non_cashable',
      recurrence: i % 3 ? 'recurring_annual' : 'one_off',
      startsOn: '2025-06-01',
      basis: `Bench saving ${i}`,
    });

    const floor = await rate(() => fetch(`${base}/health/live`), 200);
    const claim = await rate(
      (i, worker) =>
        call(
          `/api/v1/interventions/${interventions[worker]}/savings`,
          tenancy.director.token,
          saving(i),
        ),
      201,
    );
    const progress = await rate(
      () =>
        call(
          `/api/v1/partnerships/${partnershipId}/progress?asOf=2026-10-31`,
          tenancy.viewer.token,
        ),
      200,
    );
    return [
      { label: 'GET /health/live (floor)', writers: CONCURRENCY, perSecond: floor, ratio: 1 },
      { label: `POST …/savings`, writers: CONCURRENCY, perSecond: claim, ratio: claim / floor },
      {
        label: `GET …/progress (${REQUESTS} savings)`,
        writers: CONCURRENCY,
        perSecond: progress,
        ratio: progress / floor,
      },
    ];
  } finally {
    await runner.stop();
    await api.close();
  }
}
