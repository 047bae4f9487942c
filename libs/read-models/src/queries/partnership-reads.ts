import { ERASED_NAME, OrganisationsRepository, UsersRepository } from '@accord/identity';
import { type CalendarDate, isId } from '@accord/ledger';
import { Injectable } from '@nestjs/common';
import {
  type InterventionPage,
  interventionPage,
  type PartnershipDetail,
  partnershipDetail,
} from '../partnership-detail/partnership-detail';
import {
  FACTS_SHAPE,
  foldFacts,
  type PartnershipFacts,
} from '../partnership-facts/partnership-facts';
import {
  type ListCursor,
  PartnershipFactsRepository,
  ReadModelUnavailableError,
} from '../partnership-facts/partnership-facts.repository';
import { type Portfolio, type PortfolioEntry, portfolioOf } from '../portfolio/portfolio';
import {
  keepPrepared,
  type MonthEndFigures,
  monthEndsOn,
  PartnershipNotKnownError,
  type PreparedProgress,
  prepareProgress,
  progressOn,
  requireHeader,
} from '../progress/compute-progress';
import type { Progress } from '../progress/progress';
import {
  type SavingsRegisterRow,
  type SavingVerdictRecord,
  savingsRegister,
  savingsRegisterCsv,
  savingsRegisterRows,
} from '../savings-register/savings-register';
import { type UnitCostItem, unitCostsOf } from '../unit-costs/unit-costs';
import { PreparedFactsCache } from './prepared-facts.cache';

/** Partnerships a list page holds unless asked for fewer or more. */
export const PARTNERSHIP_PAGE = 100;
export const PARTNERSHIP_PAGE_LIMIT = 500;

/** The list's cursor: opaque to clients, the last row's sort key inside. */
export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.name, cursor.id])).toString('base64url');
}

/** Undefined for anything that is not a cursor this API gave out. */
export function decodeCursor(value: string): ListCursor | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string'
    ) {
      return { name: parsed[0], id: parsed[1] };
    }
  } catch {
    // Not base64 JSON: not ours.
  }
  return undefined;
}

export type PartnershipListItem = {
  id: string;
  name: string;
  consultancy: { id: string; name: string | null };
  council: { id: string; name: string | null };
  startsOn: string;
  status: 'open' | 'closed';
};

/** How the register names a person since erased (SPEC §4). */
const FORMER_USER = 'Former user';

/** Savings held across the past folds kept: the latest one read of each partnership. */
const PAST_CAPACITY = 30_000;

/** Dates whose progress is kept for each prepared state, the latest read. */
const DATES_KEPT = 4;

type StoredPrepared = { prepared: PreparedProgress; eventsApplied: number };

/**
 * What the API and the monthly report read about partnerships. Today's knowledge comes from the
 * read model; a past `knownAt` is answered from the events recorded by then, folded by the code
 * the projection runs, so both answer alike for the same events.
 */
@Injectable()
export class PartnershipReads {
  private readonly prepared = new PreparedFactsCache();
  /** The latest fold read at a past `knownAt` of each partnership, under how many events it took in. */
  private readonly preparedPast = new PreparedFactsCache(PAST_CAPACITY);
  private readonly loading = new Map<string, Promise<unknown>>();
  /**
   * The portfolio's progress of each prepared state on the dates read lately: a state never
   * changes, so neither does its progress on a date, and a portfolio read again (every reader
   * of a council opens it on today) computes only the partnerships changed since.
   */
  private readonly progressByState = new WeakMap<PreparedProgress, Map<CalendarDate, Progress>>();

  constructor(
    private readonly repository: PartnershipFactsRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly users: UsersRepository,
  ) {}

  /**
   * A page of the partnerships `organisationId` is a party to (every partnership for null), and
   * the `next` cursor to pass as `after` for the page that follows, null on the last page.
   */
  async list(
    organisationId: string | null,
    page: { limit: number; after?: string } = { limit: PARTNERSHIP_PAGE },
  ): Promise<{ items: PartnershipListItem[]; next: string | null }> {
    const rows = await this.repository.listPartnerships(organisationId, {
      limit: page.limit,
      after: page.after === undefined ? undefined : decodeCursor(page.after),
    });
    const more = rows.length > page.limit;
    const shown = more ? rows.slice(0, page.limit) : rows;
    const last = shown.at(-1);
    // Each side as identity names it now: one lookup for the page.
    const names = await this.organisations.namesOf(
      shown.flatMap((row) => [row.consultancyId, row.councilId]),
    );
    return {
      next: more && last ? encodeCursor({ name: last.name, id: last.id }) : null,
      items: shown.map((row) => ({
        id: row.id,
        name: row.name,
        consultancy: { id: row.consultancyId, name: names.get(row.consultancyId) ?? null },
        council: { id: row.councilId, name: names.get(row.councilId) ?? null },
        startsOn: row.startsOn,
        status: row.status,
      })),
    };
  }

