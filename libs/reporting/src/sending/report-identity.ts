import type { Month } from '@accord/ledger';
import { v5 as uuidv5 } from 'uuid';

/**
 * The Message-ID of a partnership's report for a month: the same on every attempt, so a mail
 * client that receives it twice (the one window the README describes) can tell it is one message.
 */
export function reportMessageId(partnershipId: string, month: Month): string {
  return `<report-${partnershipId.toLowerCase()}-${month}@accord>`;
}

/** The id of the `MonthlyReportSent` event: a retried append of it is recognised and written once. */
export function reportSentEventId(partnershipId: string, month: Month): string {
  return uuidv5(`MonthlyReportSent\n${partnershipId.toLowerCase()}\n${month}`, REPORTS_NAMESPACE);
}

/** The namespace of the report's name-based (version 5) ids: a fixed random uuid. */
const REPORTS_NAMESPACE = '0b5d6f0e-9c2a-4b7e-8d1f-3a5c7e9b2d4f';
