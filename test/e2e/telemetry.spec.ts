import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createTestDatabase, eventually, type TestDatabase } from '@accord/testing';

const ROOT = path.join(__dirname, '..', '..');

type Span = {
  name: string;
  attributes: { key: string; value: { stringValue?: string; intValue?: number } }[];
};

/** An OTLP/HTTP receiver on loopback that keeps every span it is sent. */
async function otlpReceiver(): Promise<{ server: Server; url: string; spans: Span[] }> {
  const spans: Span[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const payload = JSON.parse(body) as {
          resourceSpans: { scopeSpans: { spans: Span[] }[] }[];
        };
        for (const resource of payload.resourceSpans) {
          for (const scope of resource.scopeSpans) spans.push(...scope.spans);
        }
      }
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans };
}

const attribute = (span: Span, key: string) =>
  span.attributes.find((a) => a.key === key)?.value.stringValue;

describe('OpenTelemetry traces', () => {
  let database: TestDatabase;
  let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
  let api: ChildProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await otlpReceiver();
  });
  afterAll(async () => {
    api?.kill('SIGKILL');
    await new Promise((resolve) => receiver.server.close(resolve));
    await database.drop();
  });

  it('exports HTTP, PostgreSQL and Redis spans over OTLP, the correlation id on the request’s', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    api = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        PORT: String(port),
        DATABASE_URL: database.url,
        REDIS_PREFIX: `accord-test-${randomBytes(4).toString('hex')}`,
        JWT_SECRET: randomBytes(32).toString('hex'),
        ACCORD_DEMO: 'off',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
      stdio: 'ignore',
    });
    await eventually(async () => {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`, {
        headers: { 'X-Correlation-Id': 'trace-me-42' },
      });
      expect(res.status).toBe(200);
    }, 90_000);

    const spans = await eventually(async () => {
      const request = receiver.spans.find(
        (span) =>
          attribute(span, 'accord.correlation_id') === 'trace-me-42' && /GET/.test(span.name),
      );
      expect(request).toBeDefined();
      const names = receiver.spans.map((span) => span.name);
      expect(names.some((name) => /^(pg\.query|select)/i.test(name))).toBe(true);
      expect(names.some((name) => /^ping$/i.test(name))).toBe(true);
      return receiver.spans;
    }, 30_000);
    const tagged = spans.filter((s) => attribute(s, 'accord.correlation_id') === 'trace-me-42');
    expect(tagged.map((s) => s.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^GET/)]),
    );
  }, 150_000);
});
