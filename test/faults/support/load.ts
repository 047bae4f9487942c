import { randomUUID } from 'node:crypto';
import { TokenService } from '@accord/identity';
import { seedOrganisation, seedUser, type TestDatabase } from '@accord/testing';
import type { INestApplication } from '@nestjs/common';

/** One answer the load got: which kind of call, its status (0: no answer, the connection failed), how long it took. */
export type Outcome = Readonly<{
  call: string;
  status: number;
  ms: number;
  retryAfter: string | null;
  at: number;
}>;

export type Answer = Readonly<{ status: number; body: unknown; retryAfter: string | null }>;

/** A small HTTP client of the API that notes every outcome; no retries of its own. */
export class ApiClient {
  readonly outcomes: Outcome[] = [];

  constructor(private readonly base: () => string) {}

  async send(
    call: string,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    token: string,
    body?: object,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const started = performance.now();
    let answer: Answer;
    try {
      const res = await fetch(`${this.base()}/api/v1${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body ? { 'Content-Type': 'application/json' } : {}),
          ...headers,
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // CSV, HTML, or an empty body: kept as text.
      }
      answer = { status: res.status, body: parsed, retryAfter: res.headers.get('retry-after') };
    } catch {
      // The process was killed, or is not listening yet: no answer at all.
      answer = { status: 0, body: undefined, retryAfter: null };
    }
    this.outcomes.push({
      call,
      status: answer.status,
      ms: performance.now() - started,
      retryAfter: answer.retryAfter,
      at: Date.now(),
    });
    return answer;
  }

  /**
   * A write as a careful client makes it: one Idempotency-Key for all its attempts, tried again
   * after a 503 (waiting as Retry-After says, at most a second here to keep the test short) or a
   * connection that failed, until it is answered. Returns the final answer.
   */
  async write(
    call: string,
    method: 'POST' | 'PUT',
    path: string,
    token: string,
    body: object,
    giveUpAt: number,
  ): Promise<Answer> {
    const key = randomUUID();
    for (;;) {
      const answer = await this.send(call, method, path, token, body, { 'Idempotency-Key': key });
      if (answer.status !== 503 && answer.status !== 0) return answer;
      if (Date.now() > giveUpAt) return answer;
      const wait = answer.retryAfter ? Math.min(Number(answer.retryAfter) * 1000, 1000) : 250;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Counts by status, and latency percentiles of what was answered. */
export function summarise(outcomes: readonly Outcome[], seconds: number) {
  const byStatus: Record<string, number> = {};
  for (const o of outcomes) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
  const answered = outcomes
    .filter((o) => o.status !== 0)
    .map((o) => o.ms)
    .sort((a, b) => a - b);
  return {
    requests: outcomes.length,
    byStatus,
    p50: percentile(answered, 50),
    p99: percentile(answered, 99),
    perSecond: outcomes.length / seconds,
  };
}

export type Parties = Readonly<{
  councilId: string;
  admin: string;
  director: string;
  approver: string;
  councilAdmin: string;
  viewer: string;
}>;

/**
 * The load's people, seeded straight into the database with tokens signed by the processes'
 * own `jwtSecret`: a consultancy's admin and director; a council's approver, admin and viewer.
 */
export async function seedParties(db: TestDatabase['db'], jwtSecret: string): Promise<Parties> {
  const tokens = new TokenService(jwtSecret);
  const app = { get: () => tokens } as unknown as INestApplication;
  const consultancyId = await seedOrganisation(db, 'consultancy');
  const councilId = await seedOrganisation(db, 'council');
  const user = (
    org: string,
    kind: 'consultancy' | 'council',
    role: 'admin' | 'director' | 'approver' | 'viewer',
  ) => seedUser(app, db, org, kind, [role]).then((u) => u.token);
  return {
    councilId,
    admin: await user(consultancyId, 'consultancy', 'admin'),
    director: await user(consultancyId, 'consultancy', 'director'),
    approver: await user(councilId, 'council', 'approver'),
    councilAdmin: await user(councilId, 'council', 'admin'),
    viewer: await user(councilId, 'council', 'viewer'),
  };
}

export type Lane = Readonly<{ partnershipId: string; interventionId: string }>;

/**
 * Partnerships made through the API, each with one engagement and `perPartnership` interventions:
 * one intervention per load client, so no two clients write to one stream.
 */
export async function seedLanes(
  client: ApiClient,
  parties: Parties,
  partnerships: number,
  perPartnership: number,
  recipients = false,
): Promise<Lane[]> {
  const created = async (answer: Promise<Answer>) => {
    const { status, body } = await answer;
    if (status !== 201)
      throw new Error(`seeding: expected 201, got ${status} ${JSON.stringify(body)}`);
    return (body as { id: string }).id;
  };
  const lanes: Lane[] = [];
  for (let p = 0; p < partnerships; p++) {
    const partnershipId = await created(
      client.send('seed', 'POST', '/partnerships', parties.admin, {
        councilId: parties.councilId,
        name: `Load partnership ${p + 1}`,
        startsOn: '2026-04-01',
      }),
    );
    if (recipients) {
      const { status } = await client.send(
        'seed',
        'PUT',
        `/partnerships/${partnershipId}/report-recipients`,
        parties.admin,
        { recipients: [{ email: `finance-${p}@council.example`, name: 'Finance Officer' }] },
      );
      if (status !== 200) throw new Error(`seeding recipients: ${status}`);
    }
    const engagementId = await created(
      client.send('seed', 'POST', `/partnerships/${partnershipId}/engagements`, parties.director, {
        title: 'Placement sufficiency',
        serviceArea: 'childrens_social_care',
        startsOn: '2026-04-01',
        feePence: 12_000_000,
      }),
    );
    for (let i = 0; i < perPartnership; i++) {
      const interventionId = await created(
        client.send(
          'seed',
          'POST',
          `/engagements/${engagementId}/interventions`,
          parties.director,
          {
            title: `Step-down ${i + 1}`,
            category: 'placement_step_down',
            startedOn: '2026-04-01',
          },
        ),
      );
      lanes.push({ partnershipId, interventionId });
    }
  }
  return lanes;
}

/** What one load client had answered 201/200, to look for in the store afterwards. */
export type Written = { claimed: string[]; verified: string[]; unanswered: number };

/**
 * One client's realistic loop on its own intervention until `running()` says stop: claim a
 * saving, verify it as the council, read the partnership's progress, read a timeline page.
 */
export async function runLane(
  client: ApiClient,
  parties: Parties,
  lane: Lane,
  running: () => boolean,
  giveUpMs: number,
): Promise<Written> {
  const written: Written = { claimed: [], verified: [], unanswered: 0 };
  let n = 0;
  while (running()) {
    n += 1;
    const claimed = await client.write(
      'claim',
      'POST',
      `/interventions/${lane.interventionId}/savings`,
      parties.director,
      {
        amountPence: 10_000 + n,
        kind: n % 2 ? 'cashable' : 'non_cashable',
        recurrence: 'one_off',
        startsOn: '2026-06-01',
        basis: `Load saving ${n}`,
      },
      Date.now() + giveUpMs,
    );
    if (claimed.status !== 201) {
      written.unanswered += 1;
      continue;
    }
    const savingId = (claimed.body as { id: string }).id;
    written.claimed.push(savingId);
    const verified = await client.write(
      'verify',
      'POST',
      `/interventions/${lane.interventionId}/savings/${savingId}/verify`,
      parties.approver,
      { note: 'Checked against the ledger' },
      Date.now() + giveUpMs,
    );
    if (verified.status === 200) written.verified.push(savingId);
    else written.unanswered += 1;
    await client.send(
      'progress',
      'GET',
      `/partnerships/${lane.partnershipId}/progress`,
      parties.viewer,
    );
    await client.send(
      'timeline',
      'GET',
      `/partnerships/${lane.partnershipId}/timeline?limit=50`,
      parties.viewer,
    );
  }
  return written;
}
