import {
  type Checkpoint,
  EventStore,
  type EventsTable,
  type ProjectionCheckpointsTable,
} from '@accord/event-store';
import type { CalendarDate } from '@accord/ledger';
import { type AnyDb, KYSELY } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import type { PartnershipFacts, PositionedEvent } from './partnership-facts';
import {
  PARTNERSHIP_FACTS,
  type PartnershipFactsRow,
  type PartnershipSavingRow,
} from './partnership-facts.projection';

/** Only the columns of the identity tables that reads need; they belong to `@accord/identity`. */
type Tables = {
  partnership_facts: PartnershipFactsRow;
  partnership_savings: PartnershipSavingRow;
  events: EventsTable;
  projection_checkpoints: ProjectionCheckpointsTable;
};

const UNDEFINED_TABLE = '42P01';
/** The live version predates a column: a newer version is being rebuilt beside it. */
const UNDEFINED_COLUMN = '42703';

/** The read model is not there yet: no projection runner has registered it. */
export class ReadModelUnavailableError extends Error {
  constructor() {
    super('The read models are not available yet');
  }
}

/** A verdict on a saving, as the register shows it. */
export type SavingVerdictEvent = Readonly<{
  type: 'SavingVerified' | 'SavingDisputed';
  savingKey: string;
  actorId: string | null;
  occurredOn: CalendarDate;
  reason: string | null;
}>;

/** Where a page of the partnership list ends: the last row's name and id. */
export type ListCursor = { name: string; id: string };

export type PartnershipListRow = {
  id: string;
  name: string;
  consultancyId: string;
  councilId: string;
  startsOn: string;
  status: 'open' | 'closed';
};

@Injectable()
export class PartnershipFactsRepository {
  constructor(
    @Inject(KYSELY) private readonly anyDb: AnyDb,
    private readonly store: EventStore,
  ) {}

  private get db(): Kysely<Tables> {
    return this.anyDb as Kysely<Tables>;
  }

  /**
   * A page of the formed partnerships that `organisationId` is a party to, or of all of them for
   * null, in name order after `after`, with each side's name as the organisations table has it
   * now. One row more than `limit` is read, to tell whether another page follows.
   */
  listPartnerships(
    organisationId: string | null,
    page: { limit: number; after?: ListCursor },
  ): Promise<PartnershipListRow[]> {
    return readModel(() =>
      this.formedPartnerships(organisationId)
        .$if(page.after !== undefined, (query) =>
          query.where(
            sql<boolean>`(p.name, p.partnership_id) > (${page.after?.name}, ${page.after?.id})`,
          ),
        )
        .limit(page.limit + 1)
        .execute(),
    );
  }

  /**
   * Every formed partnership `organisationId` is a party to, in name order, with how many of its
   * events its stored facts have taken in: one statement, so a portfolio finds which prepared
   * facts it may take from the cache without asking partnership by partnership.
   */
  partnershipsOf(organisationId: string): Promise<(PartnershipListRow & { revision: number })[]> {
    return readModel(async () => {
      const rows = await this.formedPartnerships(organisationId)
        .select('p.events_applied as eventsApplied')
        .execute();
      return rows.map(({ eventsApplied, ...row }) => ({ ...row, revision: Number(eventsApplied) }));
    });
  }

  /** The formed partnerships `organisationId` is a party to (all for null) as list rows, by name. */
  private formedPartnerships(organisationId: string | null) {
    return this.db
      .selectFrom('partnership_facts as p')
      .select([
        'p.partnership_id as id',
        sql<string>`p.name`.as('name'),
        sql<string>`p.consultancy_id`.as('consultancyId'),
        sql<string>`p.council_id`.as('councilId'),
        sql<string>`p.starts_on`.as('startsOn'),
        sql<'open' | 'closed'>`p.status`.as('status'),
      ])
      .where('p.name', 'is not', null)
      .$if(organisationId !== null, (query) =>
        query.where((eb) =>
          eb.or([
            eb('p.consultancy_id', '=', organisationId),
            eb('p.council_id', '=', organisationId),
          ]),
        ),
      )
      .orderBy('p.name')
      .orderBy('p.partnership_id');
  }

  async findFacts(partnershipId: string): Promise<PartnershipFacts | undefined> {
    return (await this.findFactsRow(partnershipId))?.facts;
  }

  /**
   * The stored facts, their savings put back from their rows, and how many of the partnership's
   * events they have taken in. Both read in one snapshot, so they are of the same batch.
   */
  async findFactsRow(
    partnershipId: string,
  ): Promise<{ facts: PartnershipFacts; eventsApplied: number } | undefined> {
    return readModel(() =>
      this.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute(async (trx) => {
          const row = await trx
            .selectFrom('partnership_facts')
            .select(['facts', 'events_applied'])
            .where('partnership_id', '=', partnershipId)
            .executeTakeFirst();
          if (row === undefined) return undefined;
          const savings = await trx
            .selectFrom('partnership_savings')
            .select(['saving_key', 'saving'])
            .where('partnership_id', '=', partnershipId)
            .execute();
          const facts = row.facts;
          facts.savings = {};
          for (const saving of savings) facts.savings[saving.saving_key] = saving.saving;
          return { facts, eventsApplied: Number(row.events_applied) };
        }),
    );
  }

