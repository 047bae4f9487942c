import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '@accord/platform';
import { createTestApp, TestApp } from '@accord/testing';
import type { IDeployment } from 'kubernetes-models/apps/v1';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import type { IJob } from 'kubernetes-models/batch/v1';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { IConfigMap, IContainer, IPodSpec, ISecret, IService } from 'kubernetes-models/v1';
import { sql } from 'kysely';
import {
  KNOWN_VARIABLES,
  parseDockerfile,
  ROOT,
  readText,
  readYamlDocuments,
  scriptCommand,
  sourceOf,
} from './deployment-files';

const DIR = 'infra/k8s';

type KubernetesObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
};
type Manifest = { file: string; object: KubernetesObject };
type Workload = { name: string; pod: IPodSpec };

const kustomization = readYamlDocuments(`${DIR}/kustomization.yaml`)[0] as {
  resources: string[];
  images?: { name: string }[];
};
const manifests: Manifest[] = kustomization.resources.flatMap((file) =>
  readYamlDocuments(`${DIR}/${file}`).map((object) => ({
    file,
    object: object as KubernetesObject,
  })),
);
const all = (kind: string) => manifests.filter((m) => m.object.kind === kind).map((m) => m.object);
const one = <T>(kind: string, name: string): T => {
  const found = manifests.find((m) => m.object.kind === kind && m.object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in ${DIR}`);
  return found.object as T;
};

const apiDeployment = one<IDeployment>('Deployment', 'accord-api');
const workerDeployment = one<IDeployment>('Deployment', 'accord-worker');
const migrateJob = one<IJob>('Job', 'accord-migrate');
const configMap = one<IConfigMap>('ConfigMap', 'accord-config');
const secret = one<ISecret>('Secret', 'accord-secrets');

type PodOwner = { metadata?: { name?: string }; spec?: { template: { spec?: IPodSpec } } };
const podOf = (owner: PodOwner): IPodSpec => {
  const pod = owner.spec?.template.spec;
  if (!pod) throw new Error(`${owner.metadata?.name} has no pod template`);
  return pod;
};
const workloads: Workload[] = [
  ...all('Deployment').map((d) => d as IDeployment),
  ...all('Job').map((j) => j as IJob),
].map((w) => ({
  name: w.metadata?.name ?? '',
  pod: podOf(w),
}));
const containers = (pod: IPodSpec): IContainer[] => [
  ...(pod.initContainers ?? []),
  ...pod.containers,
];
const apiContainer = podOf(apiDeployment).containers[0];

/** The environment every container gets: the ConfigMap and the Secret it names, then env. */
function environmentOf(container: IContainer): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      Object.assign(env, one<IConfigMap>('ConfigMap', source.configMapRef.name ?? '').data);
    }
    if (source.secretRef) {
      Object.assign(env, one<ISecret>('Secret', source.secretRef.name ?? '').stringData);
    }
  }
  for (const variable of container.env ?? []) env[variable.name] = variable.value ?? '';
  return env;
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  Object.keys(selector ?? {}).length > 0 &&
  Object.entries(selector ?? {}).every(([key, value]) => labels[key] === value);

describe('the Kubernetes manifests in infra/k8s', () => {
  it('are all listed in the kustomization, and everything it lists exists', () => {
    const files = readdirSync(path.join(ROOT, DIR)).filter(
      (file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml',
    );
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it('are each a valid object of the Kubernetes API', async () => {
    for (const { file, object } of manifests) {
      const models = (await import(`kubernetes-models/${object.apiVersion}`)) as Record<
        string,
        new (
          data: unknown,
        ) => { validate(): void }
      >;
      const Model = models[object.kind];
      if (!Model) throw new Error(`${file}: no ${object.apiVersion} ${object.kind} in Kubernetes`);
      try {
        new Model(object).validate();
      } catch (error) {
        throw new Error(`${file}: ${object.kind} ${object.metadata?.name}: ${error}`);
      }
    }
  });

  it('hold what a deployment needs, each under its own name', () => {
    const kinds = manifests.map((m) => m.object.kind).sort();
    expect(kinds).toEqual(
      expect.arrayContaining([
        'ConfigMap',
        'Deployment',
        'Deployment',
        'HorizontalPodAutoscaler',
        'Job',
        'Namespace',
        'PodDisruptionBudget',
        'Secret',
        'Service',
      ]),
    );
    const names = manifests.map((m) => `${m.object.kind}/${m.object.metadata.name}`);
    expect(new Set(names).size).toBe(names.length);
    expect(all('Namespace').map((n) => n.metadata.name)).toEqual([
      (kustomization as { namespace?: string }).namespace,
    ]);
  });

  it('start the files `npm run build` produces, as package.json starts them', () => {
    for (const { name, pod } of workloads) {
      for (const container of containers(pod)) {
        const [node, file, ...rest] = container.command ?? [];
        expect({ workload: name, node, rest, args: container.args }).toEqual({
          workload: name,
          node: 'node',
          rest: [],
          args: undefined,
        });
        expect({ file, source: sourceOf(file) }).toEqual({ file, source: expect.any(String) });
      }
    }
    const commandOf = (owner: PodOwner) => podOf(owner).containers[0].command;
    expect(commandOf(apiDeployment)).toEqual(scriptCommand('start:api'));
    expect(commandOf(workerDeployment)).toEqual(scriptCommand('start:worker'));
    expect(commandOf(migrateJob)).toEqual(scriptCommand('migrate'));
  });

  it('run the image the kustomization names, as the Dockerfile user, never as root', () => {
    const imageNames = (kustomization.images ?? []).map((image) => image.name);
    const user = parseDockerfile(readText('Dockerfile'))
      .stages.at(-1)
      ?.instructions.filter((i) => i.keyword === 'USER')
      .at(-1)?.args;
    for (const { name, pod } of workloads) {
      expect({ name, ...pod.securityContext }).toMatchObject({
        name,
        runAsNonRoot: true,
        runAsUser: Number(user?.split(':')[0]),
      });
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const container of containers(pod)) {
        expect(imageNames).toContain(container.image);
        expect({ name, ...container.securityContext }).toMatchObject({
          name,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.resources?.requests).toEqual({
          cpu: expect.any(String),
          memory: expect.any(String),
        });
        expect(container.resources?.limits?.memory).toEqual(expect.any(String));
      }
    }
  });

  it('set only variables the configuration reads, secrets in the Secret', () => {
    for (const { name, pod } of workloads) {
      for (const container of containers(pod)) {
        const unknown = Object.keys(environmentOf(container)).filter(
          (variable) => !KNOWN_VARIABLES.includes(variable),
        );
        expect({ name, unknown }).toEqual({ name, unknown: [] });
        expect(environmentOf(container)).toEqual(environmentOf(apiContainer));
      }
    }
    expect(Object.keys(secret.stringData ?? {})).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'JWT_SECRET', 'SMTP_URL']),
    );
    const plain = Object.keys(configMap.data ?? {});
    expect(plain).not.toEqual(expect.arrayContaining(['DATABASE_URL']));
    expect(plain.filter((variable) => /SECRET|TOKEN|PASSWORD/.test(variable))).toEqual([]);
  });

  /** The Secret's values once the operator has replaced the placeholders meant to be refused. */
  const replaced = (env: Record<string, string>) => ({
    ...env,
    JWT_SECRET: 'x'.repeat(48),
    METRICS_TOKEN: 'y'.repeat(24),
  });

  it('are refused by the configuration until the secret placeholders are replaced', () => {
    const env = environmentOf(apiContainer);
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/JWT_SECRET.*METRICS_TOKEN|METRICS_TOKEN.*JWT_SECRET/);

    const config = loadConfig(replaced(env));
    expect(config).toMatchObject({ env: 'production', demo: false, smtpUrl: expect.any(String) });
  });

  it('serve the API on the port the configuration sets, behind the Service', () => {
    const config = loadConfig(replaced(environmentOf(apiContainer)));
    expect(apiContainer.ports).toEqual([{ name: 'http', containerPort: config.port }]);

    const service = one<IService>('Service', 'accord-api');
    const apiLabels = apiDeployment.spec?.template.metadata?.labels ?? {};
    expect(matches(service.spec?.selector, apiLabels)).toBe(true);
    expect(service.spec?.ports?.map((p) => p.targetPort)).toEqual(['http']);
    const workerLabels = workerDeployment.spec?.template.metadata?.labels ?? {};
    expect(matches(service.spec?.selector, workerLabels)).toBe(false);
  });

  it('select their own pods: Deployments, the autoscaler and the disruption budgets', () => {
    for (const deployment of [apiDeployment, workerDeployment]) {
      const labels = deployment.spec?.template.metadata?.labels ?? {};
      expect(matches(deployment.spec?.selector.matchLabels, labels)).toBe(true);
    }
    const hpa = one<IHorizontalPodAutoscaler>('HorizontalPodAutoscaler', 'accord-api');
    expect(hpa.spec?.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'accord-api',
    });
    expect(hpa.spec?.minReplicas).toBeGreaterThanOrEqual(2);
    // The autoscaler owns the count: a replica count here would reset it on every apply.
    expect(apiDeployment.spec?.replicas).toBeUndefined();

    const budgets = all('PodDisruptionBudget') as IPodDisruptionBudget[];
    const covered = [apiDeployment, workerDeployment].map((deployment) =>
      budgets.some((pdb) =>
        matches(pdb.spec?.selector?.matchLabels, deployment.spec?.template.metadata?.labels ?? {}),
      ),
    );
    expect(covered).toEqual([true, true]);
  });

  describe('probes', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp();
    });
    afterAll(() => app.close());

    it('ask the API for readiness on /health/ready and liveness on /health/live', () => {
      expect(apiContainer.readinessProbe?.httpGet?.path).toBe('/health/ready');
      expect(apiContainer.livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(apiContainer.startupProbe?.httpGet?.path).toBe('/health/live');
    });

    it('hit routes the running API answers with 200, on its named port', async () => {
      const probes = workloads.flatMap(({ pod }) =>
        containers(pod).flatMap((container) =>
          [container.readinessProbe, container.livenessProbe, container.startupProbe]
            .filter((probe) => probe?.httpGet !== undefined)
            .map((probe) => ({ container, get: probe?.httpGet })),
        ),
      );
      expect(probes.length).toBeGreaterThan(0);
      for (const { container, get } of probes) {
        expect(container.ports?.map((p) => p.name)).toContain(get?.port);
        const res = await app.http().get(get?.path ?? '');
        expect({ path: get?.path, status: res.status }).toEqual({ path: get?.path, status: 200 });
      }
    });

    it('hold a new worker back from ready while a projection is building', async () => {
      const worker = podOf(workerDeployment).containers[0];
      const command = worker.readinessProbe?.exec?.command ?? [];
      expect(command.slice(0, 2)).toEqual(['node', '-e']);
      const probe = (databaseUrl: string) =>
        spawnSync(command[0], command.slice(1), {
          cwd: ROOT,
          env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl },
          timeout: (worker.readinessProbe?.timeoutSeconds ?? 1) * 1000,
        }).status;

      expect(probe(app.database.url)).toBe(0);
      await sql`
        insert into projection_checkpoints (name, version, status, tables)
        values ('infra_probe', 2, 'building', '{}')`.execute(app.database.db);
      expect(probe(app.database.url)).toBe(1);
      await sql`
        update projection_checkpoints set status = 'live' where name = 'infra_probe'`.execute(
        app.database.db,
      );
      expect(probe(app.database.url)).toBe(0);
      expect(probe('postgres://postgres@127.0.0.1:1/accord')).toBe(1);
    });
  });
});
