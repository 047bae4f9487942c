import { pipeline } from 'node:stream/promises';
import type { CalendarDate } from '@accord/ledger';
import {
  type PartnershipReads,
  savingsRegisterCsvStream,
  writeSavingsWorkbook,
} from '@accord/read-models';
import type { Response } from 'express';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type RegisterFormat = 'csv' | 'xlsx';

/**
 * Sends the savings register as a file to save (SPEC §7), the API's and the pages' alike: CSV or
 * the Excel workbook, written to the socket as it is made. Everything that can fail for the
 * asking (no such partnership, a read model down) fails before the first byte, as a JSON or page
 * error; a failure after it can only cut the file short, and the connection is closed so the
 * browser reports the download failed rather than keeping half a file.
 */
export async function sendSavingsRegister(
  reads: PartnershipReads,
  format: RegisterFormat,
  partnershipId: string,
  asOf: CalendarDate,
  knownAt: Date | undefined,
  response: Response,
): Promise<void> {
  const { rows, progress } = await reads.savingsRegisterDownload(partnershipId, asOf, knownAt);
  response
    .status(200)
    .setHeader('Cache-Control', 'no-store')
    .attachment(`savings-register-${asOf}.${format}`)
    .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE);
  try {
    if (format === 'csv') await pipeline(savingsRegisterCsvStream(rows), response);
    else {
      await writeSavingsWorkbook(response, rows, progress);
      response.end();
    }
  } catch (error) {
    response.destroy(error as Error);
  }
}
