import type { Caller } from '@accord/identity';
import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { partnershipPath } from '../forms/ledger-fields';
import { LedgerPlaces } from '../forms/ledger-places';
import { LedgerHistory } from '../history/ledger-history';
import { PageRenderer } from '../page-renderer';
import { pageOf } from '../paging';

/**
 * `GET /partnerships/:id/timeline`: every event of the partnership's streams, each said in words
 * (SPEC §7), 50 a page. Newest first, unlike the API's oldest first: a person opens the timeline
 * to see what has happened lately, and the first page is that; the API pages forward by
 * position so that a client keeps in step. The words are worked out oldest first all the same,
 * since a revision says what it replaced.
 */
@Injectable()
export class PartnershipTimelinePage {
  constructor(
    private readonly places: LedgerPlaces,
    private readonly history: LedgerHistory,
    private readonly pages: PageRenderer,
  ) {}

  async show(caller: Caller, partnershipId: string, page: unknown, response: Response) {
    const [partnership, lines] = await Promise.all([
      this.places.partnership(partnershipId),
      this.history.ofPartnership(partnershipId),
    ]);
    const base = `${partnershipPath(partnership.id)}/timeline`;
    const paged = pageOf([...lines].reverse(), page, (n) => `${base}?page=${n}`);
    const named = await this.history.named(paged.items);
    await this.pages.send(
      response,
      200,
      'timeline',
      {
        title: `Timeline of ${partnership.name}`,
        partnership: { name: partnership.name, href: partnershipPath(partnership.id) },
        eventsPage: paged,
        events: named.map((line) => ({
          words: line.words,
          about: line.about,
          who: line.who,
          when: line.when,
        })),
      },
      caller,
    );
  }
}
