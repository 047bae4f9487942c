import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export type OidcAccountClaims = { email_verified?: boolean; email?: string };

export type TestOidcProvider = {
  issuer: string;
  /** OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET for an Accord that trusts it. */
  env: Record<string, string>;
  stop(): Promise<void>;
};

const SCRIPT = path.join(__dirname, 'oidc-test-provider.mjs');

/**
 * A real OpenID provider (oidc-provider) in a process of its own on loopback, with one client
 * (PKCE required) redirecting to `redirectUri`. Any login signs in, its e-mail the login itself
 * and verified, unless `accounts` gives that login other claims.
 * Its issuer is `http://localhost:…`, another site than Accord's `127.0.0.1`, as a real
 * provider is.
 */
export async function startOidcProvider(options: {
  redirectUri: string;
  accounts?: Record<string, OidcAccountClaims>;
}): Promise<TestOidcProvider> {
  const clientId = 'accord-test';
  const clientSecret = 'accord-test-client-secret';
  const child = spawn(process.execPath, [SCRIPT], {
    env: {
      PATH: process.env.PATH ?? '',
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_REDIRECT_URIS: options.redirectUri,
      OIDC_ACCOUNTS: JSON.stringify(options.accounts ?? {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => resolve((JSON.parse(line) as { issuer: string }).issuer));
    child.once('exit', (code) =>
      reject(new Error(`the test provider exited (${code}): ${stderr}`)),
    );
  });
  return {
    issuer,
    env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret },
    stop: () => stopProcess(child),
  };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Signs `login` in at the provider as a person would through its development login and consent
 * forms, starting from the authorisation address Accord sent the browser to; the address the
 * provider then sends the browser back to (Accord's callback, with `code` and `state`).
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const cookies = new Map<string, string>();
  const origin = new URL(authorizationUrl).origin;
  let url = new URL(authorizationUrl);
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 12; step++) {
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      body,
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    body = undefined;
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url);
      if (url.origin !== origin) return url;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (response.status !== 200 || !action || !prompt) {
      throw new Error(`the provider answered ${response.status} at ${url}: ${html.slice(0, 500)}`);
    }
    url = new URL(action, url);
    body = new URLSearchParams(
      prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt },
    );
  }
  throw new Error('the provider never sent the browser back');
}