  async detail(partnershipId: string): Promise<PartnershipDetail> {
    const { facts } = await this.preparedNow(partnershipId);
    const header = requireHeader(facts);
    const names = await this.organisations.namesOf([header.consultancyId, header.councilId]);
    return partnershipDetail(facts, (id) => names.get(id) ?? null);
  }

  /** The council's price list as it stands (SPEC §9). */
  async unitCosts(partnershipId: string): Promise<UnitCostItem[]> {
    const { facts } = await this.preparedNow(partnershipId);
    requireHeader(facts);
    return unitCostsOf(facts);
  }

  /** One intervention of the partnership as it stands, a page of its savings at a time. */
  async interventionPage(
    partnershipId: string,
    interventionId: string,
    page: Readonly<{ after: number; limit: number }>,
  ): Promise<InterventionPage | undefined> {
    const { facts } = await this.preparedNow(partnershipId);
    return interventionPage(facts, interventionId, page);
  }

  /**
   * Progress on `asOf` as known at `knownAt`, or as known now when it is not given. Throws
   * PartnershipNotKnownError when the partnership had not been formed by then.
   */
  async progress(partnershipId: string, asOf: CalendarDate, knownAt?: Date): Promise<Progress> {
    if (knownAt === undefined) {
      return progressOn(await this.preparedNow(partnershipId), asOf, new Date());
    }
    return progressOn(await this.preparedKnownAt(partnershipId, knownAt), asOf, knownAt);
  }

  /**
   * SPEC §10: every partnership `organisationId` is a party to, each with its progress figures on
   * `asOf` as known at `knownAt` (now when not given), their totals, and the savings lines they
   * share. Read from the prepared facts kept for each partnership's progress: one statement finds
   * every partnership and the state of its stored facts, and a partnership whose facts are kept
   * costs no further query. Undefined when no such organisation exists.
   */
  async portfolio(
    organisationId: string,
    asOf: CalendarDate,
    knownAt?: Date,
  ): Promise<Portfolio | undefined> {
    if (!isId(organisationId)) return undefined;
    const [organisation, rows] = await Promise.all([
      this.organisations.find(organisationId.toLowerCase()),
      this.repository.partnershipsOf(organisationId.toLowerCase()),
    ]);
    if (organisation === undefined) return undefined;
    const at = knownAt ?? new Date();
    const names = await this.organisations.namesOf(
      rows.flatMap((row) => [row.consultancyId, row.councilId]),
    );
    const read = await Promise.all(
      rows.map(async (row): Promise<PortfolioEntry | undefined> => {
        const known = await this.preparedOf(row.id, row.revision, knownAt);
        // At a past knownAt a partnership formed since is not yet in the portfolio.
        const header = known.facts.partnership;
        if (header === null) return undefined;
        return {
          partnership: {
            id: row.id,
            name: header.name,
            consultancy: {
              id: header.consultancyId,
              name: names.get(header.consultancyId) ?? null,
            },
            council: { id: header.councilId, name: names.get(header.councilId) ?? null },
            status: header.status,
          },
          progress: this.progressOf(known, asOf, at),
        };
      }),
    );
    return portfolioOf(
      { id: organisation.id, kind: organisation.kind, name: organisation.name },
      read.filter((entry) => entry !== undefined),
      asOf,
      at,
    );
  }

  /**
   * Progress on `asOf`, as known now, of each partnership named that has been formed, by id: the
   * state of every one's stored facts found in one statement, as the portfolio finds them.
   */
  async progressOfEach(
    partnershipIds: readonly string[],
    asOf: CalendarDate,
  ): Promise<Map<string, Progress>> {
    const revisions = await this.repository
      .revisionsOf(partnershipIds)
      .catch((error: unknown): Map<string, number> => {
        if (error instanceof ReadModelUnavailableError) return new Map();
        throw error;
      });
    const now = new Date();
    const read = await Promise.all(
      partnershipIds.map(async (id) => {
        const prepared = await this.preparedOf(id, revisions.get(id));
        try {
          return [id, this.progressOf(prepared, asOf, now)] as const;
        } catch (error) {
          if (error instanceof PartnershipNotKnownError) return undefined;
          throw error;
        }
      }),
    );
    return new Map(read.filter((entry) => entry !== undefined));
  }

  /**
   * Progress as known now, with savings to date at the end of each month it lists (the last on
   * `asOf`) for a chart: both from one reading of the facts, so they cannot disagree.
   */
  async progressWithMonthEnds(
    partnershipId: string,
    asOf: CalendarDate,
  ): Promise<{ progress: Progress; monthEnds: MonthEndFigures[] }> {
    const prepared = await this.preparedNow(partnershipId);
    const progress = progressOn(prepared, asOf, new Date());
    const months = progress.savings.byMonth.map(({ month }) => month);
    return { progress, monthEnds: monthEndsOn(prepared, months, asOf) };
  }

