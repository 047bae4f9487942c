import { isParty, mayAct, PartnershipDirectory, type PartnershipParties } from '@accord/identity';
import { Injectable } from '@nestjs/common';
import type { Visitor } from '../session/web-session.guard';
import { PageNotFound } from '../web-errors';

/**
 * The API's tenancy rule for the pages, from the same directory and the same `isParty`/`mayAct`:
 * a partnership the visitor's organisation is not party to is not found (never forbidden); a
 * platform admin is party to all.
 */
@Injectable()
export class PartnershipAccess {
  constructor(private readonly directory: PartnershipDirectory) {}

  async readable(visitor: Visitor, partnershipId: string): Promise<PartnershipParties> {
    const parties = await this.directory.partiesOf('partnership', partnershipId);
    if (!parties || !isParty(visitor.caller, parties) || !mayAct(visitor.caller, parties, 'read')) {
      throw new PageNotFound();
    }
    return parties;
  }
}
