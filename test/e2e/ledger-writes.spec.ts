import { StoredEvent } from '@accord/event-store';
import { todayInLondon } from '@accord/ledger';
import { ledgerSuite } from '@accord/testing';
import type { Response } from 'supertest';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the ledger write API', () => {
  const suite = ledgerSuite({ startsOn: false });
  const { as, events } = suite;

  const today = () => todayInLondon(new Date());
  /** A write's answer: the version its stream is now at, and the event's position. */
  const at = (version: number) => ({ version, position: expect.any(Number) });
  /** The answer to a write that makes something: `at`, and the new thing's id. */
  const made = (version: number) => ({ id: expect.stringMatching(UUID), ...at(version) });

  /**
   * The stream's last event, checked to be the one the answer names (and the answer, to be
   * `expected` where given).
   */
  async function written(
    streamId: string,
    answer: { version: number; position: number },
    expected?: object,
  ): Promise<StoredEvent> {
    if (expected) expect(answer).toEqual(expected);
    const stream = await suite.store.readStream(streamId);
    const last = stream[stream.length - 1];
    expect(last.position).toBe(answer.position);
    return last;
  }

  /** A call that must be refused with `status`, writing nothing. */
  async function refused(status: number, call: () => PromiseLike<Response>) {
    const before = await events();
    const res = await call();
    expect(res.status).toBe(status);
    expect(await events()).toBe(before);
    return res;
  }

  /** A call that must be refused with `status` and the error `code`, writing nothing. */
  async function refusedWith(status: number, code: string, call: () => PromiseLike<Response>) {
    const res = await refused(status, call);
    expect(res.body.details?.code).toBe(code);
    return res;
  }

  describe('forming a partnership', () => {
    it("forms one between the caller's consultancy and a council, with its metadata", async () => {
      const res = await as.consultancyAdmin.post(
        '/partnerships',
        { councilId: suite.tenancy.councilId, name: 'Better Futures', startsOn: '2026-04-01' },
        { 'X-Correlation-Id': 'form-partnership-1' },
      );
      expect(res.status).toBe(201);
      expect(res.body).toEqual(made(1));
      expect(res.headers['x-correlation-id']).toBe('form-partnership-1');
      const event = await written(`partnership-${res.body.id}`, res.body);
      expect(event.streamVersion).toBe(1);
      expect(event.type).toBe('PartnershipFormed');
      expect(event.data).toEqual({
        partnershipId: res.body.id,
        consultancyId: suite.tenancy.consultancyId,
        councilId: suite.tenancy.councilId,
        name: 'Better Futures',
        startsOn: '2026-04-01',
        occurredOn: '2026-04-01',
      });
      expect(event.metadata).toEqual({
        actorId: suite.tenancy.consultancyAdmin.id,
        correlationId: 'form-partnership-1',
        causationId: expect.stringMatching(UUID),
        channel: 'api',
      });
    });

    it('generates a correlation id when none is given, and a causation id for each command', async () => {
      const body = { councilId: suite.tenancy.councilId, name: 'Second', startsOn: '2026-05-01' };
      const first = await as.consultancyAdmin.post('/partnerships', body).expect(201);
      const second = await as.consultancyAdmin.post('/partnerships', body).expect(201);
      const [a] = await suite.store.readStream(`partnership-${first.body.id}`);
      const [b] = await suite.store.readStream(`partnership-${second.body.id}`);
      expect(a.metadata.correlationId).toBe(first.headers['x-correlation-id']);
      expect(b.metadata.correlationId).toBe(second.headers['x-correlation-id']);
      expect(a.metadata.correlationId).not.toBe(b.metadata.correlationId);
      expect(a.metadata.causationId).not.toBe(b.metadata.causationId);
    });

    it('refuses a councilId that names no council, naming the field', async () => {
      for (const councilId of [
        suite.tenancy.consultancyId,
        '6f8a3c1e-0000-4000-8000-000000000000',
      ]) {
        const res = await refused(400, () =>
          as.consultancyAdmin.post('/partnerships', {
            councilId,
            name: 'Nowhere',
            startsOn: '2026-04-01',
          }),
        );
        expect(res.body.details.fields.map((f: { field: string }) => f.field)).toEqual([
          'councilId',
        ]);
      }
    });

    it("is a consultancy admin's to do", async () => {
      const body = {
        councilId: suite.tenancy.councilId,
        name: 'Not yours',
        startsOn: '2026-04-01',
      };
      await refused(403, () => as.director.post('/partnerships', body));
      await refused(403, () => as.councilAdmin.post('/partnerships', body));
      await refused(403, () => as.approver.post('/partnerships', body));
      // The platform admin belongs to no consultancy, so has none to form a partnership for.
      await refused(403, () => as.platformAdmin.post('/partnerships', body));
    });
  });

  describe('report recipients', () => {
    let partnershipId: string;
    beforeAll(async () => {
      ({ partnershipId } = await suite.seedLedger());
    });

    const recipientRows = () =>
      suite.t.database.db
        .selectFrom('report_recipients')
        .select(['id', 'email', 'name'])
        .where('partnership_id', '=', partnershipId)
        .orderBy('email')
        .execute();

    it('records recipient ids in the ledger and their addresses beside it', async () => {
      const res = await as.councilAdmin
        .put(`/partnerships/${partnershipId}/report-recipients`, {
          recipients: [
            { email: 'finance@council.gov.uk', name: 'Finance Officer' },
            { email: 'dcs@council.gov.uk', name: 'Director of Children’s Services' },
          ],
        })
        .expect(200);
      const event = await written(`partnership-${partnershipId}`, res.body, at(2));
      expect(event.type).toBe('ReportRecipientsSet');
      expect(event.data).toEqual({
        partnershipId,
        recipientIds: [expect.stringMatching(UUID), expect.stringMatching(UUID)],
        occurredOn: today(),
      });
      // SPEC §1: no address or name in the ledger, so a person can be erased.
      expect(JSON.stringify(event)).not.toMatch(/@|Finance Officer/);
      const [financeId, dcsId] = event.data.recipientIds as string[];
      expect(await recipientRows()).toEqual([
        { id: dcsId, email: 'dcs@council.gov.uk', name: 'Director of Children’s Services' },
        { id: financeId, email: 'finance@council.gov.uk', name: 'Finance Officer' },
      ]);
    });

    it('keeps the id of an address set again, taking its new name', async () => {
      const before = (await recipientRows()).find((r) => r.email === 'finance@council.gov.uk');
      const res = await as.consultancyAdmin
        .put(`/partnerships/${partnershipId}/report-recipients`, {
          recipients: [{ email: 'FINANCE@council.gov.uk', name: 'Head of Finance' }],
        })
        .expect(200);
      expect(res.body.version).toBe(3);
      const event = await written(`partnership-${partnershipId}`, res.body);
      expect(event.data.recipientIds).toEqual([before?.id]);
      const rows = await recipientRows();
      expect(rows.find((r) => r.id === before?.id)).toEqual({
        id: before?.id,
        email: 'FINANCE@council.gov.uk',
        name: 'Head of Finance',
      });
    });

    it('names an address listed twice, writing nothing', async () => {
      const rows = await recipientRows();
      const res = await refused(400, () =>
        as.councilAdmin.put(`/partnerships/${partnershipId}/report-recipients`, {
          recipients: [
            { email: 'new@council.gov.uk', name: 'New' },
            { email: 'NEW@council.gov.uk', name: 'New again' },
          ],
        }),
      );
      expect(res.body.details.fields).toEqual([
        expect.objectContaining({ field: 'recipients.1.email', code: 'duplicate' }),
      ]);
      expect(await recipientRows()).toEqual(rows);
    });

    it("is either side's admin's to do", async () => {
      const body = { recipients: [] };
      const path = `/partnerships/${partnershipId}/report-recipients`;
      await refused(403, () => as.director.put(path, body));
      await refused(403, () => as.approver.put(path, body));
      await refused(403, () => as.viewer.put(path, body));
      await refused(404, () => as.strangerDirector.put(path, body));
    });
  });

  describe('engagements and their measures', () => {
    let partnershipId: string;
    let engagementId: string;
    beforeAll(async () => {
      ({ partnershipId } = await suite.seedLedger());
    });

    it("opens an engagement, answering with the partnership's version", async () => {
      const opening = {
        title: 'Edge of care',
        serviceArea: 'early_help',
        startsOn: '2026-06-01',
        endsOn: '2027-05-31',
        feePence: 9_000_000,
        savingsTargetPence: 30_000_000,
      };
      const res = await as.director
        .post(`/partnerships/${partnershipId}/engagements`, opening)
        .expect(201);
      engagementId = res.body.id;
      const event = await written(`engagement-${engagementId}`, res.body, made(1));
      expect(event).toMatchObject({
        streamVersion: 1,
        type: 'EngagementOpened',
        data: {
          partnershipId,
          engagementId,
          ...opening,
          occurredOn: '2026-06-01',
        },
        metadata: { actorId: suite.tenancy.director.id },
      });
    });

    it("is the consultancy's work: the council may not, a stranger cannot see it", async () => {
      const body = {
        title: 'x',
        serviceArea: 'send',
        startsOn: '2026-06-01',
        feePence: 0,
      };
      await refused(403, () =>
        as.approver.post(`/partnerships/${partnershipId}/engagements`, body),
      );
      await refused(404, () =>
        as.strangerDirector.post(`/partnerships/${partnershipId}/engagements`, body),
      );
    });

    it('defines a catalogue measure, taking its name, unit and direction', async () => {
      const defining = {
        measure: 'residential_placements',
        baseline: { value: 42, asOf: '2026-03-31' },
        target: { value: 30, by: '2027-03-31' },
      };
      const res = await as.director
        .post(`/engagements/${engagementId}/measures`, defining)
        .expect(201);
      const answer = { id: 'residential_placements', ...at(2) };
      const event = await written(`engagement-${engagementId}`, res.body, answer);
      // The catalogue's name, unit and direction, beside what was sent.
      expect(event.data).toEqual({
        partnershipId,
        engagementId,
        ...defining,
        name: 'Children in residential placements',
        unit: 'children',
        direction: 'lower_is_better',
        occurredOn: today(),
      });
    });

    it('names what a custom measure lacks, and refuses a measure defined twice', async () => {
      const res = await refused(400, () =>
        as.director.post(`/engagements/${engagementId}/measures`, {
          measure: 'family_time_hours',
          baseline: { value: 1, asOf: '2026-03-31' },
          target: { value: 2, by: '2027-03-31' },
        }),
      );
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toEqual([
        'name',
        'unit',
        'direction',
      ]);
      await refusedWith(409, 'measure.already_defined', () =>
        as.director.post(`/engagements/${engagementId}/measures`, {
          measure: 'residential_placements',
          baseline: { value: 40, asOf: '2026-03-31' },
          target: { value: 20, by: '2027-03-31' },
        }),
      );
    });

    it('records a reading with an id of its own', async () => {
      const res = await as.director
        .post(`/engagements/${engagementId}/measures/residential_placements/readings`, {
          value: 38,
          asOf: '2026-09-30',
          source: 'SSDA903 return',
        })
        .expect(201);
      const event = await written(`engagement-${engagementId}`, res.body, made(3));
      expect(event.data).toEqual({
        partnershipId,
        engagementId,
        measure: 'residential_placements',
        readingId: res.body.id,
        value: 38,
        asOf: '2026-09-30',
        source: 'SSDA903 return',
        occurredOn: '2026-09-30',
      });
    });

    it('answers 404 for a reading of a measure the engagement does not define', async () => {
      await refusedWith(404, 'measure.not_found', () =>
        as.director.post(`/engagements/${engagementId}/measures/average_caseload/readings`, {
          value: 18,
          asOf: '2026-09-30',
        }),
      );
    });
  });

  describe('milestones', () => {
    let engagementId: string;
    let milestoneId: string;
    beforeAll(async () => {
      ({ engagementId } = await suite.seedLedger());
    });
    const path = (action = '') =>
      `/engagements/${engagementId}/milestones${milestoneId ? `/${milestoneId}` : ''}${action}`;

    it('plans, reschedules, achieves and signs off a milestone', async () => {
      const plan = {
        title: 'Step-down panel running',
        dueOn: '2026-06-30',
      };
      const planned = await as.director
        .post(`/engagements/${engagementId}/milestones`, plan)
        .expect(201);
      milestoneId = planned.body.id;
      expect((await written(`engagement-${engagementId}`, planned.body, made(2))).data).toEqual({
        partnershipId: expect.stringMatching(UUID),
        engagementId,
        milestoneId,
        ...plan,
        occurredOn: today(),
      });

      const rescheduled = await as.director
        .post(path('/reschedule'), { dueOn: '2026-07-31', reason: 'Panel chair on leave' })
        .expect(200);
      expect(
        (await written(`engagement-${engagementId}`, rescheduled.body, at(3))).data,
      ).toMatchObject({
        milestoneId,
        dueOn: '2026-07-31',
        previousDueOn: '2026-06-30',
        reason: 'Panel chair on leave',
      });

      const achieved = await as.director
        .post(path('/achieve'), { achievedOn: '2026-07-20', evidence: 'Panel minutes' })
        .expect(200);
      expect(await written(`engagement-${engagementId}`, achieved.body, at(4))).toMatchObject({
        type: 'MilestoneAchieved',
        data: { milestoneId, achievedOn: '2026-07-20', evidence: 'Panel minutes' },
      });

      await refused(403, () => as.director.post(path('/sign-off'), {}));
      const signedOff = await as.approver
        .post(path('/sign-off'), { note: 'Seen the minutes' })
        .expect(200);
      expect(await written(`engagement-${engagementId}`, signedOff.body, at(5))).toMatchObject({
        type: 'MilestoneSignedOff',
        data: { milestoneId, note: 'Seen the minutes' },
        metadata: { actorId: suite.tenancy.approver.id },
      });
    });

    it('refuses to cancel or reschedule an achieved milestone (409), writing nothing', async () => {
      await refusedWith(409, 'milestone.already_achieved', () =>
        as.director.post(path('/cancel'), { reason: 'No longer needed' }),
      );
      await refusedWith(409, 'milestone.already_achieved', () =>
        as.director.post(path('/reschedule'), { dueOn: '2026-08-31', reason: 'Later' }),
      );
    });

    it('cancels a planned milestone', async () => {
      const planned = await as.director
        .post(`/engagements/${engagementId}/milestones`, { title: 'Audit', dueOn: '2026-12-01' })
        .expect(201);
      const cancelled = await as.director
        .post(`/engagements/${engagementId}/milestones/${planned.body.id}/cancel`, {
          reason: 'Folded into the step-down work',
        })
        .expect(200);
      expect(await written(`engagement-${engagementId}`, cancelled.body)).toMatchObject({
        type: 'MilestoneCancelled',
        data: { milestoneId: planned.body.id, reason: 'Folded into the step-down work' },
      });
      await refusedWith(409, 'milestone.cancelled', () =>
        as.director.post(`/engagements/${engagementId}/milestones/${planned.body.id}/achieve`, {
          achievedOn: '2026-10-01',
        }),
      );
    });

    it('answers 404 for a milestone the engagement does not have', async () => {
      await refusedWith(404, 'milestone.not_found', () =>
        as.director.post(
          `/engagements/${engagementId}/milestones/8a0b6c1e-0000-4000-8000-000000000000/achieve`,
          { achievedOn: '2026-10-01' },
        ),
      );
    });

    it('refuses a milestone achieved in the future, naming achievedOn', async () => {
      const planned = await as.director
        .post(`/engagements/${engagementId}/milestones`, { title: 'Later', dueOn: '2027-06-01' })
        .expect(201);
      const res = await refused(400, () =>
        as.director.post(`/engagements/${engagementId}/milestones/${planned.body.id}/achieve`, {
          achievedOn: '2099-01-01',
        }),
      );
      expect(res.body.details.fields).toEqual([
        expect.objectContaining({ field: 'achievedOn', code: 'in_future' }),
      ]);
    });
  });

  describe('interventions, savings and capacity', () => {
    let engagementId: string;
    let interventionId: string;
    let savingId: string;
    beforeAll(async () => {
      ({ engagementId } = await suite.seedLedger());
    });
    const saving = (action: string) =>
      `/interventions/${interventionId}/savings/${savingId}${action}`;

    it("logs an intervention, answering with the engagement's version", async () => {
      const logging = {
        title: 'Foster carer recruitment drive',
        category: 'foster_carer_recruitment',
        startedOn: '2026-05-01',
        description: 'Targeted campaign',
      };
      const res = await as.director
        .post(`/engagements/${engagementId}/interventions`, logging)
        .expect(201);
      interventionId = res.body.id;
      const event = await written(`intervention-${interventionId}`, res.body, made(1));
      expect(event).toMatchObject({
        streamVersion: 1,
        type: 'InterventionLogged',
        data: {
          engagementId,
          interventionId,
          ...logging,
          occurredOn: '2026-05-01',
        },
      });
    });

    it('claims a saving, and the council verifies it', async () => {
      const claim = {
        amountPence: 4_500_000,
        kind: 'cashable',
        recurrence: 'recurring_annual',
        startsOn: '2026-06-01',
        endsOn: '2028-06-01',
        basis: 'Two step-downs from residential care',
      };
      const claimed = await as.director
        .post(`/interventions/${interventionId}/savings`, claim)
        .expect(201);
      savingId = claimed.body.id;
      expect((await written(`intervention-${interventionId}`, claimed.body, made(2))).data).toEqual(
        {
          partnershipId: expect.stringMatching(UUID),
          engagementId,
          interventionId,
          savingId,
          ...claim,
          attributionPct: 100,
          occurredOn: '2026-06-01',
        },
      );

      await refused(403, () => as.director.post(saving('/verify'), {}));
      const verified = await as.approver
        .post(saving('/verify'), { note: 'Matches the ledger' })
        .expect(200);
      expect(await written(`intervention-${interventionId}`, verified.body, at(3))).toMatchObject({
        type: 'SavingVerified',
        data: { savingId, amountPence: 4_500_000, note: 'Matches the ledger' },
        metadata: { actorId: suite.tenancy.approver.id },
      });
      await refusedWith(409, 'saving.not_claimed', () =>
        as.approver.post(saving('/dispute'), { reason: 'Second thoughts' }),
      );
    });

    it('revises a verified saving back to claimed, which the council may then dispute', async () => {
      const revised = await as.director
        .post(saving('/revise'), { amountPence: 4_000_000, reason: 'One placement ended early' })
        .expect(200);
      expect(
        (await written(`intervention-${interventionId}`, revised.body, at(4))).data,
      ).toMatchObject({
        amountPence: 4_000_000,
        previousAmountPence: 4_500_000,
        reason: 'One placement ended early',
      });
      const disputed = await as.councilAdmin
        .post(saving('/dispute'), { reason: 'Placement costs are not ours' })
        .expect(200);
      expect(await written(`intervention-${interventionId}`, disputed.body)).toMatchObject({
        type: 'SavingDisputed',
        data: { savingId, amountPence: 4_000_000, reason: 'Placement costs are not ours' },
      });
    });

    it('withdraws a saving, after which it can be neither verified nor revised (409)', async () => {
      const withdrawn = await as.director
        .post(saving('/withdraw'), { reason: 'Claimed under the wrong intervention' })
        .expect(200);
      expect(withdrawn.body).toEqual(at(6));
      await refusedWith(409, 'saving.withdrawn', () => as.approver.post(saving('/verify'), {}));
      await refusedWith(409, 'saving.withdrawn', () =>
        as.director.post(saving('/revise'), { amountPence: 1, reason: 'Again' }),
      );
      await refusedWith(409, 'saving.withdrawn', () =>
        as.director.post(saving('/withdraw'), { reason: 'Again' }),
      );
    });

    it('answers 404 for a saving the intervention does not have, or an intervention of no one', async () => {
      await refusedWith(404, 'saving.not_found', () =>
        as.approver.post(
          `/interventions/${interventionId}/savings/2f9a1b3c-0000-4000-8000-000000000000/verify`,
          {},
        ),
      );
      await refused(404, () =>
        as.approver.post(
          '/interventions/2f9a1b3c-0000-4000-8000-000000000000/savings/x/verify',
          {},
        ),
      );
      await refused(404, () =>
        as.strangerDirector.post(saving('/withdraw'), { reason: 'Not mine' }),
      );
    });

    it('refuses a saving ending before it starts, naming endsOn', async () => {
      const res = await refused(400, () =>
        as.director.post(`/interventions/${interventionId}/savings`, {
          amountPence: 100,
          kind: 'non_cashable',
          recurrence: 'recurring_annual',
          startsOn: '2026-06-01',
          endsOn: '2026-05-01',
          basis: 'Backwards',
        }),
      );
      expect(res.body.details.fields).toEqual([
        expect.objectContaining({ field: 'endsOn', code: 'not_after_start' }),
      ]);
    });

    it('adds capacity in its kind’s unit and ends it once', async () => {
      const capacity = {
        kind: 'foster_placements',
        quantity: 3,
        startsOn: '2026-07-01',
      };
      const added = await as.director
        .post(`/interventions/${interventionId}/capacity`, capacity)
        .expect(201);
      expect(
        (await written(`intervention-${interventionId}`, added.body, made(7))).data,
      ).toMatchObject({
        capacityId: added.body.id,
        ...capacity,
        unit: 'placements',
      });
      const ended = await as.director
        .post(`/interventions/${interventionId}/capacity/${added.body.id}/end`, {
          endsOn: '2027-07-01',
        })
        .expect(200);
      expect(await written(`intervention-${interventionId}`, ended.body, at(8))).toMatchObject({
        type: 'CapacityEnded',
        data: { capacityId: added.body.id, endsOn: '2027-07-01', occurredOn: '2027-07-01' },
      });
      await refusedWith(409, 'capacity.already_ended', () =>
        as.director.post(`/interventions/${interventionId}/capacity/${added.body.id}/end`, {
          endsOn: '2027-08-01',
        }),
      );
    });

    it('needs a unit for capacity of kind other', async () => {
      const res = await refused(400, () =>
        as.director.post(`/interventions/${interventionId}/capacity`, {
          kind: 'other',
          quantity: 2,
          startsOn: '2026-07-01',
        }),
      );
      expect(res.body.details.fields).toEqual([
        expect.objectContaining({ field: 'unit', code: 'required' }),
      ]);
    });
  });
});
