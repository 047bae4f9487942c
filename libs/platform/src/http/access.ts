import { SetMetadata } from '@nestjs/common';

/**
 * The metadata key under which every route declares who may call it. The one guard reads it;
 * a route that declares nothing stops the application from starting, so no route is ever open
 * by omission or by the way its path happens to be written.
 */
export const ACCESS = 'accord:access';

/** Open to anyone: sign-in, health, metrics (which checks its own token). */
export const Public = () => SetMetadata(ACCESS, { kind: 'public' });
