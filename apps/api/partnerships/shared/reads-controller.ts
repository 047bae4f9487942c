import { type CalendarDate, todayInLondon } from '@accord/ledger';
import { PartnershipReads } from '@accord/read-models';
import { Injectable } from '@nestjs/common';
import { parseReadQuery } from './read-query';
import { ReadYourWrites } from './read-your-writes';

/** What a read of figures is for: a business date, and the instant to count what was known by. */
export type DatedRead = { asOf: CalendarDate; knownAt?: Date };

/** A controller of partnership reads: the read models, and the wait for the client's own writes. */
@Injectable()
export abstract class ReadsController {
  constructor(
    protected readonly reads: PartnershipReads,
    protected readonly readYourWrites: ReadYourWrites,
  ) {}

  /**
   * The date (today in Europe/London unless `asOf` says otherwise) and `knownAt` a read of
   * figures asks for, once the read models have processed its `minPosition`.
   */
  protected async dated(query: Readonly<Record<string, unknown>>): Promise<DatedRead> {
    const now = new Date();
    const { asOf, knownAt, minPosition } = parseReadQuery(
      query,
      ['asOf', 'knownAt', 'minPosition'],
      now,
    );
    await this.readYourWrites.after(minPosition);
    return { asOf: asOf ?? todayInLondon(now), knownAt };
  }
}
