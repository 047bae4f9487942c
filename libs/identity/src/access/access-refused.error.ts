/**
 * The authorisation policy's "no", as the identity services say it, whoever asks: the API and
 * the pages answer `refused` with 403 and `not_found` with 404 (apps/api/http/error-map.ts), the
 * command line exits 4 or 3 (apps/cli/shared/exit-codes.ts). `not_found` is what a caller gets
 * outside their own organisation, so that ids cannot be probed (SPEC §1).
 */
export class AccessRefusedError extends Error {
  override readonly name = 'AccessRefusedError';

  constructor(
    readonly kind: 'refused' | 'not_found',
    message: string,
  ) {
    super(message);
  }
}

export const ROLE_REFUSED = 'Your role does not allow this';

export function roleRefused(): AccessRefusedError {
  return new AccessRefusedError('refused', ROLE_REFUSED);
}