  /** The savings register (SPEC §4) as of `asOf`, as known at `knownAt` or now, as CSV. */
  async savingsRegisterCsv(
    partnershipId: string,
    asOf: CalendarDate,
    knownAt?: Date,
  ): Promise<string> {
    const facts =
      knownAt === undefined
        ? (await this.preparedNow(partnershipId)).facts
        : await this.factsKnownAt(partnershipId, knownAt);
    return savingsRegisterCsv(savingsRegister(facts, asOf, await this.verdicts(facts, knownAt)));
  }

  /**
   * What the register's downloads are made of, from one reading of the facts so that they agree:
   * the register's rows as of `asOf`, made one at a time as a writer takes them, and progress
   * for the same `asOf` and `knownAt`, whose figures the workbook's totals sheets show.
   */
  async savingsRegisterDownload(
    partnershipId: string,
    asOf: CalendarDate,
    knownAt?: Date,
  ): Promise<{ rows: Iterable<SavingsRegisterRow>; progress: Progress }> {
    const prepared =
      knownAt === undefined
        ? await this.preparedNow(partnershipId)
        : await this.preparedKnownAt(partnershipId, knownAt);
    const progress = progressOn(prepared, asOf, knownAt ?? new Date());
    const verdicts = await this.verdicts(prepared.facts, knownAt);
    return { rows: savingsRegisterRows(prepared.facts, asOf, verdicts), progress };
  }

  /**
   * Who verified each saving and when, and why one was disputed, by saving key: the latest
   * verification or dispute of each, which is the one it stands under while it is verified or
   * disputed (a revision returns a saving to claimed). Names, never addresses; a person since
   * erased is "Former user".
   */
  private async verdicts(
    facts: PartnershipFacts,
    knownAt?: Date,
  ): Promise<Map<string, SavingVerdictRecord>> {
    const events = await this.repository.savingVerdicts(facts.partnershipId, knownAt);
    const latest = new Map<string, (typeof events)[number]>();
    for (const event of events) latest.set(`${event.type} ${event.savingKey}`, event);
    const names = await this.users.namesOf(
      [...latest.values()].flatMap((event) => (event.actorId === null ? [] : [event.actorId])),
    );
    const nameOf = (actorId: string | null) => {
      if (actorId === null) return null;
      const name = names.get(actorId);
      return name === undefined || name === ERASED_NAME ? FORMER_USER : name;
    };
    const verdicts = new Map<string, SavingVerdictRecord>();
    for (const key of Object.keys(facts.savings)) {
      const verified = latest.get(`SavingVerified ${key}`);
      const disputed = latest.get(`SavingDisputed ${key}`);
      if (verified === undefined && disputed === undefined) continue;
      verdicts.set(key, {
        verifiedBy: verified ? nameOf(verified.actorId) : null,
        verifiedOn: verified?.occurredOn ?? null,
        disputeReason: disputed?.reason ?? null,
      });
    }
    return verdicts;
  }

  /**
   * The facts as the events recorded by `knownAt` have them. They may be shared with other
   * reads, and are then frozen.
   */
  async factsKnownAt(partnershipId: string, knownAt: Date): Promise<PartnershipFacts> {
    return (await this.preparedKnownAt(partnershipId, knownAt)).facts;
  }

  /**
   * The partnership's two sides, when a read kept here has seen it formed: they never change, so
   * a caller may look up their names without waiting for the facts.
   */
  sidesOf(partnershipId: string): { consultancyId: string; councilId: string } | undefined {
    const header = (this.prepared.peek(partnershipId) ?? this.preparedPast.peek(partnershipId))
      ?.facts.partnership;
    return header
      ? { consultancyId: header.consultancyId, councilId: header.councilId }
      : undefined;
  }

  /** The facts as known now, for a reader that lists what they hold (approvals awaiting). */
  async currentFacts(partnershipId: string): Promise<PartnershipFacts> {
    return (await this.preparedNow(partnershipId)).facts;
  }

  /**
   * `progressOn`, kept for the state and date: the instant it is labelled with is the only part
   * of it that depends on when it is read, and the portfolio takes figures from it, not that.
   */
  private progressOf(prepared: PreparedProgress, asOf: CalendarDate, at: Date): Progress {
    let byDate = this.progressByState.get(prepared);
    if (byDate === undefined) {
      byDate = new Map();
      this.progressByState.set(prepared, byDate);
    }
    const kept = byDate.get(asOf);
    if (kept !== undefined) return kept;
    const progress = progressOn(prepared, asOf, at);
    const oldest = byDate.keys().next();
    if (byDate.size >= DATES_KEPT && !oldest.done) byDate.delete(oldest.value);
    byDate.set(asOf, progress);
    return progress;
  }

