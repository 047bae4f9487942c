import { loadConfig } from '@accord/platform';
import { createTestApp, TestApp } from '@accord/testing';

describe('operational endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports live and ready with PostgreSQL and Redis named', async () => {
    await t.http().get('/health/live').expect(200);
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.details).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('answers 503 naming Redis when Redis cannot be reached', async () => {
    const down = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const ready = await down.http().get('/health/ready').expect(503);
      expect(ready.body.message).toMatch(/^redis is down/);
      expect(ready.body.details.details.database).toEqual({ status: 'up' });
    } finally {
      await down.close();
    }
  });

  it('serves Prometheus metrics including request durations', async () => {
    await t.http().get('/health/live');
    const metrics = await t.http().get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\} \d+/,
    );
    expect(metrics.text).toContain('process_cpu_user_seconds_total');
  });

  it('echoes a sane correlation id and replaces an unsafe one', async () => {
    const given = await t.http().get('/health/live').set('X-Correlation-Id', 'req-42');
    expect(given.headers['x-correlation-id']).toBe('req-42');
    const unsafe = await t
      .http()
      .get('/health/live')
      .set('X-Correlation-Id', 'not a valid id; drop');
    expect(unsafe.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers and answers an unknown path 404 in the error shape', async () => {
    const res = await t.http().get('/health/live');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    const missing = await t.http().get('/api/v1/nowhere').expect(404);
    expect(missing.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /api/v1/nowhere',
    });
  });

  it('asks for METRICS_TOKEN as a bearer token when one is set', async () => {
    const token = 'scrape-token-0123456789';
    const guarded = await createTestApp({ METRICS_TOKEN: token });
    try {
      await guarded.http().get('/metrics').expect(401);
      await guarded
        .http()
        .get('/metrics')
        .set('Authorization', 'Bearer wrong-token-0123456')
        .expect(401);
      const ok = await guarded.http().get('/metrics').set('Authorization', `Bearer ${token}`);
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('process_cpu_user_seconds_total');
      // Health stays open for the probes.
      await guarded.http().get('/health/live').expect(200);
    } finally {
      await guarded.close();
    }
  });

  it('believes X-Forwarded-For only from the proxies TRUST_PROXY names', async () => {
    const hopeful = `ghost-${Date.now()}@example.org`;
    const failFrom = (app: TestApp, address: string) =>
      app
        .http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', address)
        .send({ email: hopeful, password: 'not the password' });
    // Trusting no proxy, every forged address is the same loopback caller: the sixth try waits.
    const untrusting = await createTestApp({ TRUST_PROXY: 'false' });
    try {
      for (let i = 1; i <= 5; i++) await failFrom(untrusting, `198.51.100.${i}`).expect(401);
      await failFrom(untrusting, '198.51.100.6').expect(429);
    } finally {
      await untrusting.close();
    }
    // Trusting loopback (the default), each address is its own caller.
    for (let i = 1; i <= 6; i++) await failFrom(t, `203.0.113.${i}`).expect(401);
  });

  it('refuses a malformed TRUST_PROXY or METRICS_TOKEN with one line naming it', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'somewhere' })).toThrow(
      'Invalid configuration: TRUST_PROXY must be loopback, false, or a comma-separated list of addresses/CIDRs',
    );
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(
      'Invalid configuration: METRICS_TOKEN must be at least 16 characters',
    );
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.7' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.0.2.7',
    ]);
  });
});
