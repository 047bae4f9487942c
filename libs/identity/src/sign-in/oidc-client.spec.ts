import * as oidc from 'openid-client';
import { failureOf, identityOf } from './oidc-client';

describe("what the provider's claims vouch for", () => {
  it.each([
    [{ email: 'ada@council.test', email_verified: true }, true],
    [{ email: 'ada@council.test', email_verified: false }, false],
    [{ email: 'ada@council.test' }, false],
    // Only a boolean true: a string is no claim the standard knows.
    [{ email: 'ada@council.test', email_verified: 'true' }, false],
    // Entra ID sends no email_verified; its xms_edov says the same.
    [{ email: 'ada@council.test', xms_edov: true }, true],
    [{ email: 'ada@council.test', xms_edov: false }, false],
    // Where email_verified is sent, it decides, whatever xms_edov says.
    [{ email: 'ada@council.test', email_verified: false, xms_edov: true }, false],
  ])('%j: verified %s', (claims, verified) => {
    expect(identityOf(claims)).toEqual({ email: 'ada@council.test', emailVerified: verified });
  });

  it('has no e-mail where the claims have none that is text', () => {
    expect(identityOf({ email: 42, email_verified: true })).toEqual({
      email: undefined,
      emailVerified: true,
    });
  });
});

describe("openid-client's errors, as the pages a person sees", () => {
  const response = new Response('{}', { status: 400 });

  it.each([
    [
      new oidc.AuthorizationResponseError('denied', {
        cause: new URLSearchParams({ error: 'access_denied' }),
      }),
      'refused',
    ],
    [new oidc.ResponseBodyError('grant', { cause: { error: 'invalid_grant' }, response }), 'code'],
    [
      new oidc.ResponseBodyError('client', { cause: { error: 'invalid_client' }, response }),
      'unavailable',
    ],
    [
      new oidc.ClientError('nonce', { code: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' } as never),
      'token',
    ],
    [new oidc.ClientError('exp', { code: 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED' } as never), 'token'],
    [new oidc.ClientError('slow', { code: 'OAUTH_TIMEOUT' } as never), 'unavailable'],
    [
      new oidc.ClientError('5xx', { code: 'OAUTH_RESPONSE_IS_NOT_CONFORM' } as never),
      'unavailable',
    ],
    [new TypeError('fetch failed'), 'unavailable'],
    [
      new oidc.ClientError('something went wrong', { cause: new TypeError('fetch failed') }),
      'unavailable',
    ],
    [new Error('anything else'), 'token'],
  ])('%s → %s', (error, reason) => {
    expect(failureOf(error).reason).toBe(reason);
  });
});
