import { randomUUID } from 'node:crypto';
import { createTestDatabase, eventually, TestDatabase } from '@accord/testing';
import { sql } from 'kysely';
import { WrongExpectedVersionError } from './errors';
import { START } from './event';
import { EventStore } from './event-store';
import { UpcasterRegistry } from './upcasters';

const event = (type = 'Counted', data: Record<string, unknown> = {}) => ({
  eventId: randomUUID(),
  type,
  data,
});

describe('EventStore', () => {
  let database: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    store = new EventStore(database.db);
  });
  afterAll(() => database.drop());

  it('appends to a stream and reads it back in version order with metadata', async () => {
    const stream = `s-${randomUUID()}`;
    const first = await store.append(stream, [event('Opened', { n: 1 })], 'no_stream');
    const second = await store.append(
      stream,
      [
        { ...event('Counted', { n: 2 }), metadata: { actorId: 'u1', correlationId: 'c1' } },
        event('Counted', { n: 3 }),
      ],
      1,
    );
    expect(first).toMatchObject({ streamVersion: 1, duplicate: false });
    expect(second.streamVersion).toBe(3);
    expect(second.positions[1]).toBe(second.positions[0] + 1);
    expect(second.positions[0]).toBeGreaterThan(first.positions[0]);

    const events = await store.readStream(stream);
    expect(events.map((e) => [e.streamVersion, e.type, e.data.n])).toEqual([
      [1, 'Opened', 1],
      [2, 'Counted', 2],
      [3, 'Counted', 3],
    ]);
    expect(events[1].metadata).toEqual({ actorId: 'u1', correlationId: 'c1' });
    expect(events[0].recordedAt).toBeInstanceOf(Date);
    expect(BigInt(events[0].transactionId)).toBeGreaterThan(0n);
    expect(await store.readStream(stream, { toVersion: 2 })).toHaveLength(2);
    expect(await store.streamVersion(stream)).toBe(3);
  });

  it('reads a stream as it was known at an instant', async () => {
    const stream = `s-${randomUUID()}`;
    await store.append(stream, [event()]);
    const [{ recordedAt }] = await store.readStream(stream);
    await store.append(stream, [event()]);
    expect(await store.readStream(stream, { recordedBy: recordedAt })).toHaveLength(1);
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it.each([
    ['no_stream', 1],
    [0, 1],
    [2, 1],
  ] as const)(
    'rejects expected version %p on a stream at version 1, naming the actual version',
    async (expected, actual) => {
      const stream = `s-${randomUUID()}`;
      await store.append(stream, [event()]);
      const attempt = store.append(stream, [event()], expected);
      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(attempt).rejects.toMatchObject({ actual, expected, streamId: stream });
      expect(await store.streamVersion(stream)).toBe(1);
    },
  );

  it('rejects stream_exists on a stream without events and writes nothing', async () => {
    const stream = `s-${randomUUID()}`;
    await expect(store.append(stream, [event()], 'stream_exists')).rejects.toMatchObject({
      actual: 0,
    });
    expect(await store.readStream(stream)).toEqual([]);
  });

  it('keeps versions gap-free under 32 concurrent writers with exact expected versions', async () => {
    const stream = `s-${randomUUID()}`;
    const perWriter = 5;
    const accepted: string[] = [];
    let rejections = 0;
    let otherErrors = 0;

    await Promise.all(
      Array.from({ length: 32 }, async () => {
        let mine = 0;
        while (mine < perWriter) {
          const version = await store.streamVersion(stream);
          const candidate = event('Counted', { amount: 1 });
          try {
            await store.append(stream, [candidate], version);
            accepted.push(candidate.eventId);
            mine++;
          } catch (error) {
            if (error instanceof WrongExpectedVersionError) rejections++;
            else otherErrors++;
          }
        }
      }),
    );

    const stored = await store.readStream(stream);
    expect(otherErrors).toBe(0);
    expect(rejections).toBeGreaterThan(0);
    expect(stored.map((e) => e.streamVersion)).toEqual(
      Array.from({ length: 32 * perWriter }, (_, i) => i + 1),
    );
    expect(stored.map((e) => e.eventId).sort()).toEqual([...accepted].sort());
  });

  it('answers a replayed append with the original positions and writes nothing new', async () => {
    const stream = `s-${randomUUID()}`;
    const events = [event('A'), event('B')];
    const first = await store.append(stream, events, 'no_stream');
    const replays = await Promise.all(
      Array.from({ length: 8 }, () => store.append(stream, events, 'no_stream')),
    );
    for (const replay of replays) {
      expect(replay).toEqual({ ...first, duplicate: true });
    }
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('writes the same new events once when two appends of them race', async () => {
    const stream = `s-${randomUUID()}`;
    const events = [event('A')];
    const results = await Promise.all([store.append(stream, events), store.append(stream, events)]);
    expect(results.map((r) => r.duplicate).sort()).toEqual([false, true]);
    expect(results[0].positions).toEqual(results[1].positions);
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('answers a replay as a replay after its stream has moved on, and refuses its ids elsewhere', async () => {
    const stream = `s-${randomUUID()}`;
    const events = [event('A')];
    const first = await store.append(stream, events, 0);
    await store.append(stream, [event('B')], 1);
    // Its expected version no longer holds, but it is the same append: its original positions.
    expect(await store.append(stream, events, 0)).toEqual({ ...first, duplicate: true });
    await expect(store.append(`s-${randomUUID()}`, events)).rejects.toMatchObject({
      code: 'event_store.event_id_conflict',
    });
    // A true version clash with new ids is still one.
    await expect(store.append(stream, [event('C')], 0)).rejects.toMatchObject({
      code: 'event_store.wrong_expected_version',
    });
    expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('refuses an append that reuses some stored event ids with new ones', async () => {
    const stream = `s-${randomUUID()}`;
    const a = event('A');
    await store.append(stream, [a]);
    await expect(store.append(stream, [a, event('B')])).rejects.toMatchObject({
      code: 'event_store.event_id_conflict',
    });
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it.each([
    ['update', sql`update events set type = 'Changed'`],
    ['delete', sql`delete from events`],
    ['truncate', sql`truncate events`],
  ])('the database refuses %s on the event table', async (_, statement) => {
    await store.append(`s-${randomUUID()}`, [event()]);
    const before = await store.headPosition();
    await expect(statement.execute(database.db)).rejects.toThrow(/events are immutable/);
    expect(await store.headPosition()).toBe(before);
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from events where type = 'Changed'`.execute(database.db);
    expect(rows[0].n).toBe(0);
  });

  it('never skips an event whose transaction took a lower position but committed later', async () => {
    // Other databases' transactions share the cluster's xmin, so reads may lag; they may never
    // reorder or skip.
    const all = await store.headPosition();
    const caughtUp = await eventually(async () => {
      const events = await store.readAll(START, 100_000);
      expect(events.at(-1)?.position).toBe(all);
      return events[events.length - 1];
    });
    const checkpoint = { transactionId: caughtUp.transactionId, position: caughtUp.position };

    let releaseSlow!: () => void;
    const slowMayCommit = new Promise<void>((resolve) => {
      releaseSlow = resolve;
    });
    let slowAppended!: () => void;
    const slowHasAppended = new Promise<void>((resolve) => {
      slowAppended = resolve;
    });
    const slow = database.db.transaction().execute(async (trx) => {
      const result = await store.append(`slow-${randomUUID()}`, [event('Slow')], 'any', trx);
      slowAppended();
      await slowMayCommit;
      return result;
    });
    try {
      await slowHasAppended;
      const fast = await store.append(`fast-${randomUUID()}`, [event('Fast')]);
      expect(await store.readAll(checkpoint)).toEqual([]);

      releaseSlow();
      const slowResult = await slow;
      expect(slowResult.positions[0]).toBeLessThan(fast.positions[0]);

      const afterCommit = await eventually(async () => {
        const events = await store.readAll(checkpoint);
        expect(events.length).toBeGreaterThan(0);
        return events;
      });
      expect(afterCommit[0].type).toBe('Slow');
      const both = await eventually(async () => {
        const events = await store.readAll(checkpoint);
        expect(events).toHaveLength(2);
        return events;
      });
      expect(both.map((e) => e.type)).toEqual(['Slow', 'Fast']);
    } finally {
      releaseSlow();
      await slow.catch(() => undefined);
    }
  });

  it('lifts events of an old schema version through registered upcasters on read', async () => {
    const stream = `s-${randomUUID()}`;
    await store.append(stream, [event('SavingNoted', { pounds: 12 })]);
    const upcasters = new UpcasterRegistry()
      .register('SavingNoted', 1, (data) => ({ pence: Number(data.pounds) * 100 }))
      .register('SavingNoted', 2, (data) => ({ ...data, currency: 'GBP' }));
    const current = new EventStore(database.db, upcasters);

    const [old] = await current.readStream(stream);
    expect(old.schemaVersion).toBe(3);
    expect(old.data).toEqual({ pence: 1200, currency: 'GBP' });

    await current.append(stream, [event('SavingNoted', { pence: 5, currency: 'GBP' })]);
    const { rows } = await sql<{ schema_version: number }>`
      select schema_version from events where stream_id = ${stream} order by stream_version`.execute(
      database.db,
    );
    expect(rows.map((r) => r.schema_version)).toEqual([1, 3]);
    const [, fresh] = await current.readStream(stream);
    expect(fresh.data).toEqual({ pence: 5, currency: 'GBP' });
  });

  it('gives projections the events readAll gives, upcast, without id, metadata or time', async () => {
    const stream = `s-${randomUUID()}`;
    await store.append(stream, [event('SavingNoted', { pounds: 3 }), event('Other', { n: 1 })]);
    const upcasters = new UpcasterRegistry().register('SavingNoted', 1, (data) => ({
      pence: Number(data.pounds) * 100,
    }));
    const current = new EventStore(database.db, upcasters);
    const all = await eventually(async () => {
      const events = (await current.readAll(START, 100_000)).filter((e) => e.streamId === stream);
      expect(events).toHaveLength(2);
      return await current.readAll(START, 100_000);
    });

    const projected = await current.readForProjections(START, 100_000);
    expect(projected).toEqual(
      all.map(({ eventId: _, metadata: __, recordedAt: ___, ...rest }) => rest),
    );
    expect(projected.find((e) => e.streamId === stream)).toEqual(
      expect.objectContaining({ type: 'SavingNoted', schemaVersion: 2, data: { pence: 300 } }),
    );
  });

  it('reads the events of many streams by an indexed key, upcast, paged and as known then', async () => {
    const group = randomUUID();
    const upcasters = new UpcasterRegistry().register('Tallied', 1, (data) => ({
      ...data,
      unit: 'pence',
    }));
    const current = new EventStore(database.db, upcasters);
    await store.append(`a-${randomUUID()}`, [event('Tallied', { partnershipId: group, n: 1 })]);
    const [{ recordedAt }] = await current.readByDataKey('partnershipId', group);
    await store.append(`b-${randomUUID()}`, [event('Other', { partnershipId: group, n: 2 })]);
    await store.append(`c-${randomUUID()}`, [event('Tallied', { partnershipId: randomUUID() })]);

    const all = await current.readByDataKey('partnershipId', group);
    expect(all.map((e) => [e.type, e.data])).toEqual([
      ['Tallied', { partnershipId: group, n: 1, unit: 'pence' }],
      ['Other', { partnershipId: group, n: 2 }],
    ]);
    expect(
      (await current.readByDataKey('partnershipId', group, { after: all[0].position })).map(
        (e) => e.type,
      ),
    ).toEqual(['Other']);
    expect(
      await current.readByDataKey('partnershipId', group, { types: ['Other'], limit: 1 }),
    ).toHaveLength(1);
    expect(
      await current.readByDataKey('partnershipId', group, { recordedBy: recordedAt }),
    ).toHaveLength(1);
  });
});

describe('EventStore, one very large append', () => {
  // Its own database: the 150,000 events would otherwise lengthen every read of the whole log.
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('appends 150,000 events in one call (more versions than a spread can pass as arguments)', async () => {
    const store = new EventStore(database.db);
    const stream = `s-${randomUUID()}`;
    const events = Array.from({ length: 150_000 }, () => event());
    const appended = await store.append(stream, events, 'no_stream');
    expect(appended.streamVersion).toBe(150_000);
    expect(appended.positions).toHaveLength(150_000);
    expect(await store.streamVersion(stream)).toBe(150_000);
  }, 60_000);
});
