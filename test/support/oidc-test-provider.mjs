// A real OpenID provider (oidc-provider) on loopback, for the tests of signing in with the
// organisation's account. oidc-provider is an ES module Jest's CommonJS runtime cannot load, so
// the tests start this file as a process of its own (test/support/oidc-provider.ts).
//
// Environment: OIDC_HOST (the issuer's host name, default localhost), OIDC_CLIENT_ID,
// OIDC_CLIENT_SECRET, OIDC_REDIRECT_URIS (comma-separated) and OIDC_ACCOUNTS, a JSON object
// from a login to claims that replace the default ones ({"email_verified": false}). Any login
// signs in: by default its e-mail is the login itself, verified.
// Prints one line of JSON, {"issuer": …}, once it listens.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const env = process.env;
const host = env.OIDC_HOST ?? 'localhost';
const accounts = JSON.parse(env.OIDC_ACCOUNTS ?? '{}');

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://${host}:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: env.OIDC_CLIENT_ID,
      client_secret: env.OIDC_CLIENT_SECRET,
      redirect_uris: (env.OIDC_REDIRECT_URIS ?? '').split(','),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  // Every authorisation request must carry an S256 code challenge.
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  cookies: { keys: ['accord test provider cookies'] },
  async findAccount(_ctx, id) {
    const claims = { sub: id, email: id, email_verified: true, ...accounts[id] };
    return { accountId: id, claims: async () => claims };
  },
  features: { devInteractions: { enabled: true } },
});

server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
