import { randomUUID } from 'node:crypto';
import { EventStore, ProjectionRunner } from '@accord/event-store';
import { OrganisationsRepository, UsersRepository } from '@accord/identity';
import {
  ASSURANCES,
  addDays,
  CAPACITY_KINDS,
  type CalendarDate,
  INTERVENTION_CATEGORIES,
  parseCalendarDate,
} from '@accord/ledger';
import { loadConfig } from '@accord/platform';
import {
  computeProgress,
  foldFacts,
  PARTNERSHIP_FACTS,
  type PartnershipFacts,
  PartnershipFactsRepository,
  PartnershipReads,
  type Progress,
  ProjectionWait,
  partnershipFactsProjection,
  partnershipOf,
} from '@accord/read-models';
import {
  appendRecorded,
  claimTerms,
  generatedSavings,
  type LedgerHistory,
  ledgerHistory,
  partnershipReadyForSavings,
  type Recorded,
} from '@accord/read-models/testing';
import { createTestDatabase, eventually, type TestDatabase } from '@accord/testing';
import fc from 'fast-check';
import { sql } from 'kysely';

/**
 * The read model the projection runner keeps, batch by batch and through jsonb, must hold exactly
 * what folding the same events from scratch gives; and a rebuild must give it again.
 */
const BASE = parseCalendarDate('2026-01-01');
const day = (offset: number): CalendarDate => addDays(BASE, offset);

const dayOffset = fc.integer({ min: 0, max: 900 });
const index = fc.nat({ max: 20 });

const op = fc.oneof(
  fc.record({
    op: fc.constant('engagement' as const),
    fee: fc.integer({ min: 0, max: 50_000_000 }),
    target: fc.option(fc.integer({ min: 0, max: 90_000_000 }), { nil: undefined }),
    start: dayOffset,
  }),
  fc.record({
    op: fc.constant('feeRevised' as const),
    e: index,
    fee: fc.integer({ min: 0, max: 9e7 }),
  }),
  fc.record({ op: fc.constant('engagementClosed' as const), e: index, on: dayOffset }),
  fc.record({
    op: fc.constant('intervention' as const),
    e: index,
    category: fc.constantFrom(...INTERVENTION_CATEGORIES),
    start: dayOffset,
  }),
  fc.record({ op: fc.constant('completed' as const), i: index, on: dayOffset }),
  fc.record({
    op: fc.constant('claim' as const),
    i: index,
    ...claimTerms(fc.integer({ min: 1, max: 999_999_999_999 }), dayOffset),
    line: fc.option(index, { nil: undefined }),
  }),
  fc.record({
    op: fc.constantFrom('dispute' as const, 'withdraw' as const),
    s: index,
  }),
  fc.record({
    op: fc.constant('verify' as const),
    s: index,
    // V as a share of A in per cent; absent, a verification from before issue 12.
    part: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
    assurance: fc.constantFrom(...ASSURANCES),
  }),
  fc.record({
    op: fc.constant('revise' as const),
    s: index,
    amount: fc.integer({ min: 1, max: 9e9 }),
    attributionPct: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
  }),
  fc.record({
    op: fc.constant('line' as const),
    code: fc.constantFrom('CS-1', 'CS-2', 'AB-9'),
    year: fc.integer({ min: 2025, max: 2028 }),
    target: fc.integer({ min: 0, max: 999_999_999_999 }),
  }),
  fc.record({
    op: fc.constant('capacity' as const),
    i: index,
    kind: fc.constantFrom(...CAPACITY_KINDS),
    halves: fc.integer({ min: 1, max: 40 }),
    start: dayOffset,
    length: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
  }),
  fc.record({ op: fc.constant('capacityEnded' as const), c: index, on: dayOffset }),
  fc.record({
    op: fc.constant('measure' as const),
    e: index,
    lower: fc.boolean(),
    baseline: fc.integer({ min: 0, max: 1000 }),
    target: fc.integer({ min: 0, max: 1000 }),
  }),
  fc.record({
    op: fc.constant('reading' as const),
    m: index,
    tenths: fc.integer({ min: 0, max: 10_000 }),
    on: dayOffset,
  }),
  fc.record({ op: fc.constant('milestone' as const), e: index, due: dayOffset }),
  fc.record({
    op: fc.constantFrom('achieved' as const, 'cancelled' as const, 'signedOff' as const),
    ms: index,
    on: dayOffset,
  }),
  fc.record({ op: fc.constant('rescheduled' as const), ms: index, due: dayOffset }),
  fc.record({ op: fc.constant('recipients' as const), count: fc.nat({ max: 3 }) }),
  fc.record({ op: fc.constant('closed' as const), on: dayOffset }),
);

