import { ledgerSuite } from '@accord/testing';
import { sql } from 'kysely';
import { IdempotencyRepository } from '../../apps/api/ledger/shared/idempotency.repository';

describe('conditional and idempotent ledger writes', () => {
  const suite = ledgerSuite({ startsOn: false });
  const { director, approver } = suite.as;
  const { events } = suite;

  const claim = (amountPence = 250_000) => ({
    amountPence,
    kind: 'cashable',
    recurrence: 'one_off',
    startsOn: '2026-06-01',
    basis: 'Agency social worker replaced',
  });

  describe('If-Match', () => {
    it('writes when the version is current and refuses a stale one with 409, writing nothing', async () => {
      const { engagementId } = await suite.seedLedger();
      const path = `/engagements/${engagementId}/milestones`;
      const first = await director
        .post(path, { title: 'One', dueOn: '2026-09-01' }, { 'If-Match': '1' })
        .expect(201);
      expect(first.body.version).toBe(2);

      const before = await events();
      const stale = await director.post(
        path,
        { title: 'Two', dueOn: '2026-10-01' },
        { 'If-Match': '1' },
      );
      expect(stale.status).toBe(409);
      expect(stale.body.details).toEqual({ code: 'stale_version', expected: 1, actual: 2 });
      expect(await events()).toBe(before);
      expect(await suite.store.streamVersion(`engagement-${engagementId}`)).toBe(2);

      await director
        .post(path, { title: 'Two', dueOn: '2026-10-01' }, { 'If-Match': '"2"' })
        .expect(201);
    });

    it("is checked against the stream the path's first id names", async () => {
      const { partnershipId } = await suite.seedLedger();
      const body = {
        title: 'Second engagement',
        serviceArea: 'send',
        startsOn: '2026-06-01',
        feePence: 100,
      };
      const path = `/partnerships/${partnershipId}/engagements`;
      const before = await events();
      await director.post(path, body, { 'If-Match': '2' }).expect(409);
      expect(await events()).toBe(before);
      const opened = await director.post(path, body, { 'If-Match': '1' }).expect(201);
      expect(opened.body.version).toBe(1);
    });

    it('guards a transition: a verdict on a saving already changed is refused', async () => {
      const { interventionId } = await suite.seedLedger();
      const saving = await director.post(`/interventions/${interventionId}/savings`, claim());
      const path = `/interventions/${interventionId}/savings/${saving.body.id}`;
      await director.post(`${path}/revise`, { amountPence: 200_000, reason: 'Fewer hours' });
      const before = await events();
      await approver
        .post(`${path}/verify`, {}, { 'If-Match': String(saving.body.version) })
        .expect(409);
      expect(await events()).toBe(before);
      const verified = await approver.post(`${path}/verify`, {}, { 'If-Match': '3' }).expect(200);
      expect(verified.body.version).toBe(4);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a retry with the first answer and writes nothing new', async () => {
      const { interventionId } = await suite.seedLedger();
      const path = `/interventions/${interventionId}/savings`;
      const key = { 'Idempotency-Key': 'claim-2026-06-agency' };
      const first = await director.post(path, claim(), key);
      expect(first.status).toBe(201);
      const before = await events();
      // The same body with its keys in another order is the same request.
      const { basis, ...rest } = claim();
      const retry = await director.post(path, { basis, ...rest }, key);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(await events()).toBe(before);
      expect(await suite.store.streamVersion(`intervention-${interventionId}`)).toBe(2);
    });

    it('forgets a key after 24 hours: it then writes anew, and expired keys are purged', async () => {
      const { interventionId } = await suite.seedLedger();
      const path = `/interventions/${interventionId}/savings`;
      const key = { 'Idempotency-Key': 'claim-expires' };
      const first = await director.post(path, claim(111), key).expect(201);
      const ageKey = (hours: number) =>
        suite.t.database.db
          .updateTable('idempotency_keys')
          .set({ created_at: sql<Date>`now() - make_interval(hours => ${hours})` })
          .where('key', '=', 'claim-expires')
          .execute();
      await ageKey(23);
      await director.post(path, claim(222), key).expect(422);
      await ageKey(25);
      const before = await events();
      const again = await director.post(path, claim(222), key).expect(201);
      expect(again.body.id).not.toBe(first.body.id);
      expect(await events()).toBe(before + 1);
      // The new answer is what the key now remembers.
      const retry = await director.post(path, claim(222), key).expect(201);
      expect(retry.body).toEqual(again.body);

      await ageKey(25);
      expect(await suite.t.app.get(IdempotencyRepository).purgeExpired()).toBeGreaterThanOrEqual(1);
      const left = await suite.t.database.db
        .selectFrom('idempotency_keys')
        .select('key')
        .where('key', '=', 'claim-expires')
        .execute();
      expect(left).toEqual([]);
    });

    it('answers 422 to the same key with another body, writing nothing', async () => {
      const { interventionId } = await suite.seedLedger();
      const path = `/interventions/${interventionId}/savings`;
      const key = { 'Idempotency-Key': 'claim-once' };
      await director.post(path, claim(100), key).expect(201);
      const before = await events();
      const other = await director.post(path, claim(200), key);
      expect(other.status).toBe(422);
      expect(other.body).toMatchObject({
        statusCode: 422,
        details: { code: 'idempotency_key_reused' },
      });
      expect(await events()).toBe(before);
    });

    it('replays a transition the rules would now refuse, rather than answering 409', async () => {
      const { interventionId } = await suite.seedLedger();
      const saving = await director.post(`/interventions/${interventionId}/savings`, claim());
      const path = `/interventions/${interventionId}/savings/${saving.body.id}/verify`;
      const key = { 'Idempotency-Key': 'verify-1' };
      const first = await approver.post(path, { note: 'ok' }, key).expect(200);
      const retry = await approver.post(path, { note: 'ok' }, key).expect(200);
      expect(retry.body).toEqual(first.body);
      expect(await suite.store.streamVersion(`intervention-${interventionId}`)).toBe(3);
      // Without the key it is a second verdict, which the rules refuse.
      await approver.post(path, { note: 'ok' }).expect(409);
    });

    it('scopes a key to its caller and its route', async () => {
      const { engagementId, interventionId } = await suite.seedLedger();
      const key = { 'Idempotency-Key': 'shared-key' };
      const milestone = await director
        .post(`/engagements/${engagementId}/milestones`, { title: 'M', dueOn: '2026-09-01' }, key)
        .expect(201);
      const saving = await director
        .post(`/interventions/${interventionId}/savings`, claim(), key)
        .expect(201);
      expect(saving.body.id).not.toBe(milestone.body.id);
      const admin = suite.as.consultancyAdmin;
      const byAdmin = await admin
        .post(`/engagements/${engagementId}/milestones`, { title: 'M', dueOn: '2026-09-01' }, key)
        .expect(201);
      expect(byAdmin.body.id).not.toBe(milestone.body.id);
      expect(await suite.store.streamVersion(`engagement-${engagementId}`)).toBe(3);
    });

    it('writes once when the same request is retried concurrently', async () => {
      const { interventionId } = await suite.seedLedger();
      const path = `/interventions/${interventionId}/savings`;
      const before = await events();
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          director.post(path, claim(), { 'Idempotency-Key': 'double-click' }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
      expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
      expect(await events()).toBe(before + 1);
      const stream = await suite.store.readStream(`intervention-${interventionId}`);
      expect(stream.map((e) => e.type)).toEqual(['InterventionLogged', 'SavingClaimed']);
      expect(stream[1].data.savingId).toBe(answers[0].body.id);
    });

    it('writes once when a creation of a new stream is retried concurrently', async () => {
      const { engagementId } = await suite.seedLedger();
      const before = await events();
      const answers = await Promise.all(
        Array.from({ length: 4 }, () =>
          director.post(
            `/engagements/${engagementId}/interventions`,
            { title: 'Edge of care team', category: 'edge_of_care', startedOn: '2026-06-01' },
            { 'Idempotency-Key': 'log-edge-of-care' },
          ),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(4).fill(201));
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(await events()).toBe(before + 1);
    });
  });

  it('without If-Match, concurrent writes to one stream all land, each decided afresh', async () => {
    const { engagementId } = await suite.seedLedger();
    const answers = await Promise.all(
      Array.from({ length: 3 }, (_, i) =>
        director.post(`/engagements/${engagementId}/milestones`, {
          title: `Milestone ${i}`,
          dueOn: '2026-12-01',
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(answers.map((a) => a.body.version).sort()).toEqual([2, 3, 4]);
    expect(await suite.store.streamVersion(`engagement-${engagementId}`)).toBe(4);
  });

  it('without If-Match, twenty concurrent capacity writes to one intervention all land', async () => {
    // Found under load: each write used to decide first and take the stream's lock only when
    // appending, so most lost the race three times over and answered 409.
    const { interventionId } = await suite.seedLedger();
    const before = await suite.store.streamVersion(`intervention-${interventionId}`);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        director.post(`/interventions/${interventionId}/capacity`, {
          kind: 'social_worker_fte',
          quantity: i + 1,
          startsOn: '2026-05-01',
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const versions = answers.map((a) => a.body.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 20 }, (_, i) => before + i + 1));
    expect(await suite.store.streamVersion(`intervention-${interventionId}`)).toBe(before + 20);
  });
});
