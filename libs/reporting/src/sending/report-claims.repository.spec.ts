import { randomUUID } from 'node:crypto';
import type { Month } from '@accord/ledger';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { sql } from 'kysely';
import { ReportClaimsRepository } from './report-claims.repository';

const month = '2026-10' as Month;

describe('report claims', () => {
  let database: TestDatabase;
  let claims: ReportClaimsRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    claims = new ReportClaimsRepository(database.db);
  });
  afterAll(() => database.drop());

  const claim = (partnershipId: string, owner = randomUUID(), leaseMs = 60_000) =>
    claims.claim({ partnershipId, month, owner, leaseMs, messageId: `<report-${partnershipId}>` });
  const expireLease = (partnershipId: string) =>
    sql`update report_sends set lease_until = now() - interval '1 second'
        where partnership_id = ${partnershipId}`.execute(database.db);

  it('goes to whoever claims first; the others find it held', async () => {
    const partnershipId = randomUUID();
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => claim(partnershipId)));
    expect(outcomes.filter((o) => o.kind === 'acquired')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'held')).toHaveLength(7);
    const [first] = outcomes.filter((o) => o.kind === 'acquired');
    expect(first).toMatchObject({ previous: null, claim: { status: 'claimed', attempts: 0 } });
  });

  it('keeps the instant it was first claimed at, across a failure and a takeover', async () => {
    const partnershipId = randomUUID();
    const owner = randomUUID();
    const first = await claim(partnershipId, owner);
    expect(await claims.markSending(partnershipId, month, owner, 60_000)).toBe(true);
    await claims.markFailed(partnershipId, month, owner, '451 Greylisted');
    expect(await claims.find(partnershipId, month)).toMatchObject({
      status: 'failed',
      owner: null,
      leaseUntil: null,
      attempts: 1,
      lastError: '451 Greylisted',
    });

    const retry = await claim(partnershipId);
    expect(retry).toMatchObject({ kind: 'acquired', previous: 'failed' });
    expect(retry.claim.knownAt).toEqual(first.claim.knownAt);
  });

  it('lets another attempt take over a lease that ran out, saying it was mid-send', async () => {
    const partnershipId = randomUUID();
    const dead = randomUUID();
    await claim(partnershipId, dead);
    await claims.markSending(partnershipId, month, dead, 60_000);
    expect((await claim(partnershipId)).kind).toBe('held');
    await expireLease(partnershipId);
    const taker = randomUUID();
    expect(await claim(partnershipId, taker)).toMatchObject({
      kind: 'acquired',
      previous: 'sending',
      claim: { owner: taker, status: 'claimed', attempts: 1 },
    });
    // The attempt that lost its claim can no longer move it on.
    expect(await claims.markSending(partnershipId, month, dead, 60_000)).toBe(false);
    await claims.markFailed(partnershipId, month, dead, 'too late');
    expect((await claims.find(partnershipId, month))?.status).toBe('claimed');
  });

  it('is final once sent', async () => {
    const partnershipId = randomUUID();
    const owner = randomUUID();
    await claim(partnershipId, owner);
    await claims.markSending(partnershipId, month, owner, 60_000);
    await database.db.transaction().execute((trx) => claims.markSent(trx, partnershipId, month));
    expect(await claim(partnershipId)).toMatchObject({
      kind: 'sent',
      claim: { status: 'sent', owner: null, leaseUntil: null },
    });
    expect((await claims.find(partnershipId, month))?.sentAt).toBeInstanceOf(Date);
  });

  it('can be released by its holder when there is nothing to send', async () => {
    const partnershipId = randomUUID();
    const owner = randomUUID();
    await claim(partnershipId, owner);
    await claims.release(partnershipId, month, randomUUID());
    expect(await claims.find(partnershipId, month)).toBeDefined();
    await claims.release(partnershipId, month, owner);
    expect(await claims.find(partnershipId, month)).toBeUndefined();
    expect((await claim(partnershipId)).kind).toBe('acquired');
  });

  it('refuses a row that breaks the states', async () => {
    const partnershipId = randomUUID();
    await expect(
      sql`insert into report_sends (partnership_id, month, status, known_at, message_id)
          values (${partnershipId}, '2026-10', 'sending', now(), 'x')`.execute(database.db),
    ).rejects.toThrow(/check constraint/);
    await expect(
      sql`insert into report_sends (partnership_id, month, status, known_at, message_id)
          values (${partnershipId}, '2026-13', 'failed', now(), 'x')`.execute(database.db),
    ).rejects.toThrow(/check constraint/);
  });
});
