import type { Migration } from 'kysely';
import * as eventStore from './20261123180000_event-store';
import * as projections from './20261123180100_projection-checkpoints';
import * as identity from './20261123181000_identity';
import * as eventStoreAppend from './20261123182000_event-store-append';
import * as ledgerWrites from './20261123190100_ledger-writes';
import * as readModels from './20261123190200_read-models';
import * as reports from './20261123190300_reports';
import * as timelineOrder from './20261123200000_timeline-order';
import * as accessHardening from './20261128040000_access-hardening';
import * as appRole from './20261128041000_app-role';
import * as reportRequests from './20261128042000_report-requests';
import * as appendFirstAsksWhether from './20261128100000_append-first-asks-whether';
import * as reportRequestChannel from './20261129090000_report-request-channel';
import * as revokedSessions from './20261201090000_revoked-sessions';
import * as erasureClearsRecipients from './20261201091000_erasure-clears-recipients';

/** Every migration, in order. Forward-only: a released migration is never edited. */
export const migrations: Record<string, Migration> = {
  '20261123180000_event-store': eventStore,
  '20261123180100_projection-checkpoints': projections,
  '20261123181000_identity': identity,
  '20261123182000_event-store-append': eventStoreAppend,
  '20261123190100_ledger-writes': ledgerWrites,
  '20261123190200_read-models': readModels,
  '20261123190300_reports': reports,
  '20261123200000_timeline-order': timelineOrder,
  '20261128040000_access-hardening': accessHardening,
  '20261128041000_app-role': appRole,
  '20261128042000_report-requests': reportRequests,
  '20261128100000_append-first-asks-whether': appendFirstAsksWhether,
  '20261129090000_report-request-channel': reportRequestChannel,
  '20261201090000_revoked-sessions': revokedSessions,
  '20261201091000_erasure-clears-recipients': erasureClearsRecipients,
};