  /** How many of the partnership's events its stored facts have taken in, which names their state. */
  async factsRevision(partnershipId: string): Promise<number | undefined> {
    const row = await readModel(() =>
      this.db
        .selectFrom('partnership_facts')
        .select('events_applied')
        .where('partnership_id', '=', partnershipId)
        .executeTakeFirst(),
    );
    return row && Number(row.events_applied);
  }

  /** `factsRevision` of each partnership at once; those with no stored facts are left out. */
  async revisionsOf(partnershipIds: readonly string[]): Promise<Map<string, number>> {
    if (partnershipIds.length === 0) return new Map();
    const rows = await readModel(() =>
      this.db
        .selectFrom('partnership_facts')
        .select(['partnership_id', 'events_applied'])
        .where('partnership_id', 'in', [...partnershipIds])
        .execute(),
    );
    return new Map(rows.map((row) => [row.partnership_id, Number(row.events_applied)]));
  }

  /**
   * The revision of the stored facts when they are exactly what the events recorded by
   * `knownAt` give, else undefined: seen in one statement's snapshot, nothing naming the
   * partnership was recorded after `knownAt`, and the live projection has taken in every event
   * committed.
   */
  async revisionAsKnownAt(partnershipId: string, knownAt: Date): Promise<number | undefined> {
    const caughtUp = sql<boolean>`exists(
      select 1 from projection_checkpoints c
      where c.name = ${PARTNERSHIP_FACTS} and c.status = 'live'
        and not ${this.store.anyAfter(sql`c.transaction_id`, sql`c.position`)})`;
    const row = await readModel(() =>
      this.db
        .selectFrom('partnership_facts')
        .select('events_applied')
        .where('partnership_id', '=', partnershipId)
        .where(
          sql<boolean>`not ${this.store.recordedAfter('partnershipId', partnershipId, knownAt)}`,
        )
        .where(caughtUp)
        .executeTakeFirst(),
    );
    return row && Number(row.events_applied);
  }

  /** How many of the partnership's events had been recorded by `knownAt`: the name of that state. */
  eventsRecordedBy(partnershipId: string, knownAt: Date): Promise<number> {
    return this.store.countRecordedBy('partnershipId', partnershipId, knownAt);
  }

  /**
   * Every event of the partnership's streams recorded at or before `recordedBy`, lifted to the
   * current schema, in the order the projection takes them. Every ledger event names its
   * partnership, which an expression index on the event table serves.
   */
  async partnershipEvents(partnershipId: string, recordedBy: Date): Promise<PositionedEvent[]> {
    const events = await this.store.readByDataKey('partnershipId', partnershipId, { recordedBy });
    return events.map((event) => ({
      type: event.type,
      data: event.data,
      position: event.position,
    }));
  }

  /**
   * The verifications and disputes of the partnership's savings recorded by `recordedBy` (all of
   * them when not given), oldest first, with who recorded each: the register names the person a
   * saving's verdict came from, which the facts do not keep (projections take in no metadata).
   */
  async savingVerdicts(partnershipId: string, recordedBy?: Date): Promise<SavingVerdictEvent[]> {
    const events = await this.store.readByDataKey('partnershipId', partnershipId, {
      recordedBy,
      types: ['SavingVerified', 'SavingDisputed'],
    });
    return events.map((event) => {
      const data = event.data as {
        interventionId: string;
        savingId: string;
        occurredOn: CalendarDate;
        reason?: string;
      };
      return {
        type: event.type as SavingVerdictEvent['type'],
        savingKey: `${data.interventionId}/${data.savingId}`,
        actorId: typeof event.metadata.actorId === 'string' ? event.metadata.actorId : null,
        occurredOn: data.occurredOn,
        reason: data.reason ?? null,
      };
    });
  }

  /** How far the live version of the facts projection has read, if it is running at all. */
  factsCheckpoint(): Promise<Checkpoint | undefined> {
    return this.liveCheckpoint(this.db);
  }

  private async liveCheckpoint(db: Kysely<Tables>): Promise<Checkpoint | undefined> {
    const row = await db
      .selectFrom('projection_checkpoints')
      .select([sql<string>`transaction_id::text`.as('transactionId'), 'position'])
      .where('name', '=', PARTNERSHIP_FACTS)
      .where('status', '=', 'live')
      .executeTakeFirst();
    return row && { transactionId: row.transactionId, position: Number(row.position) };
  }

  /** The position of the last event stored. */
  headPosition(): Promise<number> {
    return this.store.headPosition();
  }

  /** Where the event at `position` stands in the order projections read; undefined until it commits. */
  checkpointOf(position: number): Promise<Checkpoint | undefined> {
    return this.store.checkpointOf(position);
  }
}

async function readModel<T>(query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === UNDEFINED_TABLE || code === UNDEFINED_COLUMN)
      throw new ReadModelUnavailableError();
    throw error;
  }
}