const partnershipHistory = fc.record({
  start: dayOffset,
  ops: fc.array(op, { maxLength: 40 }),
});

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** Turns generated operations into one partnership's events, each naming something that exists. */
function writeHistory(start: number, ops: readonly Op[]): LedgerHistory {
  const h = ledgerHistory();
  h.formed({ startsOn: day(start) });
  const engagements: ReturnType<LedgerHistory['engagement']>[] = [];
  const interventions: ReturnType<LedgerHistory['intervention']>[] = [];
  const savings = generatedSavings(h);
  const capacity: ReturnType<LedgerHistory['capacity']>[] = [];
  const measures: { e: (typeof engagements)[number]; measure: string }[] = [];
  const milestones: ReturnType<LedgerHistory['milestone']>[] = [];
  const lines: string[] = [];
  const pick = <T>(list: readonly T[], i: number): T | undefined =>
    list.length === 0 ? undefined : list[i % list.length];

  for (const o of ops) {
    switch (o.op) {
      case 'engagement':
        engagements.push(
          h.engagement({ startsOn: day(o.start), feePence: o.fee, savingsTargetPence: o.target }),
        );
        break;
      case 'feeRevised': {
        const e = pick(engagements, o.e);
        if (e) h.feeRevised(e, o.fee, 0);
        break;
      }
      case 'engagementClosed': {
        const e = pick(engagements, o.e);
        if (e) h.engagementClosed(e, day(o.on));
        break;
      }
      case 'intervention': {
        const e = pick(engagements, o.e);
        if (e)
          interventions.push(h.intervention(e, { category: o.category, startedOn: day(o.start) }));
        break;
      }
      case 'completed': {
        const i = pick(interventions, o.i);
        if (i) h.interventionCompleted(i, day(o.on));
        break;
      }
      case 'claim': {
        const i = pick(interventions, o.i);
        const lineCode = o.line === undefined ? undefined : pick(lines, o.line);
        if (i) savings.claim(i, { ...o, startsOn: day(o.start), lineCode });
        break;
      }
      case 'verify':
        // Without a part, a verification from before issue 12: in full, and no assurance.
        savings.apply(o.part === undefined ? { op: o.op, s: o.s } : o);
        break;
      case 'dispute':
      case 'withdraw':
      case 'revise':
        savings.apply(o);
        break;
      case 'line':
        h.savingsLine({
          code: o.code,
          financialYear: `${o.year}/${String((o.year + 1) % 100).padStart(2, '0')}`,
          targetPence: o.target,
        });
        if (!lines.includes(o.code)) lines.push(o.code);
        break;
      case 'capacity': {
        const i = pick(interventions, o.i);
        if (!i) break;
        capacity.push(
          h.capacity(i, {
            kind: o.kind,
            quantity: o.halves / 2,
            unit: o.kind === 'other' ? `unit ${o.halves % 3}` : undefined,
            startsOn: day(o.start),
            endsOn: o.length === undefined ? undefined : day(o.start + o.length),
          }),
        );
        break;
      }
      case 'capacityEnded': {
        const c = pick(capacity, o.c);
        if (c) h.capacityEnded(c, day(o.on));
        break;
      }
      case 'measure': {
        const e = pick(engagements, o.e);
        if (!e) break;
        const measure = `custom_${measures.length}`;
        h.measure(e, {
          measure,
          direction: o.lower ? 'lower_is_better' : 'higher_is_better',
          baseline: { value: o.baseline, asOf: day(0) },
          target: { value: o.target, by: day(365) },
        });
        measures.push({ e, measure });
        break;
      }
      case 'reading': {
        const m = pick(measures, o.m);
        if (m) h.reading(m.e, m.measure, o.tenths / 10, day(o.on));
        break;
      }
      case 'milestone': {
        const e = pick(engagements, o.e);
        if (e) milestones.push(h.milestone(e, day(o.due)));
        break;
      }
      case 'achieved':
      case 'cancelled':
      case 'signedOff': {
        const ms = pick(milestones, o.ms);
        if (!ms) break;
        if (o.op === 'achieved') h.achieved(ms, day(o.on));
        else if (o.op === 'cancelled') h.cancelled(ms, day(o.on));
        else h.signedOff(ms, day(o.on));
        break;
      }
      case 'rescheduled': {
        const ms = pick(milestones, o.ms);
        if (ms) h.rescheduled(ms, day(o.due), day(0));
        break;
      }
      case 'recipients':
        h.recipients(Array.from({ length: o.count }, () => randomUUID()));
        break;
      case 'closed':
        h.closed(day(o.on));
        break;
    }
  }
  return h;
}

