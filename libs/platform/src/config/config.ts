import { isIP } from 'node:net';
import { z } from 'zod';

const url = (protocols: readonly string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    `must be a ${protocols.map((p) => `${p}://`).join(' or ')} URL`,
  );

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce
      .number({ message: 'must be a port number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(3000),
    DATABASE_URL: url(['postgres', 'postgresql']).default(
      'postgres://postgres@127.0.0.1:5432/accord',
    ),
    REDIS_URL: url(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z.string().min(1).default('accord'),
    SMTP_URL: url(['smtp', 'smtps']).optional(),
    MAIL_FROM: z.string().min(3).default('Accord <reports@accord.invalid>'),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    PUBLIC_URL: url(['http', 'https']).optional(),
    ACCORD_ADMIN_EMAIL: z.email('must be an e-mail address').optional(),
    ACCORD_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    LOG_FORMAT: z.enum(['json', 'pretty'], { message: 'must be json or pretty' }).optional(),
    OUTBOX_DIR: z.string().min(1).default('./outbox'),
    TRUST_PROXY: z
      .string()
      .default('loopback')
      .refine(
        isTrustProxy,
        'must be loopback, false, or a comma-separated list of addresses/CIDRs',
      ),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    ACCORD_DEMO: z.string().default('on'),
    OTEL_EXPORTER_OTLP_ENDPOINT: url(['http', 'https']).optional(),
    OIDC_ISSUER: z
      .string()
      .refine(
        isIssuerUrl,
        'must be an https:// URL (http:// only on a loopback address, for tests and development)',
      )
      .optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required in production' });
    }
  });

export type AppConfig = Readonly<{
  env: 'development' | 'test' | 'production';
  port: number;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Unset: a random secret is generated once and kept in the database (SPEC §6). */
  jwtSecret: string | undefined;
  publicUrl: string;
  admin: { email: string; password: string } | undefined;
  logLevel: string;
  /**
   * `LOG_FORMAT` as given: `json` (one object a line, for machines) or `pretty` (lines for a
   * person). Unset: JSON in production, and elsewhere pretty only on a terminal.
   */
  logFormat: 'json' | 'pretty' | undefined;
  outboxDir: string;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe. */
  trustProxy: boolean | string[];
  metricsToken: string | undefined;
  demo: boolean;
  /** Signing in with the organisation's identity provider (SPEC §11); unset: passwords only. */
  oidc: OidcConfig | undefined;
}>;

export type OidcConfig = Readonly<{ issuer: string; clientId: string; clientSecret: string }>;

const OIDC_VARIABLES = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

const TRUST_PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function trustProxyEntries(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** `false`, or names and addresses Express's proxy-addr understands: `loopback`, `10.0.0.0/8`. */
function isTrustProxy(value: string): boolean {
  if (value === 'false') return true;
  const entries = trustProxyEntries(value);
  return (
    entries.length > 0 &&
    entries.every((entry) => {
      if (TRUST_PROXY_NAMES.has(entry)) return true;
      const [address, bits, ...rest] = entry.split('/');
      if (rest.length > 0 || isIP(address) === 0) return false;
      if (bits === undefined) return true;
      const max = isIP(address) === 4 ? 32 : 128;
      return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
    })
  );
}

/**
 * An identity provider is reached over https; plain http is let through for a provider on this
 * machine only, where nothing on the network can read or alter what passes.
 */
function isIssuerUrl(value: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname);
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parseTrustProxy(value: string): boolean | string[] {
  return value === 'false' ? false : trustProxyEntries(value);
}

/** Reads the environment once; every process calls this before anything else starts. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`),
    );
  }
  const c = parsed.data;
  if (Boolean(c.ACCORD_ADMIN_EMAIL) !== Boolean(c.ACCORD_ADMIN_PASSWORD)) {
    throw new ConfigError([
      `${c.ACCORD_ADMIN_EMAIL ? 'ACCORD_ADMIN_PASSWORD' : 'ACCORD_ADMIN_EMAIL'} is required when the other is set`,
    ]);
  }
  // All three or none: a half-configured sign-in would only fail later, in front of a person.
  const oidcSet = OIDC_VARIABLES.filter((name) => c[name] !== undefined);
  if (oidcSet.length > 0 && oidcSet.length < OIDC_VARIABLES.length) {
    const missing = OIDC_VARIABLES.filter((name) => c[name] === undefined);
    throw new ConfigError([
      `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} required when ${oidcSet.join(' and ')} ${oidcSet.length === 1 ? 'is' : 'are'} set`,
    ]);
  }
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    databaseUrl: c.DATABASE_URL,
    redisUrl: c.REDIS_URL,
    redisPrefix: c.REDIS_PREFIX,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    jwtSecret: c.JWT_SECRET,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    admin:
      c.ACCORD_ADMIN_EMAIL && c.ACCORD_ADMIN_PASSWORD
        ? { email: c.ACCORD_ADMIN_EMAIL, password: c.ACCORD_ADMIN_PASSWORD }
        : undefined,
    logLevel: c.LOG_LEVEL,
    logFormat: c.LOG_FORMAT,
    outboxDir: c.OUTBOX_DIR,
    trustProxy: parseTrustProxy(c.TRUST_PROXY),
    metricsToken: c.METRICS_TOKEN,
    demo: c.ACCORD_DEMO !== 'off',
    oidc:
      c.OIDC_ISSUER && c.OIDC_CLIENT_ID && c.OIDC_CLIENT_SECRET
        ? {
            issuer: c.OIDC_ISSUER,
            clientId: c.OIDC_CLIENT_ID,
            clientSecret: c.OIDC_CLIENT_SECRET,
          }
        : undefined,
  };
}

/** Loads the configuration or stops the process with one line naming what is wrong. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Every environment variable the configuration reads, for checks of what deployments set. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);
