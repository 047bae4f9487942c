import { OIDC_FLOW_SECONDS, OidcFlowSeal } from './oidc-flow-seal';

const FLOW = { state: 'state-1', nonce: 'nonce-1', verifier: 'verifier-1' };
const NOW = Date.UTC(2026, 0, 5, 12);

describe('the sealed sign-in flow', () => {
  const seal = new OidcFlowSeal('a shared signing secret of at least 32 characters');

  it('opens in any process with the same secret, with next and when it began', () => {
    const sealed = seal.seal(FLOW, '/partnerships', NOW);
    const elsewhere = new OidcFlowSeal('a shared signing secret of at least 32 characters');
    expect(elsewhere.open(sealed, NOW + 1000)).toEqual({
      ...FLOW,
      next: '/partnerships',
      issuedAt: NOW / 1000,
    });
  });

  it('does not open under another secret', () => {
    const sealed = seal.seal(FLOW, '/', NOW);
    expect(new OidcFlowSeal('another secret of at least 32 characters!').open(sealed, NOW)).toBe(
      undefined,
    );
  });

  it('does not open once altered', () => {
    const [payload, mac] = seal.seal(FLOW, '/', NOW).split('.');
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const altered = Buffer.from(JSON.stringify({ ...body, state: 'state-2' })).toString(
      'base64url',
    );
    expect(seal.open(`${altered}.${mac}`, NOW)).toBeUndefined();
    expect(seal.open(`${payload}.${mac.slice(1)}`, NOW)).toBeUndefined();
    expect(seal.open(`${payload}.${mac}.x`, NOW)).toBeUndefined();
    expect(seal.open('', NOW)).toBeUndefined();
    expect(seal.open(undefined, NOW)).toBeUndefined();
  });

  it(`opens for ${OIDC_FLOW_SECONDS} seconds, and not after`, () => {
    const sealed = seal.seal(FLOW, '/', NOW);
    expect(seal.open(sealed, NOW + OIDC_FLOW_SECONDS * 1000)).toBeDefined();
    expect(seal.open(sealed, NOW + (OIDC_FLOW_SECONDS + 1) * 1000)).toBeUndefined();
    expect(seal.open(sealed, NOW - 1000)).toBeUndefined();
  });
});
