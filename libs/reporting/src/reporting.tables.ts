import type { Generated, Kysely, Transaction } from 'kysely';

/** The tables the reporting module owns (created by the migrations `reports` onwards). */
export type ReportSendStatus = 'claimed' | 'sending' | 'sent' | 'failed';

export interface ReportSendsTable {
  partnership_id: string;
  month: string;
  status: ReportSendStatus;
  owner: string | null;
  lease_until: Date | null;
  known_at: Date;
  message_id: string;
  attempts: Generated<number>;
  last_error: string | null;
  sent_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ReportRecipientsTable {
  id: string;
  partnership_id: string;
  email: string;
  name: string;
  created_at: Generated<Date>;
}

export interface ReportRequestsTable {
  partnership_id: string;
  month: string;
  requested_by: string | null;
  requested_via: 'api' | 'web' | 'cli' | null;
  requested_at: Generated<Date>;
}

export interface ReportingTables {
  report_sends: ReportSendsTable;
  report_recipients: ReportRecipientsTable;
  report_requests: ReportRequestsTable;
}

export type ReportingDb = Kysely<ReportingTables>;
export type ReportingTransaction = Transaction<ReportingTables>;
