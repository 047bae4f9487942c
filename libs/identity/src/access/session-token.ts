import { parse } from 'cookie';
import type { Request } from 'express';

/** The cookie a browser holds its access token in after signing in on a page. */
export const SESSION_COOKIE = 'accord_session';

/** The access token of the request's session cookie, if it carries one. */
export function sessionTokenOf(request: Pick<Request, 'headers'>): string | undefined {
  const header = request.headers.cookie;
  return header ? parse(header)[SESSION_COOKIE] || undefined : undefined;
}
