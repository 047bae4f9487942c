import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@accord/platform';
import { createTestApp, TestApp } from '@accord/testing';
import {
  ARRIVING_VARIABLES,
  DockerInstruction,
  dockerIgnores,
  execForm,
  filesUnder,
  KNOWN_VARIABLES,
  packagesLoadedAtRunTime,
  parseDockerfile,
  productionPackages,
  ROOT,
  readmeVariables,
  readText,
  readYamlDocuments,
  scriptCommand,
} from './deployment-files';

const dockerfile = parseDockerfile(readText('Dockerfile'));
const runtime = dockerfile.stages[dockerfile.stages.length - 1];
const build = dockerfile.stages[0];
const ignore = readText('.dockerignore');
const instructions = (keyword: string): DockerInstruction[] =>
  runtime.instructions.filter((i) => i.keyword === keyword);
const last = (keyword: string): DockerInstruction | undefined => instructions(keyword).at(-1);

type ComposeService = {
  image?: string;
  build?: { context: string; dockerfile?: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  profiles?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
};
const compose = readYamlDocuments('infra/docker-compose.yml')[0] as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
/** Builds from this repository's Dockerfile, so the image's HEALTHCHECK applies. */
const builtHere = (service: ComposeService) =>
  service.build !== undefined &&
  path.resolve(ROOT, 'infra', service.build.context, service.build.dockerfile ?? 'Dockerfile') ===
    path.join(ROOT, 'Dockerfile');

describe('the Dockerfile', () => {
  it('builds with the dev dependencies and runs on the production ones only, on Node 20', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of dockerfile.stages) {
      expect(stage.image).toMatch(/^node:20[.\d]*-(?:[a-z]+-)?(?:slim|alpine[.\d]*)$/);
    }
    const buildRuns = build.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(buildRuns).toEqual(expect.arrayContaining([expect.stringMatching(/^npm ci\b/)]));
    expect(buildRuns).toContain('npm run build');

    const runs = instructions('RUN').map((i) => i.args);
    expect(runs).toEqual(
      expect.arrayContaining([expect.stringMatching(/^npm ci\b.*\s--omit=dev\b/)]),
    );
    expect(runs.filter((run) => /npm (run )?build/.test(run))).toEqual([]);
    const copies = instructions('COPY');
    expect(copies).toContainEqual({
      keyword: 'COPY',
      flags: [`--from=${build.name}`],
      args: '/app/dist ./dist',
    });
  });

  it('loads at run time no package that `npm ci --omit=dev` leaves out', () => {
    const installed = productionPackages();
    const missing = [...packagesLoadedAtRunTime()].filter(([name]) => !installed.has(name));
    expect(missing).toEqual([]);
  });

  it('copies every file the built code reads besides JavaScript into the image', () => {
    // tsc emits .js only; templates and data are read from the project root at run time.
    const sources = instructions('COPY')
      .filter((copy) => copy.flags.length === 0)
      .flatMap((copy) => copy.args.split(/\s+/).slice(0, -1));
    const assets = [...filesUnder('apps'), ...filesUnder('libs')].filter(
      (file) => !file.endsWith('.ts'),
    );
    expect(assets.length).toBeGreaterThan(0);
    const notCopied = assets.filter(
      (file) =>
        dockerIgnores(ignore, file) ||
        !sources.some((source) => file === source || file.startsWith(`${source}/`)),
    );
    expect(notCopied).toEqual([]);
  });

  it('keeps the build context to what the build reads', () => {
    const contextFiles = [
      ...dockerfile.stages.flatMap((stage) =>
        stage.instructions
          .filter((i) => i.keyword === 'COPY' && i.flags.length === 0)
          .flatMap((copy) => copy.args.split(/\s+/).slice(0, -1)),
      ),
      'apps/api/main.ts',
      'libs/platform/src/index.ts',
    ];
    expect(contextFiles.filter((file) => dockerIgnores(ignore, file))).toEqual([]);
    for (const file of contextFiles) expect(existsSync(path.join(ROOT, file))).toBe(true);
    const leftOut = ['node_modules/pg/package.json', 'dist/apps/api/main.js', '.env', '.git'];
    expect(leftOut.filter((file) => !dockerIgnores(ignore, file))).toEqual([]);
    expect(dockerIgnores(ignore, 'apps/api/web/session/safe-next.spec.ts')).toBe(true);
  });

  it('runs as a user other than root', () => {
    const user = last('USER')?.args ?? 'root';
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(user).toMatch(/^[1-9]\d*(:\d+)?$/);
  });

  it('starts the API as package.json does, and exposes the port the configuration defaults to', () => {
    expect(execForm(last('CMD')?.args ?? '')).toEqual(scriptCommand('start:api'));
    expect(instructions('ENTRYPOINT')).toEqual([]);
    expect(last('EXPOSE')?.args).toBe(String(loadConfig({}).port));
  });

  describe('HEALTHCHECK', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp();
    });
    afterAll(() => app.close());

    it('asks the running API for /health/live, on PORT', async () => {
      const check = last('HEALTHCHECK');
      expect(check?.flags).toEqual(expect.arrayContaining([expect.stringMatching(/^--interval=/)]));
      const [node, flag, script] = execForm(check?.args ?? '');
      expect([node, flag]).toEqual(['node', '-e']);
      expect(script).toContain('process.env.PORT');
      const route = /(\/health\/[a-z]+)/.exec(script)?.[1];
      expect(route).toBe('/health/live');
      await app
        .http()
        .get(route ?? '')
        .expect(200);
    });
  });
});

