import { randomUUID } from 'node:crypto';
import { EventStore } from '@accord/event-store';
import { actingAs, eventually, latch, ledgerSuite } from '@accord/testing';
import { sql } from 'kysely';

type Item = {
  position: number;
  type: string;
  occurredOn: string | null;
  recordedAt: string;
  actor: { id: string | null; name: string | null };
  data: Record<string, unknown>;
};

describe('the partnership timeline', () => {
  const suite = ledgerSuite();
  let savingId: string;

  beforeAll(async () => {
    const { director } = suite.as;
    const saving = await director
      .post(`/interventions/${suite.ids.interventionId}/savings`, {
        amountPence: 1_200_000,
        kind: 'non_cashable',
        recurrence: 'recurring_annual',
        startsOn: '2026-05-01',
        basis: 'Caseloads down by four',
      })
      .expect(201);
    savingId = saving.body.id;
    await suite.as.approver
      .post(`/interventions/${suite.ids.interventionId}/savings/${savingId}/verify`, {})
      .expect(200);
    await director
      .post(`/engagements/${suite.ids.engagementId}/milestones`, {
        title: 'Audit',
        dueOn: '2026-09-30',
      })
      .expect(201);
    // Another partnership's events, which must not show.
    await suite.seedLedger();
  });

  const timeline = (query = '', user = suite.tenancy.viewer) =>
    actingAs(suite.t, user).get(`/partnerships/${suite.ids.partnershipId}/timeline${query}`);

  it("lists every event of the partnership's streams, oldest first, with who did it", async () => {
    const res = await eventually(async () => {
      const res = await timeline().expect(200);
      expect(res.body.items).toHaveLength(6);
      return res;
    });
    const items: Item[] = res.body.items;
    expect(items.map((i) => i.type)).toEqual([
      'PartnershipFormed',
      'EngagementOpened',
      'InterventionLogged',
      'SavingClaimed',
      'SavingVerified',
      'MilestonePlanned',
    ]);
    const positions = items.map((i) => i.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(res.body.next).toBeNull();
    expect(items[0]).toEqual({
      position: expect.any(Number),
      type: 'PartnershipFormed',
      occurredOn: '2026-04-01',
      recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      actor: { id: suite.tenancy.consultancyAdmin.id, name: suite.tenancy.consultancyAdmin.name },
      data: expect.objectContaining({
        partnershipId: suite.ids.partnershipId,
        name: 'Better Futures',
      }),
    });
    expect(items[3]).toMatchObject({
      occurredOn: '2026-05-01',
      actor: { id: suite.tenancy.director.id, name: suite.tenancy.director.name },
      data: { savingId, amountPence: 1_200_000, basis: 'Caseloads down by four' },
    });
    expect(items[4].actor).toEqual({
      id: suite.tenancy.approver.id,
      name: suite.tenancy.approver.name,
    });
    for (const item of items) expect(item.data.partnershipId).toBe(suite.ids.partnershipId);
  });

  it('pages by global position: next is the after of the following page', async () => {
    const all: Item[] = (await timeline()).body.items;
    const first = await timeline('?limit=4').expect(200);
    expect(first.body.items.map((i: Item) => i.position)).toEqual(
      all.slice(0, 4).map((i) => i.position),
    );
    expect(first.body.next).toBe(all[3].position);
    const second = await timeline(`?limit=4&after=${first.body.next}`).expect(200);
    expect(second.body.items.map((i: Item) => i.position)).toEqual(
      all.slice(4).map((i) => i.position),
    );
    expect(second.body.next).toBeNull();
    const exact = await timeline(`?limit=2&after=${all[3].position}`).expect(200);
    expect(exact.body.next).toBeNull();
    const past = await timeline(`?after=${all[5].position}`).expect(200);
    expect(past.body).toEqual({ items: [], next: null });
  });

  it('names actors as they are now, and an erased user as no one', async () => {
    const leaver = await suite.seedConsultancyUser(['director'], { name: 'Pat Leaver' });
    const res = await actingAs(suite.t, leaver)
      .post(`/engagements/${suite.ids.engagementId}/milestones`, {
        title: 'Handover',
        dueOn: '2026-10-31',
      })
      .expect(201);
    const find = async () => {
      const items: Item[] = (await timeline('?limit=500')).body.items;
      const item = items.find((i) => i.position === res.body.position);
      expect(item).toBeDefined();
      return item as Item;
    };
    expect((await eventually(find)).actor).toEqual({ id: leaver.id, name: 'Pat Leaver' });
    await suite.t.database.db.deleteFrom('users').where('id', '=', leaver.id).execute();
    expect((await find()).actor).toEqual({ id: leaver.id, name: null });
  });

  it("is read by anyone of either side, and by no one else's", async () => {
    await timeline('', suite.tenancy.director).expect(200);
    await timeline('', suite.tenancy.approver).expect(200);
    await timeline('', suite.tenancy.strangerDirector).expect(404);
    await timeline('', suite.tenancy.strangerApprover).expect(404);
    await suite.t
      .http()
      .get(`/api/v1/partnerships/${suite.ids.partnershipId}/timeline`)
      .expect(401);
  });

  it('never lets a client paging with after skip an event that drew a lower position but committed later', async () => {
    const { partnershipId, engagementId } = await suite.seedLedger();
    const store = suite.t.app.get(EventStore);
    const planned = (title: string) => [
      {
        eventId: randomUUID(),
        type: 'MilestonePlanned',
        data: {
          partnershipId,
          engagementId,
          milestoneId: randomUUID(),
          title,
          dueOn: '2026-12-01',
          occurredOn: '2026-11-01',
        },
        metadata: { actorId: suite.tenancy.director.id },
      },
    ];
    const pages = async (after: number) =>
      (
        await suite.as.viewer
          .get(`/partnerships/${partnershipId}/timeline?after=${after}`)
          .expect(200)
      ).body as { items: Item[]; next: number | null };
    const caughtUp = await eventually(async () => {
      const { items } = await pages(0);
      expect(items).toHaveLength(3);
      return items[items.length - 1].position;
    });

    // Early takes its transaction id first; Late then draws a lower position than Early and holds
    // its transaction open while Early commits. Each step waits for the one before it.
    const earlyHasTransactionId = latch();
    const lateHasDrawnPosition = latch();
    const lateMayCommit = latch();
    const early = suite.t.database.db.transaction().execute(async (trx) => {
      await sql`select pg_current_xact_id()`.execute(trx);
      earlyHasTransactionId.open();
      await lateHasDrawnPosition.opened;
      return store.append(`engagement-${randomUUID()}`, planned('Early'), 'no_stream', trx);
    });
    const late = suite.t.database.db.transaction().execute(async (trx) => {
      await earlyHasTransactionId.opened;
      const result = await store.append(
        `engagement-${randomUUID()}`,
        planned('Late'),
        'no_stream',
        trx,
      );
      lateHasDrawnPosition.open();
      await lateMayCommit.opened;
      return result;
    });
    try {
      const earlyResult = await early;
      // The client reads while Late is in flight, and pages on from what it saw.
      const seen = await eventually(async () => {
        const { items } = await pages(caughtUp);
        expect(items.map((item) => item.data.title)).toEqual(['Early']);
        return items;
      });
      lateMayCommit.open();
      const lateResult = await late;
      expect(lateResult.positions[0]).toBeLessThan(earlyResult.positions[0]);
      const rest = await eventually(async () => {
        const page = await pages(seen[0].position);
        expect(page.items.map((item) => item.data.title)).toEqual(['Late']);
        return page.items;
      });
      expect(rest[0].position).toBe(lateResult.positions[0]);
    } finally {
      lateMayCommit.open();
      earlyHasTransactionId.open();
      lateHasDrawnPosition.open();
      await Promise.allSettled([early, late]);
    }
  });

  it("can read a partnership's events through its index, without scanning every event", async () => {
    // A test database is too small for the planner to prefer the index on its own.
    const client = await suite.t.database.pool.connect();
    try {
      await client.query('set enable_seqscan = off');
      const { rows } = await client.query(
        `explain select position from events
         where data->>'partnershipId' = $1 and (transaction_id, position) > ('0'::xid8, 0)
         order by transaction_id, position limit 51`,
        [suite.ids.partnershipId],
      );
      expect(rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n')).toMatch(
        /Index (Only )?Scan using events_partnership_transaction_order/,
      );
    } finally {
      await client.query('reset enable_seqscan');
      client.release();
    }
  });
});
