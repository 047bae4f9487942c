/** Where a signed-in visitor lands when no (usable) `next` was given. */
export const HOME = '/partnerships';

/** The longest `next` taken; a longer one is no page of ours. */
export const NEXT_LIMIT = 2_000;

const ORIGIN = 'https://accord.invalid';

/**
 * The page to go to after signing in: only a path on this site. `//evil.example` and
 * `/\evil.example` are read by browsers as other hosts, and an absolute URL is another site
 * altogether, so each of those, and anything that resolves off this origin, falls back to HOME.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > NEXT_LIMIT) return HOME;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return HOME;
  // Control characters and whitespace are stripped by URL parsers in ways that can turn a path
  // into a host; a path of ours never has them unencoded.
  if ([...next].some((c) => c <= ' ' || c === '\u007f' || c === '\\')) return HOME;
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return HOME;
  }
  // Dot segments fold away as the URL is read: `/.//evil.example` becomes `//evil.example`,
  // which a browser would read as another host. What leaves must itself be a plain path.
  if (url.origin !== ORIGIN || url.pathname.startsWith('//')) return HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}