describe('infra/docker-compose.yml', () => {
  const app = ['api', 'worker'].map((name) => ({ name, service: services[name] }));

  it('runs PostgreSQL 15, Redis 7 and Mailpit, each with a health check', () => {
    expect(services.postgres.image).toMatch(/^postgres:15\b/);
    expect(services.redis.image).toMatch(/^redis:7\b/);
    expect(services.mailpit.image).toMatch(/^axllent\/mailpit:/);
    expect(services.mailpit.ports).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/:1025:1025$/),
        expect.stringMatching(/:8025:8025$/),
      ]),
    );
    for (const name of ['postgres', 'redis', 'mailpit']) {
      expect({ name, test: services[name].healthcheck?.test?.[0] }).toEqual({ name, test: 'CMD' });
    }
  });

  it('builds the API and the worker from the Dockerfile and starts them as package.json does', () => {
    for (const { name, service } of app) {
      expect({ name, builtHere: builtHere(service) }).toEqual({ name, builtHere: true });
    }
    expect(services.api.command).toEqual(scriptCommand('start:api'));
    expect(services.worker.command).toEqual(scriptCommand('start:worker'));
  });

  it('starts each after what it needs is healthy', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [needed, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect({ name, needed, condition }).toEqual({
          name,
          needed,
          condition: 'service_healthy',
        });
        const check = services[needed].healthcheck;
        const healthy = check?.test !== undefined || (builtHere(services[needed]) && !check);
        expect({ needed, healthy }).toEqual({ needed, healthy: true });
      }
    }
    expect(Object.keys(services.api.depends_on ?? {}).sort()).toEqual([
      'mailpit',
      'postgres',
      'redis',
    ]);
    // The image's check asks for HTTP, which the worker does not serve.
    expect(services.worker.healthcheck).toEqual({ disable: true });
  });

  it('sets only variables the configuration reads and the README describes', () => {
    const described = [...readmeVariables(), ...ARRIVING_VARIABLES];
    for (const { name, service } of app) {
      const variables = Object.keys(service.environment ?? {});
      expect({ name, unread: variables.filter((v) => !KNOWN_VARIABLES.includes(v)) }).toEqual({
        name,
        unread: [],
      });
      expect({ name, undescribed: variables.filter((v) => !described.includes(v)) }).toEqual({
        name,
        undescribed: [],
      });
    }
  });

  it('loads the demo, sends reports to Mailpit and reaches the services by name', () => {
    for (const { name, service } of app) {
      const env = service.environment ?? {};
      const config = loadConfig(env);
      expect({ name, env: config.env }).not.toEqual({ name, env: 'production' });
      expect({ name, demo: config.demo }).toEqual({ name, demo: true });
      expect(env.ACCORD_ADMIN_EMAIL).toBeUndefined();
      expect(config.smtpUrl).toBe('smtp://mailpit:1025');
      expect(new URL(config.databaseUrl).hostname).toBe('postgres');
      expect(new URL(config.redisUrl).hostname).toBe('redis');
    }
    const port = loadConfig(services.api.environment ?? {}).port;
    expect(services.api.ports).toEqual([expect.stringMatching(new RegExp(`:${port}$`))]);
  });
});

describe('the README', () => {
  it('says where the Dockerfile and the deployment documents are', () => {
    const readme = readText('README.md');
    const named = ['Dockerfile', 'infra/k8s', 'docs/OPERATIONS.md', 'docs/SCALING.md'];
    expect(named.filter((file) => !readme.includes(file))).toEqual([]);
    expect(named.filter((file) => !existsSync(path.join(ROOT, file)))).toEqual([]);
  });
});
