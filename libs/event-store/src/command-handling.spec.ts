import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '@accord/testing';
import { handleCommand } from './command-handling';
import { EventStore } from './event-store';

type Tally = Readonly<{ count: number; seen: readonly number[] }>;
type Counted = Readonly<{ type: string; data: { n: number } }>;

/** A fold whose state says exactly which events it was built from. */
const tally = {
  initialState: (): Tally => ({ count: 0, seen: [] }),
  evolve: (state: Tally, event: Counted): Tally => ({
    count: state.count + 1,
    seen: [...state.seen, event.data.n],
  }),
};

const counted = (n: number) => ({ eventId: randomUUID(), type: 'Counted', data: { n } });

describe('handleCommand', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  /** One command: load the stream, append `n` after what it holds, answer what it loaded. */
  function count(store: EventStore, stream: string, n: number) {
    return handleCommand(database.db, store, async (command) => {
      const loaded = await command.load(tally, stream);
      await command.append(stream, [counted(n)], loaded.version);
      return loaded;
    });
  }

  it('reads only the events after the state an earlier command left', async () => {
    const store = new EventStore(database.db);
    const stream = `s-${randomUUID()}`;
    for (let n = 1; n <= 5; n++) await count(store, stream, n);

    const read = jest.spyOn(store, 'readStreamToFold');
    const loaded = await count(store, stream, 6);
    expect(loaded).toMatchObject({ version: 5, state: { count: 5, seen: [1, 2, 3, 4, 5] } });
    // The state at version 4 was kept by the fifth command; only the fifth event is read again.
    expect(await read.mock.results[0].value).toHaveLength(1);
  });

  it('catches up with what another process appended since it folded the stream', async () => {
    const here = new EventStore(database.db);
    const there = new EventStore(database.db);
    const stream = `s-${randomUUID()}`;
    await count(here, stream, 1);
    await count(here, stream, 2);
    await count(there, stream, 3);
    await count(there, stream, 4);

    const loaded = await count(here, stream, 5);
    expect(loaded).toMatchObject({ version: 4, state: { seen: [1, 2, 3, 4] } });
  });

  it('never keeps a state holding events that were rolled back', async () => {
    const store = new EventStore(database.db);
    const stream = `s-${randomUUID()}`;
    await count(store, stream, 1);
    await expect(
      handleCommand(database.db, store, async (command) => {
        const loaded = await command.load(tally, stream);
        await command.append(stream, [counted(99)], loaded.version);
        await command.load(tally, stream);
        throw new Error('the command fails after its append');
      }),
    ).rejects.toThrow('the command fails after its append');
    // A loader's own transaction, rolled back after its commands loaded what they appended.
    await expect(
      database.db.transaction().execute(async (trx) => {
        await handleCommand(trx, store, async (command) => {
          const loaded = await command.load(tally, stream);
          await command.append(stream, [counted(98)], loaded.version);
        });
        await handleCommand(trx, store, (command) => command.load(tally, stream));
        throw new Error('the loader gives up');
      }),
    ).rejects.toThrow('the loader gives up');

    const loaded = await count(store, stream, 2);
    expect(loaded).toMatchObject({ version: 1, state: { seen: [1] } });
    expect((await store.readStream(stream)).map((event) => event.data.n)).toEqual([1, 2]);
  });
});
