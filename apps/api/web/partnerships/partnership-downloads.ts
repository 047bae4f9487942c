import { todayInLondon } from '@accord/ledger';
import { PartnershipReads } from '@accord/read-models';
import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import {
  type RegisterFormat,
  sendSavingsRegister,
} from '../../partnerships/get-savings-register/savings-register-download';
import { parseReadQuery } from '../../partnerships/shared/read-query';

/**
 * `GET /partnerships/:id/savings.csv|.xlsx[?asOf]`: the API's register files for a person signed
 * in on the pages, as of the date their partnership page showed.
 */
@Injectable()
export class PartnershipDownloads {
  constructor(private readonly reads: PartnershipReads) {}

  async register(
    format: RegisterFormat,
    partnershipId: string,
    query: Record<string, unknown>,
    response: Response,
  ): Promise<void> {
    const now = new Date();
    const { asOf } = parseReadQuery(query, ['asOf'], now);
    await sendSavingsRegister(
      this.reads,
      format,
      partnershipId,
      asOf ?? todayInLondon(now),
      undefined,
      response,
    );
  }
}
