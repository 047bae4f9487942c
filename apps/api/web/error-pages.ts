import { type Caller, SESSION_COOKIE } from '@accord/identity';
import type { ErrorBody } from '@accord/platform';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PageRenderer } from './page-renderer';
import { NEXT_LIMIT } from './session/safe-next';
import { FormRefused } from './session/same-origin-forms.guard';
import { SessionCookie } from './session/session-cookie';

const PAGES: Readonly<Record<number, { title: string; paragraphs: string[] }>> = {
  400: { title: 'That address is not right', paragraphs: [] },
  403: {
    title: 'You cannot do this',
    paragraphs: [
      'Your role does not allow this. Ask an admin of your organisation if you need to.',
    ],
  },
  404: {
    title: 'Page not found',
    paragraphs: [
      'There is no such page, or it belongs to a partnership your organisation is not part of.',
    ],
  },
  409: { title: 'That cannot be done now', paragraphs: [] },
  503: {
    title: 'Sorry, the service is unavailable',
    paragraphs: ['Accord is bringing its figures up to date. Try again in a few seconds.'],
  },
};

/**
 * An error on a page, as a page: no session → sign in and come back (303, so the browser
 * follows with a GET); anything else a GOV.UK error page with the status the API would answer.
 */
@Injectable()
export class ErrorPages {
  constructor(
    private readonly pages: PageRenderer,
    private readonly cookie: SessionCookie,
  ) {}

  async send(
    request: Request & { caller?: Caller },
    response: Response,
    body: ErrorBody,
    exception: unknown,
  ): Promise<void> {
    const status = body.statusCode;
    if (status === 401) {
      if (request.headers.cookie?.includes(`${SESSION_COOKIE}=`))
        this.cookie.clear(request, response);
      // An address longer than sign-in takes back is left out rather than sent on: encoded, it
      // made a Location header of tens of kilobytes, more than Node and most proxies read.
      const next =
        request.method === 'GET' && request.originalUrl.length <= NEXT_LIMIT
          ? request.originalUrl
          : '';
      response.redirect(
        303,
        next === '' || next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`,
      );
      return;
    }
    const known = PAGES[status];
    const page =
      exception instanceof FormRefused
        ? {
            title: 'Form refused',
            paragraphs: [body.message, 'Go to the sign-in page and try again from there.'],
          }
        : known
          ? {
              title: known.title,
              paragraphs: known.paragraphs.length ? known.paragraphs : [body.message],
            }
          : status >= 500
            ? {
                title: 'Sorry, there is a problem with the service',
                paragraphs: [
                  'Try again later. If it keeps happening, tell us what you were doing.',
                ],
              }
            : { title: 'That did not work', paragraphs: [body.message] };
    // On a 5xx the layout asks nothing more of the database that may be what failed.
    await this.pages.send(
      response,
      status,
      'problem',
      page,
      status >= 500 ? undefined : request.caller,
    );
  }
}