/**
 * SPEC §3's totals. A whole made of kinds is the sum of its rounded kinds, so claimed is exactly
 * cashable + non-cashable + cost avoidance and verified exactly the sum of its assurances, and
 * net never passes gross (each net kind is rounded like its gross one). Verified is made of
 * other parts than claimed (assurances, not kinds), and disputed is rounded on its own, so
 * against claimed each may stray by what their roundings allow: to date, verified + disputed by
 * up to 3p (four roundings against three); a year, being a difference of two figures to date,
 * verified by up to 5p.
 */
function expectTotalsHold({ savings }: Progress): void {
  const { toDate } = savings;
  expect(toDate.cashablePence + toDate.nonCashablePence + toDate.costAvoidancePence).toBe(
    toDate.claimedPence,
  );
  expect(toDate.verifiedPence + toDate.disputedPence).toBeLessThanOrEqual(toDate.claimedPence + 3);
  const { self_reported, evidenced, finance_reconciled } = toDate.verifiedByAssurance;
  expect(self_reported + evidenced + finance_reconciled).toBe(toDate.verifiedPence);
  expect(toDate.netClaimedPence).toBeLessThanOrEqual(toDate.claimedPence);
  expect(toDate.netVerifiedPence).toBeLessThanOrEqual(toDate.verifiedPence);
  expect(toDate.netVerifiedPence).toBeLessThanOrEqual(toDate.netClaimedPence + 2);
  for (const year of savings.byFinancialYear) {
    expect(year.cashablePence + year.nonCashablePence + year.costAvoidancePence).toBe(
      year.claimedPence,
    );
    expect(year.verifiedPence).toBeLessThanOrEqual(year.claimedPence + 5);
  }
}

/** Several partnerships' events interleaved, each partnership's in its own order. */
function interleave(histories: readonly Recorded[][], choices: readonly number[]): Recorded[] {
  const queues = histories.map((events) => [...events]);
  const merged: Recorded[] = [];
  let c = 0;
  for (;;) {
    const open = queues.filter((q) => q.length > 0);
    if (open.length === 0) return merged;
    const queue = open[(choices[c++ % Math.max(choices.length, 1)] ?? 0) % open.length];
    merged.push(queue.shift() as Recorded);
  }
}

