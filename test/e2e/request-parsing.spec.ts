import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { BAD_CREDENTIALS } from '@accord/identity';
import { ledgerSuite } from '@accord/testing';

/**
 * Requests of shapes that answered 500 before they were refused at the edge (found by
 * test/property/route-fuzz.spec.ts): each is now a 4xx in SPEC §4's error shape, and stores
 * nothing.
 */
describe('requests refused while being read', () => {
  const suite = ledgerSuite();

  /** Sends `body` as it is, as JSON, and returns the answer and how many events it stored. */
  async function sendRaw(path: string, body: string) {
    const before = await suite.events();
    const res = await suite.t
      .http()
      .post(`/api/v1${path}`)
      .set('Authorization', `Bearer ${suite.tenancy.director.token}`)
      .set('Content-Type', 'application/json')
      .send(body);
    return { res, stored: (await suite.events()) - before };
  }

  const milestones = () => `/engagements/${suite.ids.engagementId}/milestones`;

  it('refuses a body nested deeper than 32 levels, naming where', async () => {
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    const { res, stored } = await sendRaw(milestones(), `{"title":${deep},"dueOn":"2026-09-30"}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'title.0.0 is nested more than 32 levels deep',
      details: {
        fields: [
          {
            field: 'title.0.0',
            code: 'too_deep',
            message: 'title.0.0 is nested more than 32 levels deep',
          },
        ],
      },
    });
    expect(stored).toBe(0);
  });

  it('still takes a body nested as deep as the limit', async () => {
    const nested = `${'['.repeat(31)}1${']'.repeat(31)}`;
    const { res } = await sendRaw(milestones(), `{"title":${nested},"dueOn":"2026-09-30"}`);
    expect(res.status).toBe(400);
    expect(res.body.details.fields).toEqual([
      expect.objectContaining({ field: 'title', code: 'isText' }),
    ]);
  });

  it.each([
    ['U+0000', '"Panel\\u0000in place"'],
    ['an unpaired surrogate', '"Panel \\ud800 in place"'],
    ['a surrogate pair reversed', '"\\udc00\\ud800"'],
  ])('refuses text holding %s, which PostgreSQL cannot store', async (_, title) => {
    const { res, stored } = await sendRaw(milestones(), `{"title":${title},"dueOn":"2026-09-30"}`);
    expect(res.status).toBe(400);
    expect(res.body.details.fields).toEqual([
      {
        field: 'title',
        code: 'unstorable_text',
        message: 'title must not hold U+0000 or an unpaired surrogate',
      },
    ]);
    expect(stored).toBe(0);
  });

  it('takes text with characters outside the Basic Multilingual Plane', async () => {
    const { res, stored } = await sendRaw(
      milestones(),
      '{"title":"Savings \\ud83d\\udcb7 agreed","dueOn":"2026-09-30"}',
    );
    expect(res.status).toBe(201);
    expect(stored).toBe(1);
  });

  it('refuses report recipients given as lists rather than objects', async () => {
    const before = await suite.events();
    const res = await suite.as.councilAdmin.put(
      `/partnerships/${suite.ids.partnershipId}/report-recipients`,
      { recipients: [[]] },
    );
    expect(res.status).toBe(400);
    expect(res.body.details.fields).toEqual([
      expect.objectContaining({ field: 'recipients', code: 'isObject' }),
    ]);
    expect(await suite.events()).toBe(before);
  });

  it.each([
    ['a form', 'application/x-www-form-urlencoded', 'email=jo%00%40example.org&password=x'],
    ['JSON', 'application/json', '{"email":"jo\\u0000@example.org","password":"x"}'],
  ])(
    'answers a sign-in form (%s) whose e-mail holds U+0000 as bad credentials',
    async (_, type, body) => {
      const res = await suite.t
        .http()
        .post('/sign-in')
        .set('Sec-Fetch-Site', 'same-origin')
        .set('Content-Type', type)
        .send(body);
      expect(res.status).toBe(401);
      expect(res.text).toContain(BAD_CREDENTIALS);
    },
  );

  it('checks a savings line as one DTO, path and body: unknown fields and unstorable text', async () => {
    const line = (body: object) =>
      suite.as.approver.put(
        `/partnerships/${suite.ids.partnershipId}/savings-lines/CS-26-07`,
        body,
      );
    const good = {
      title: 'Fewer residential placements',
      financialYear: '2026/27',
      targetPence: 1,
    };
    const before = await suite.events();
    const unknown = await line({ ...good, owner: 'finance' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details.fields).toEqual([
      expect.objectContaining({ field: 'owner', code: 'whitelistValidation' }),
    ]);
    const nul = await line({ ...good, title: 'Fewer\u0000placements' });
    expect(nul.status).toBe(400);
    expect(nul.body.details.fields).toEqual([
      expect.objectContaining({ field: 'title', code: 'unstorable_text' }),
    ]);
    expect(await suite.events()).toBe(before);
  });

  it('answers a bad savings register request as JSON, not labelled CSV', async () => {
    const res = await suite.as.viewer.get(
      `/partnerships/${suite.ids.partnershipId}/savings.csv?asOf=2026-02-30`,
    );
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.details.fields).toEqual([expect.objectContaining({ field: 'asOf' })]);
  });

  it.each(['9999-12-31', '1500-01-01', '2026-02-30'])(
    'answers the partnership page asked for as of %s with a 400 page',
    async (asOf) => {
      const res = await suite.t
        .http()
        .get(`/partnerships/${suite.ids.partnershipId}?asOf=${asOf}`)
        .set('Cookie', `accord_session=${suite.tenancy.viewer.token}`);
      expect(res.status).toBe(400);
      expect(res.text).toContain(
        'Figures as of must be a calendar date YYYY-MM-DD from 2000-01-01',
      );
    },
  );

  it('sends a visitor to sign in without an address too long to come back to', async () => {
    const long = await suite.t.http().get(`/partnerships?filter=${'a%26'.repeat(2_000)}`);
    expect(long.status).toBe(303);
    expect(long.headers.location).toBe('/sign-in');
    const short = await suite.t.http().get('/partnerships?filter=a');
    expect(short.headers.location).toBe('/sign-in?next=%2Fpartnerships%3Ffilter%3Da');
  });

  describe('what Node itself cannot parse', () => {
    let port: number;
    beforeAll(async () => {
      await suite.t.app.listen(0, '127.0.0.1');
      port = (suite.t.app.getHttpServer().address() as AddressInfo).port;
    });

    /** Writes raw bytes on a fresh connection and reads the whole answer. */
    function exchange(request: Buffer): Promise<string> {
      return new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(request));
        const chunks: Buffer[] = [];
        socket.on('data', (chunk) => chunks.push(chunk));
        socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        socket.on('error', reject);
      });
    }

    const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));

    it('answers a path with bytes that are not allowed in one with a JSON 400', async () => {
      const answer = await exchange(
        Buffer.concat([
          Buffer.from('GET /api/v1/partnerships/'),
          Buffer.from([0xc7, 0xc0]),
          Buffer.from(' HTTP/1.1\r\nHost: localhost\r\n\r\n'),
        ]),
      );
      expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(answer).toMatch(/\r\nContent-Type: application\/json; charset=utf-8\r\n/);
      expect(bodyOf(answer)).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'The request could not be read as HTTP',
      });
    });

    it('answers headers over 16 kB with a JSON 431', async () => {
      const answer = await exchange(
        Buffer.from(
          `GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`,
        ),
      );
      expect(answer).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
      expect(bodyOf(answer)).toEqual({
        statusCode: 431,
        error: 'Request Header Fields Too Large',
        message: 'The request headers are too large',
      });
    });
  });
});
