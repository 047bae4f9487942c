import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { CONFIG_VARIABLES } from '@accord/platform';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';

/** Reading the deployment files as a build, Docker or Kubernetes would, to check them against the code. */

export const ROOT = path.join(__dirname, '..', '..');

export function readText(relative: string): string {
  return readFileSync(path.join(ROOT, relative), 'utf8');
}

/**
 * Variables announced for deployments that libs/platform/src/config/config.ts does not read yet:
 * the OpenTelemetry exporter's endpoint (which the OpenTelemetry SDK may read by itself rather
 * than through the configuration). TRUST_PROXY, METRICS_TOKEN and ACCORD_DEMO were here until
 * the configuration read them. A name leaves the list by itself once CONFIG_VARIABLES has it.
 */
export const ARRIVING_VARIABLES: readonly string[] = ['OTEL_EXPORTER_OTLP_ENDPOINT'].filter(
  (name) => !CONFIG_VARIABLES.includes(name),
);

export const KNOWN_VARIABLES: readonly string[] = [...CONFIG_VARIABLES, ...ARRIVING_VARIABLES];

/** Every YAML document of a file; a syntax error or a duplicate key fails the read. */
export function readYamlDocuments(relative: string): unknown[] {
  return parseAllDocuments(readText(relative), { merge: true, uniqueKeys: true }).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${relative}: ${doc.errors[0].message}`);
    return doc.toJS();
  });
}

/** `node dist/apps/api/main.js` and the like, as package.json runs them. */
export function scriptCommand(script: string): string[] {
  const scripts = (JSON.parse(readText('package.json')) as { scripts: Record<string, string> })
    .scripts;
  const run = scripts[script];
  const command = run && /node (dist\/\S+\.js)/.exec(run);
  if (!command) throw new Error(`package.json script ${script} runs no node dist/… file`);
  return ['node', command[1]];
}

/** The TypeScript file `npm run build` compiles into a `dist/….js` file, if it exists. */
export function sourceOf(distFile: string): string | undefined {
  const match = /^dist\/((?:apps|libs)\/.+)\.js$/.exec(distFile);
  if (!match) return undefined;
  const source = `${match[1]}.ts`;
  return existsSync(path.join(ROOT, source)) ? source : undefined;
}

/** The variable names in the first column of the README's configuration table. */
export function readmeVariables(): string[] {
  const section =
    readText('README.md')
      .split(/^## Configuration$/m)[1]
      ?.split(/^## /m)[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)])
    .map((match) => match[1]);
}

/** Files below a folder of the repository, as paths relative to the root. */
export function filesUnder(relative: string): string[] {
  return readdirSync(path.join(ROOT, relative), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Whether `npm run build` compiles a file, which tsconfig.build.json excludes by suffix. */
function builtByNpmRunBuild(file: string): boolean {
  const { exclude = [] } = JSON.parse(readText('tsconfig.build.json')) as { exclude?: string[] };
  const suffixes = exclude.map((glob) => glob.replace(/^\*\*\/\*/, ''));
  return file.endsWith('.ts') && !suffixes.some((suffix) => file.endsWith(suffix));
}

/**
 * The npm packages that the code compiled into dist/ loads, each with a file that loads it. Each
 * file is compiled as the build does, so imports of types alone do not count.
 */
export function packagesLoadedAtRunTime(): Map<string, string> {
  const builtins = new Set(builtinModules);
  const found = new Map<string, string>();
  const sources = [...filesUnder('apps'), ...filesUnder('libs')].filter(builtByNpmRunBuild);
  for (const file of sources) {
    const { outputText } = ts.transpileModule(readText(file), {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
      },
    });
    for (const [, , specifier] of outputText.matchAll(/require(?:\.resolve)?\((["'])(.+?)\1\)/g)) {
      if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
      if (specifier.startsWith('@accord/')) continue;
      const parts = specifier.split('/');
      const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      if (builtins.has(name)) continue;
      if (!found.has(name)) found.set(name, file);
    }
  }
  return found;
}

/** The packages `npm ci --omit=dev` installs at the top of node_modules, as the lockfile says. */
export function productionPackages(): Set<string> {
  const lock = JSON.parse(readText('package-lock.json')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  return new Set(
    Object.entries(lock.packages)
      .filter(([key, entry]) => /^node_modules\/(?:@[^/]+\/)?[^/]+$/.test(key) && !entry.dev)
      .map(([key]) => key.slice('node_modules/'.length)),
  );
}

export type DockerInstruction = { keyword: string; flags: string[]; args: string };
export type DockerStage = { image: string; name?: string; instructions: DockerInstruction[] };

/** A Dockerfile's stages and instructions: comments dropped, continued lines joined. */
export function parseDockerfile(text: string): {
  args: Map<string, string>;
  stages: DockerStage[];
} {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    if (/^\s*#/.test(raw)) continue;
    const line = raw.trimEnd();
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    current += line;
    if (current.trim()) logical.push(current.trim());
    current = '';
  }
  const args = new Map<string, string>();
  const stages: DockerStage[] = [];
  for (const line of logical) {
    const [, keyword, rest] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const flags: string[] = [];
    let body = rest;
    for (let flag = /^(--\S+)\s+/.exec(body); flag; flag = /^(--\S+)\s+/.exec(body)) {
      flags.push(flag[1]);
      body = body.slice(flag[0].length);
    }
    const upper = keyword.toUpperCase();
    if (upper === 'ARG' && stages.length === 0) {
      const [name, value = ''] = body.split('=');
      args.set(name, value);
    } else if (upper === 'FROM') {
      const [image, , name] = body.split(/\s+/);
      const resolved = image.replace(/^\$\{?(\w+)\}?$/, (_, arg: string) => args.get(arg) ?? '');
      stages.push({ image: resolved, name, instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push({ keyword: upper, flags, args: body });
    }
  }
  return { args, stages };
}

/** The argument of CMD, ENTRYPOINT or a HEALTHCHECK's CMD, in exec form. */
export function execForm(args: string): string[] {
  const json = args.replace(/^CMD\s+/, '');
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new Error(`not in exec form: ${args}`);
  return parsed as string[];
}

/**
 * Whether .dockerignore keeps a path out of the build context: the last pattern matching the path
 * or one of its parent folders decides, `!` letting it back in, as Docker reads the file.
 */
export function dockerIgnores(patterns: string, file: string): boolean {
  const rules = patterns
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const glob = (negated ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
      const source = glob
        .split(/(\*\*\/|\*\*|\*|\?)/)
        .map((part) => {
          if (part === '**/') return '(?:.*/)?';
          if (part === '**') return '.*';
          if (part === '*') return '[^/]*';
          if (part === '?') return '[^/]';
          return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
        })
        .join('');
      return { negated, pattern: new RegExp(`^${source}$`) };
    });
  const segments = file.split('/');
  const prefixes = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of rules) {
    if (prefixes.some((prefix) => rule.pattern.test(prefix))) ignored = !rule.negated;
  }
  return ignored;
}