  /**
   * The prepared facts as known at `knownAt`, or now when it is not given, where `revision` is
   * what the stored facts had taken in when the caller looked (undefined: none stored).
   */
  private async preparedOf(
    partnershipId: string,
    revision: number | undefined,
    knownAt?: Date,
  ): Promise<PreparedProgress> {
    if (knownAt !== undefined) return this.preparedKnownAt(partnershipId, knownAt);
    const stored =
      revision === undefined ? undefined : await this.preparedAt(partnershipId, revision);
    return stored?.prepared ?? (await this.folded(partnershipId, new Date())).prepared;
  }

  /**
   * When nothing naming the partnership was recorded after `knownAt` and the read model has
   * taken in every event, what was known then is what is known now. Otherwise the events
   * recorded by then are folded, once for each state: how many there were names the state (see
   * `EventStore.countRecordedBy`), so a later read at the same or another `knownAt` that saw the
   * same events takes the prepared fold from the cache.
   */
  private async preparedKnownAt(partnershipId: string, knownAt: Date): Promise<PreparedProgress> {
    const revision = await this.repository
      .revisionAsKnownAt(partnershipId, knownAt)
      .catch((error: unknown) => {
        if (error instanceof ReadModelUnavailableError) return undefined;
        throw error;
      });
    if (revision !== undefined) {
      const stored = await this.preparedAt(partnershipId, revision);
      // Read a moment later, the stored facts may have taken in an event recorded since.
      if (stored?.eventsApplied === revision) return stored.prepared;
    }
    const recorded = await this.repository.eventsRecordedBy(partnershipId, knownAt);
    const cached = this.preparedPast.get(partnershipId, recorded);
    if (cached) return cached;
    return this.shared(`${partnershipId}@${recorded}`, async () => {
      const prepared = await this.folded(partnershipId, knownAt);
      // A late commit may have joined the state between the count and the fold: kept only when
      // the fold took in exactly the events counted.
      if (prepared.eventsFolded === recorded) {
        keepPrepared(prepared.prepared);
        this.preparedPast.set(partnershipId, recorded, prepared.prepared);
      }
      return prepared.prepared;
    });
  }

  /**
   * The facts as known now, prepared. A partnership the projection has not reached yet (formed a
   * moment ago, or no worker has run yet) is folded from its events rather than said not to exist.
   */
  private async preparedNow(partnershipId: string): Promise<PreparedProgress> {
    return this.preparedOf(partnershipId, await this.storedRevision(partnershipId));
  }

  /**
   * The stored facts prepared, from the cache when it holds `revision`; read afresh otherwise, at
   * `revision` or later, as `eventsApplied` says. Reads that miss together share one load: a
   * large partnership's facts take a while to read and prepare.
   */
  private preparedAt(partnershipId: string, revision: number): Promise<StoredPrepared | undefined> {
    const cached = this.prepared.get(partnershipId, revision);
    if (cached) return Promise.resolve({ prepared: cached, eventsApplied: revision });
    return this.shared(`${partnershipId}/${revision}`, () => this.loadStored(partnershipId));
  }

  /** One load for every read that asks for `key` while it is under way. */
  private shared<T>(key: string, load: () => Promise<T>): Promise<T> {
    const loading = this.loading.get(key);
    if (loading) return loading as Promise<T>;
    const started = load().finally(() => this.loading.delete(key));
    this.loading.set(key, started);
    return started;
  }

  /** Undefined when there are none, or none of the shape this code reads (see `FACTS_SHAPE`). */
  private async loadStored(partnershipId: string): Promise<StoredPrepared | undefined> {
    const row = await this.repository.findFactsRow(partnershipId);
    if (row === undefined || row.facts.shape !== FACTS_SHAPE) return undefined;
    const prepared = prepareProgress(row.facts);
    // Handed to many readers from now on: frozen, and known to computeProgress as prepared.
    keepPrepared(prepared);
    this.prepared.set(partnershipId, row.eventsApplied, prepared);
    return { prepared, eventsApplied: row.eventsApplied };
  }

  private async folded(
    partnershipId: string,
    knownAt: Date,
  ): Promise<{ prepared: PreparedProgress; eventsFolded: number }> {
    const events = await this.repository.partnershipEvents(partnershipId, knownAt);
    return {
      prepared: prepareProgress(foldFacts(partnershipId, events)),
      eventsFolded: events.length,
    };
  }

  private storedRevision(partnershipId: string): Promise<number | undefined> {
    return this.repository.factsRevision(partnershipId).catch((error: unknown) => {
      if (error instanceof ReadModelUnavailableError) return undefined;
      throw error;
    });
  }
}
