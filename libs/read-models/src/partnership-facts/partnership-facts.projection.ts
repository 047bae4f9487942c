import type { BulkWriter, ProjectedEvent, Projection, TableNames } from '@accord/event-store';
import type { AnyDb, AnyTransaction } from '@accord/platform';
import { sql } from 'kysely';
import {
  applyToFacts,
  emptyFacts,
  type PartnershipFacts,
  type PositionedEvent,
  partnershipOf,
  type SavingFacts,
} from './partnership-facts';

export const PARTNERSHIP_FACTS = 'partnership_facts';
export const PARTNERSHIP_SAVINGS = 'partnership_savings';
/** Raise to rebuild the read model from the first event, beside the live one (see ProjectionRunner). */
// 2: savings lines, attribution, partial verification and assurance (issue 12).
// 3: how many of its events each row has taken in, which names the row's state (issue 11).
// 4: a row per saving beside the partnership's row, so a batch writes what its events changed.
// 5: the savings' keys compare bytewise (collate "C"), a third faster to index on a rebuild.
// 6: a saving is stored as json, which PostgreSQL keeps as written instead of parsing it into
// jsonb; the facts keep the reports sent and say their shape (FACTS_SHAPE).
// 7: the council's unit costs, and how each placement claim was priced (FACTS_SHAPE 3).
export const PARTNERSHIP_FACTS_VERSION = 7;

type Table = typeof PARTNERSHIP_FACTS | typeof PARTNERSHIP_SAVINGS;

/** One row per partnership, as the `partnership_facts` view shows the live version. */
export interface PartnershipFactsRow {
  partnership_id: string;
  /** The columns a list needs, null until the partnership is formed. */
  name: string | null;
  consultancy_id: string | null;
  council_id: string | null;
  starts_on: string | null;
  status: 'open' | 'closed' | null;
  last_position: number;
  /**
   * How many of the partnership's events the row has taken in. The projection takes them in
   * global order, so the count names one state of the facts, however the batches fell:
   * `last_position` does not, since an event can commit after one with a higher position.
   */
  events_applied: number;
  /** Everything but the savings, which are rows of `partnership_savings`. */
  facts: PartnershipFacts;
}

/** One row per saving, keyed as `PartnershipFacts.savings` keys it. */
export interface PartnershipSavingRow {
  partnership_id: string;
  saving_key: string;
  saving: SavingFacts;
}

const SAVING_EVENTS: ReadonlySet<string> = new Set([
  'SavingClaimed',
  'SavingVerified',
  'SavingDisputed',
  'SavingRevised',
  'SavingWithdrawn',
]);

/** The key of the saving an event is about, as `PartnershipFacts.savings` keys it. */
function savingKeyOf(event: PositionedEvent): string | undefined {
  if (!SAVING_EVENTS.has(event.type)) return undefined;
  const { interventionId, savingId } = event.data as {
    interventionId?: unknown;
    savingId?: unknown;
  };
  return `${String(interventionId)}/${String(savingId)}`;
}

/**
 * The savings a batch claims before anything else touches them, and those it changes that were
 * claimed before it. Only the second need their rows read: a claim sets the whole saving, so
 * whatever was stored before it does not matter.
 */
function savingsTouched(batch: readonly PositionedEvent[]): {
  claimed: Set<string>;
  existing: Set<string>;
} {
  const claimed = new Set<string>();
  const existing = new Set<string>();
  for (const event of batch) {
    const key = savingKeyOf(event);
    if (key === undefined || claimed.has(key) || existing.has(key)) continue;
    if (event.type === 'SavingClaimed') claimed.add(key);
    else existing.add(key);
  }
  return { claimed, existing };
}

/**
 * Keeps each partnership's facts, folded with `applyToFacts` — the same code a read at a past
 * `knownAt` folds the stored events with. A batch reads each partnership it touches once and
 * writes it back once.
 */