describe('the partnership facts read model', () => {
  let database: TestDatabase;
  let store: EventStore;
  let repository: PartnershipFactsRepository;
  let reads: PartnershipReads;
  let wait: ProjectionWait;
  const runners: ProjectionRunner[] = [];
  const partnerships: string[] = [];

  const runner = async (version: number, batchSize: number) => {
    const r = new ProjectionRunner({
      databaseUrl: database.url,
      db: database.db,
      store,
      projections: [partnershipFactsProjection(version)],
      batchSize,
      pollIntervalMs: 20,
    });
    runners.push(r);
    await r.start();
    return r;
  };

  /** Every stored event of a partnership, in the global order the runner reads. */
  const scratchFacts = async (partnershipId: string): Promise<PartnershipFacts> => {
    const events = (await store.readAll(undefined, 1_000_000)).filter(
      (event) => partnershipOf(event) === partnershipId,
    );
    return foldFacts(partnershipId, events);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    store = new EventStore(database.db);
    repository = new PartnershipFactsRepository(database.db, store);
    reads = new PartnershipReads(
      repository,
      new OrganisationsRepository(database.db),
      new UsersRepository(database.db),
    );
    wait = new ProjectionWait(repository, loadConfig({ DATABASE_URL: database.url }));
    await runner(1, 3);
  });
  afterAll(async () => {
    await wait.onModuleDestroy();
    await Promise.all(runners.map((r) => r.stop()));
    await database.drop();
  });

  it('equals a from-scratch fold of the same events, for any history', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(partnershipHistory, { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat({ max: 5 }), { maxLength: 60 }),
        fc.array(dayOffset, { minLength: 1, maxLength: 4 }),
        async (generated, choices, asOfs) => {
          const histories = generated.map(({ start, ops }) => writeHistory(start, ops));
          partnerships.push(...histories.map((h) => h.partnershipId));
          const positions = await appendRecorded(
            store,
            interleave(
              histories.map((h) => h.take()),
              choices,
            ),
          );
          expect(await wait.waitFor(Math.max(...positions), 20_000)).toBe(true);

          for (const h of histories) {
            const stored = await repository.findFacts(h.partnershipId);
            const scratch = await scratchFacts(h.partnershipId);
            expect(stored).toEqual(scratch);
            // Known at now, from the stored facts or folded afresh: the same again.
            expect(await reads.factsKnownAt(h.partnershipId, new Date())).toEqual(scratch);
            for (const offset of asOfs) {
              const knownAt = new Date('2026-11-01T07:00:00Z');
              const progress = computeProgress(scratch, day(offset), knownAt);
              expect(computeProgress(stored as PartnershipFacts, day(offset), knownAt)).toEqual(
                progress,
              );
              expectTotalsHold(progress);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reads progress now and at a past knownAt as folds of what was recorded by then', async () => {
    const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
    const withoutKnownAt = ({ knownAt: _, ...progress }: Progress) => progress;
    await fc.assert(
      fc.asyncProperty(
        partnershipHistory,
        fc.nat({ max: 45 }),
        dayOffset,
        async ({ start, ops }, cut, offset) => {
          const h = writeHistory(start, ops);
          partnerships.push(h.partnershipId);
          const events = h.take();
          const asOf = day(offset);
          const first = events.slice(0, Math.max(1, cut));
          const rest = events.slice(first.length);
          expect(
            await wait.waitFor(Math.max(...(await appendRecorded(store, first))), 20_000),
          ).toBe(true);
          // Read once, so that a prepared copy of these facts is kept for the reads below.
          const earlier = await reads.progress(h.partnershipId, asOf);
          expect(withoutKnownAt(earlier)).toEqual(
            withoutKnownAt(computeProgress(await scratchFacts(h.partnershipId), asOf, new Date())),
          );
          await pause();
          const knownAt = new Date();
          await pause();
          if (rest.length > 0) {
            const positions = await appendRecorded(store, rest);
            expect(await wait.waitFor(Math.max(...positions), 20_000)).toBe(true);
          }
          const now = await reads.progress(h.partnershipId, asOf);
          expect(withoutKnownAt(now)).toEqual(
            withoutKnownAt(computeProgress(await scratchFacts(h.partnershipId), asOf, new Date())),
          );
          const folded = foldFacts(
            h.partnershipId,
            await repository.partnershipEvents(h.partnershipId, knownAt),
          );
          expect(await reads.progress(h.partnershipId, asOf, knownAt)).toEqual(
            computeProgress(folded, asOf, knownAt),
          );
          expect(await reads.factsKnownAt(h.partnershipId, knownAt)).toEqual(folded);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('takes in a saving claimed twice in the log, which the decider refuses, as a fold does', async () => {
    const { h, intervention: i } = partnershipReadyForSavings('2026-01-01', 1_000_000);
    const saving = h.claimedOnce(i, 120_000, '2026-02-01');
    h.verified(saving, 100_000);
    const first = h.take();
    // The same saving claimed afresh, with other terms: the fold takes the second claim whole.
    const again = first.find((r) => r.event.type === 'SavingClaimed') as Recorded;
    const reclaim: Recorded = {
      streamId: again.streamId,
      event: {
        ...again.event,
        data: { ...again.event.data, amountPence: 90_000, startsOn: '2026-03-01' },
      } as Recorded['event'],
    };
    partnerships.push(h.partnershipId);
    // The first claim is taken in before the others are stored, so its saving's row is already
    // there when it is claimed again.
    expect(await wait.waitFor(Math.max(...(await appendRecorded(store, first))), 20_000)).toBe(
      true,
    );
    const positions = await appendRecorded(store, [reclaim, reclaim]);
    expect(await wait.waitFor(Math.max(...positions), 20_000)).toBe(true);

    const stored = await repository.findFacts(h.partnershipId);
    expect(stored).toEqual(await scratchFacts(h.partnershipId));
    expect(Object.values(stored?.savings ?? {})).toEqual([
      expect.objectContaining({ amountPence: 90_000, startsOn: '2026-03-01', status: 'claimed' }),
    ]);
  });

  it('folds the events instead of reading stored facts of an older shape, as during a deploy', async () => {
    const { h, intervention: i } = partnershipReadyForSavings('2026-01-01', 1_000_000);
    h.verified(h.claimedOnce(i, 120_000, '2026-02-01'), 100_000);
    const positions = await appendRecorded(store, h.take());
    expect(await wait.waitFor(Math.max(...positions), 20_000)).toBe(true);
    const scratch = await scratchFacts(h.partnershipId);
    // The live rows as a version before FACTS_SHAPE 2 wrote them, while a newer one is built.
    await sql`
      update partnership_facts_v1 set facts = facts - 'shape' - 'reportsSent'
      where partnership_id = ${h.partnershipId}`.execute(database.db);
    expect(await repository.findFacts(h.partnershipId)).not.toHaveProperty('shape');

    const fresh = new PartnershipReads(
      repository,
      new OrganisationsRepository(database.db),
      new UsersRepository(database.db),
    );
    expect(await fresh.currentFacts(h.partnershipId)).toEqual(scratch);
    expect(await fresh.factsKnownAt(h.partnershipId, new Date())).toEqual(scratch);
  });

  it('gives identical answers after a rebuild switched in blue-green', async () => {
    expect(partnerships.length).toBeGreaterThan(0);
    const before = new Map<string, unknown>();
    for (const id of partnerships) before.set(id, await repository.findFacts(id));

    await runner(2, 7);
    await eventually(async () => {
      const { rows } = await sql<{ version: number; status: string }>`
        select version, status from projection_checkpoints
        where name = ${PARTNERSHIP_FACTS} order by version`.execute(database.db);
      expect(rows).toEqual([
        { version: 1, status: 'retired' },
        { version: 2, status: 'live' },
      ]);
    });

    for (const id of partnerships) {
      const rebuilt = await repository.findFacts(id);
      expect(rebuilt).toEqual(before.get(id));
      const asOf = day(400);
      const knownAt = new Date('2026-11-01T07:00:00Z');
      expect(computeProgress(rebuilt as PartnershipFacts, asOf, knownAt)).toEqual(
        computeProgress(before.get(id) as PartnershipFacts, asOf, knownAt),
      );
    }
    // The view now reads the new version's table, and the old one is dropped.
    await eventually(async () => {
      const { rows } = await sql<{ table_name: string }>`
        select table_name from information_schema.tables
        where table_name like ${`${PARTNERSHIP_FACTS}_v%`} order by table_name`.execute(
        database.db,
      );
      expect(rows.map((r) => r.table_name)).toEqual([`${PARTNERSHIP_FACTS}_v2`]);
    });
  });
});
