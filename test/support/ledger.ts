import { randomUUID } from 'node:crypto';
import type { EventMetadata, EventStore } from '@accord/event-store';
import { interventionStream, parseCalendarDate, type SavingClaimed } from '@accord/ledger';
import { AnyDb } from '../../libs/platform/src/database/db';
import type { TestApp } from './app';
import type { SeededUser, Tenancy } from './identity';

type Headers = Readonly<Record<string, string>>;

/** Ledger calls as one user: `POST`/`PUT` a body under `/api/v1`, with any extra headers. */
export function actingAs(t: TestApp, user: SeededUser) {
  const auth = { Authorization: `Bearer ${user.token}` };
  return {
    post: (path: string, body: object = {}, headers: Headers = {}) =>
      t
        .http()
        .post(`/api/v1${path}`)
        .set({ ...auth, ...headers })
        .send(body),
    put: (path: string, body: object = {}, headers: Headers = {}) =>
      t
        .http()
        .put(`/api/v1${path}`)
        .set({ ...auth, ...headers })
        .send(body),
    get: (path: string, headers: Headers = {}) =>
      t
        .http()
        .get(`/api/v1${path}`)
        .set({ ...auth, ...headers }),
  };
}

export async function eventCount(db: AnyDb): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A partnership with one engagement and one intervention in it, made through the API. */
export async function seedLedger(t: TestApp, tenancy: Tenancy, startsOn = '2026-04-01') {
  const admin = actingAs(t, tenancy.consultancyAdmin);
  const director = actingAs(t, tenancy.director);
  const created = async (call: Promise<{ status: number; body: { id: string } }>) => {
    const res = await call;
    if (res.status !== 201)
      throw new Error(`expected 201, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.id;
  };
  const partnershipId = await created(
    admin.post('/partnerships', { councilId: tenancy.councilId, name: 'Better Futures', startsOn }),
  );
  const engagementId = await created(
    director.post(`/partnerships/${partnershipId}/engagements`, {
      title: 'Placement sufficiency',
      serviceArea: 'childrens_social_care',
      startsOn,
      feePence: 12_000_000,
    }),
  );
  const interventionId = await created(
    director.post(`/engagements/${engagementId}/interventions`, {
      title: 'Step-down from residential care',
      category: 'placement_step_down',
      startedOn: startsOn,
    }),
  );
  return { partnershipId, engagementId, interventionId };
}

/** The ids of the partnership, engagement and intervention `seedLedger` makes. */
export type LedgerIds = Awaited<ReturnType<typeof seedLedger>>;

/**
 * A saving claimed for each of `savingIds`, written straight to the intervention's stream (for a
 * spec that needs more savings than it would claim through the API): "Saving number 1", "Saving
 * number 2" and on, of 100,000p plus its index, cashable, one-off, from 1 May 2026.
 */
export async function appendNumberedClaims(
  store: EventStore,
  ids: LedgerIds,
  savingIds: readonly string[],
  expectedVersion: number,
  metadata: EventMetadata = {},
) {
  const from = parseCalendarDate('2026-05-01');
  const claims: SavingClaimed[] = savingIds.map((savingId, n) => ({
    type: 'SavingClaimed',
    data: {
      ...ids,
      savingId,
      amountPence: 100_000 + n,
      kind: 'cashable',
      recurrence: 'one_off',
      startsOn: from,
      basis: `Saving number ${n + 1}`,
      attributionPct: 100,
      occurredOn: from,
    },
  }));
  return store.append(
    interventionStream(ids.interventionId),
    claims.map((claim) => ({ eventId: randomUUID(), ...claim, metadata })),
    expectedVersion,
  );
}