export function partnershipFactsProjection(
  version: number = PARTNERSHIP_FACTS_VERSION,
): Projection<Table> {
  return {
    name: PARTNERSHIP_FACTS,
    version,
    tables: [PARTNERSHIP_FACTS, PARTNERSHIP_SAVINGS],
    async setup(db: AnyDb, tables: TableNames<Table>) {
      const table = tables[PARTNERSHIP_FACTS];
      await sql`
        create table if not exists ${sql.table(table)} (
          partnership_id text primary key,
          name text,
          consultancy_id text,
          council_id text,
          starts_on date,
          status text,
          last_position bigint not null,
          events_applied bigint not null,
          facts jsonb not null
        )`.execute(db);
      await sql`create index if not exists ${sql.id(`${table}_consultancy`)}
        on ${sql.table(table)} (consultancy_id)`.execute(db);
      await sql`create index if not exists ${sql.id(`${table}_council`)}
        on ${sql.table(table)} (council_id)`.execute(db);
      await sql`
        create table if not exists ${sql.table(tables[PARTNERSHIP_SAVINGS])} (
          partnership_id text collate "C" not null,
          saving_key text collate "C" not null,
          saving json not null,
          primary key (partnership_id, saving_key)
        )`.execute(db);
    },
    async apply(
      trx: AnyTransaction,
      events: readonly ProjectedEvent[],
      tables: TableNames<Table>,
      bulk: BulkWriter,
    ) {
      const table = tables[PARTNERSHIP_FACTS];
      const byPartnership = new Map<string, PositionedEvent[]>();
      for (const event of events) {
        const partnershipId = partnershipOf(event);
        if (partnershipId === undefined) continue;
        const list = byPartnership.get(partnershipId) ?? [];
        list.push({ type: event.type, data: event.data, position: event.position });
        byPartnership.set(partnershipId, list);
      }
      if (byPartnership.size === 0) return;

      const stored = await trx
        .selectFrom(table)
        .select(['partnership_id', 'facts', 'events_applied'])
        .where('partnership_id', 'in', [...byPartnership.keys()])
        .execute();
      const known = new Map<string, { facts: PartnershipFacts; events_applied: string }>(
        stored.map(
          (row: { partnership_id: string; facts: PartnershipFacts; events_applied: string }) => [
            row.partnership_id,
            row,
          ],
        ),
      );
      // Only the savings this batch changes are written back, and only those it does not claim
      // first are read: a rebuild, whose claims and verifications mostly share a batch, reads
      // almost nothing back.
      const batches = [...byPartnership].map(([partnershipId, batch]) => ({
        partnershipId,
        batch,
        ...savingsTouched(batch),
      }));
      const touched = batches.flatMap(({ partnershipId, existing }) =>
        [...existing].map((key) => ({ partnershipId, key })),
      );
      const savingsTable = tables[PARTNERSHIP_SAVINGS];
      const { rows: savingRows } =
        touched.length === 0
          ? { rows: [] }
          : await sql<PartnershipSavingRow>`
              select s.partnership_id, s.saving_key, s.saving
              from ${sql.table(savingsTable)} s
              join unnest(${touched.map((t) => t.partnershipId)}::text[],
                          ${touched.map((t) => t.key)}::text[]) as k(partnership_id, saving_key)
                on s.partnership_id = k.partnership_id and s.saving_key = k.saving_key`.execute(
              trx,
            );
      const readBack = new Map<string, Record<string, SavingFacts>>();
      for (const saving of savingRows) {
        const savings = readBack.get(saving.partnership_id) ?? {};
        savings[saving.saving_key] = saving.saving;
        readBack.set(saving.partnership_id, savings);
      }
      const rows = batches.map(({ partnershipId, batch, claimed }) => {
        const row = known.get(partnershipId);
        const facts = row?.facts ?? emptyFacts(partnershipId);
        facts.savings = readBack.get(partnershipId) ?? {};
        for (const event of batch) applyToFacts(facts, event);
        return { facts, claimed, eventsApplied: Number(row?.events_applied ?? 0) + batch.length };
      });
      await trx
        .insertInto(table)
        .values(rows.map(({ facts, eventsApplied }) => toRow(facts, eventsApplied)))
        .onConflict((oc) =>
          oc.column('partnership_id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            consultancy_id: eb.ref('excluded.consultancy_id'),
            council_id: eb.ref('excluded.council_id'),
            starts_on: eb.ref('excluded.starts_on'),
            status: eb.ref('excluded.status'),
            last_position: eb.ref('excluded.last_position'),
            events_applied: eb.ref('excluded.events_applied'),
            facts: eb.ref('excluded.facts'),
          })),
        )
        .execute();
      // A saving the batch claims is new to the table, unless the log claims it twice (the
      // decider refuses that, an imported log might not): those rows are COPYed straight in.
      // Should one be there already, the COPY fails, is undone to the savepoint, and every
      // saving goes through the upsert instead.
      const fresh: SavingToWrite[] = [];
      const changed: SavingToWrite[] = [];
      for (const { facts, claimed } of rows) {
        for (const [key, saving] of Object.entries(facts.savings)) {
          (claimed.has(key) ? fresh : changed).push([facts.partnershipId, key, saving]);
        }
      }
      if (fresh.length > 0) {
        await sql`savepoint claimed_savings`.execute(trx);
        try {
          await bulk.copy(savingsTable, SAVING_COLUMNS, copyRows(fresh));
          await sql`release savepoint claimed_savings`.execute(trx);
        } catch (error) {
          if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
          await sql`rollback to savepoint claimed_savings`.execute(trx);
          changed.push(...fresh);
        }
      }
      if (changed.length > 0) await upsertSavings(trx, bulk, savingsTable, changed);
    },
  };
}

