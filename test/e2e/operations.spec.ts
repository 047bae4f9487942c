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
});