const SAVING_COLUMNS = ['partnership_id', 'saving_key', 'saving'];
const UNIQUE_VIOLATION = '23505';

type SavingToWrite = [partnershipId: string, key: string, saving: SavingFacts];

/** Each saving as a row of COPY, made as COPY asks for it. */
function* copyRows(savings: readonly SavingToWrite[]): Generator<string[]> {
  for (const [partnershipId, key, saving] of savings) {
    yield [partnershipId, key, JSON.stringify(saving)];
  }
}

/**
 * COPY into a temporary table of this session, then one upsert: a catch-up's batch can change
 * thousands of savings, which PostgreSQL takes by COPY several times faster than parsed out of
 * a parameter. Its rows go at commit; the table stays for the session's next batch.
 */
async function upsertSavings(
  trx: AnyTransaction,
  bulk: BulkWriter,
  savingsTable: string,
  savings: readonly SavingToWrite[],
): Promise<void> {
  await sql`
    create temporary table if not exists partnership_savings_batch (
      partnership_id text collate "C" not null,
      saving_key text collate "C" not null,
      saving json not null
    ) on commit delete rows`.execute(trx);
  await bulk.copy('partnership_savings_batch', SAVING_COLUMNS, copyRows(savings));
  await sql`
    insert into ${sql.table(savingsTable)} (partnership_id, saving_key, saving)
    select partnership_id, saving_key, saving from partnership_savings_batch
    on conflict (partnership_id, saving_key) do update set saving = excluded.saving`.execute(trx);
}

function toRow(facts: PartnershipFacts, eventsApplied: number) {
  const header = facts.partnership;
  return {
    partnership_id: facts.partnershipId,
    name: header?.name ?? null,
    consultancy_id: header?.consultancyId ?? null,
    council_id: header?.councilId ?? null,
    starts_on: header?.startsOn ?? null,
    status: header?.status ?? null,
    last_position: facts.lastPosition,
    events_applied: eventsApplied,
    facts: JSON.stringify({ ...facts, savings: {} }),
  };
}
