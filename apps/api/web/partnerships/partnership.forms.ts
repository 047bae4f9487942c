import { Authorize, ForPartnership, OrganisationsRepository } from '@accord/identity';
import { SERVICE_AREAS } from '@accord/ledger';
import { formatPence, PartnershipLedger, ReportRecipientsRepository } from '@accord/reporting';
import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { ClosePartnershipCommand } from '../../ledger/close-partnership/close-partnership.command';
import { ClosePartnershipRequest } from '../../ledger/close-partnership/close-partnership.request.dto';
import { FormPartnershipCommand } from '../../ledger/form-partnership/form-partnership.command';
import { FormPartnershipRequest } from '../../ledger/form-partnership/form-partnership.request.dto';
import { OpenEngagementCommand } from '../../ledger/open-engagement/open-engagement.command';
import { OpenEngagementRequest } from '../../ledger/open-engagement/open-engagement.request.dto';
import { SetReportRecipientsCommand } from '../../ledger/set-report-recipients/set-report-recipients.command';
import { SetReportRecipientsRequest } from '../../ledger/set-report-recipients/set-report-recipients.request.dto';
import { SetSavingsLineCommand } from '../../ledger/set-savings-line/set-savings-line.command';
import { SetSavingsLineRequest } from '../../ledger/set-savings-line/set-savings-line.request.dto';
import type { FormField } from '../forms/form-fields';
import {
  engagementPath,
  PERIOD,
  partnershipPath,
  radios,
  TITLE,
  whatHappens,
} from '../forms/ledger-fields';
import { partnershipOf } from '../forms/ledger-places';
import { type FormRequest, type FormRoute, pageForm } from '../forms/page-form';
import { SET_UNIT_COST_FORM } from './unit-cost.form';

const SAVINGS_LINE_FIELDS: readonly FormField[] = [
  TITLE,
  { api: 'financialYear', label: 'Financial year', kind: 'text', hint: 'For example, 2026/27' },
  { api: 'targetPence', name: 'target', label: 'Target', kind: 'pounds' },
];

/** The councils a consultancy may form a partnership with, from the list of partnerships. */
async function councilsToPartner(at: FormRequest) {
  const councils = await at.use(OrganisationsRepository).councils();
  return { councils, caption: 'Partnerships', back: '/partnerships' };
}

/**
 * The partnership's report recipients as they are now: the list is what the write replaces, so
 * the write is conditional on the partnership's stream as the list was read.
 */
async function recipientsOf(at: FormRequest) {
  const [found, loaded] = await Promise.all([
    partnershipOf(at),
    at.use(PartnershipLedger).load(at.partnershipId),
  ]);
  if (!loaded) throw new NotFoundException();
  const current = await at
    .use(ReportRecipientsRepository)
    .recipients(found.partnership.id, loaded.state.recipientIds);
  return { ...found, version: loaded.version, current };
}

/** A savings line of the partnership, by the code in the path. */
async function savingsLineOf(at: FormRequest) {
  const found = await partnershipOf(at);
  const line = found.partnership.savingsLines.find((l) => l.code === at.param('code'));
  if (!line) throw new NotFoundException();
  return { ...found, line };
}

/**
 * The forms that form a partnership and add to one. `new` comes before `:id/…` patterns, and a
 * new savings line before a line's own form.
 */
export const PARTNERSHIP_FORMS: readonly FormRoute[] = [
  pageForm({
    name: 'formPartnership',
    path: 'new',
    access: Authorize({ kind: 'consultancy_admin' }),
    dto: FormPartnershipRequest,
    banner: ['partnership-formed', 'Partnership formed'],
    load: councilsToPartner,
    form: ({ councils }, at) => ({
      title: 'Form a partnership',
      fields: [
        { api: 'name', label: 'Name', kind: 'text', hint: 'For example, Better Futures' },
        {
          api: 'councilId',
          name: 'council',
          label: 'Council',
          kind: 'select',
          options: councils.map((c) => ({ value: c.id, text: c.name })),
        },
        { api: 'startsOn', label: 'Start date', kind: 'date' },
      ],
      command: (body, request) => {
        // The partnership's consultancy is the caller's own; the platform admin has none to give.
        const { organisationId, organisationKind } = at.caller;
        if (organisationKind !== 'consultancy' || !organisationId) {
          throw new ForbiddenException("Only a consultancy's admin can form a partnership");
        }
        return new FormPartnershipCommand({ ...body, consultancyId: organisationId }, request);
      },
      next: (answer) => partnershipPath(String(answer.id)),
    }),
  }),
  pageForm({
    name: 'openEngagement',
    path: ':id/engagements/new',
    access: ForPartnership('log_work'),
    dto: OpenEngagementRequest,
    banner: ['engagement-opened', 'Engagement opened'],
    load: partnershipOf,
    form: ({ ids }) => ({
      title: 'Open an engagement',
      fields: [
        TITLE,
        radios('serviceArea', 'Service area', SERVICE_AREAS),
        ...PERIOD,
        { api: 'feePence', name: 'fee', label: 'Fee', kind: 'pounds' },
        {
          api: 'savingsTargetPence',
          name: 'savingsTarget',
          label: 'Savings target',
          kind: 'pounds',
          optional: true,
        },
      ],
      command: (body, request) => new OpenEngagementCommand({ ...ids, ...body }, request),
      next: (answer) => engagementPath(String(answer.id)),
    }),
  }),
  pageForm({
    name: 'setReportRecipients',
    path: ':id/report-recipients',
    access: ForPartnership('administer'),
    dto: SetReportRecipientsRequest,
    banner: ['recipients-set', 'Report recipients saved'],
    load: recipientsOf,
    form: ({ current, ids }) => ({
      title: 'Report recipients',
      about: [
        {
          key: 'Now',
          value:
            current.length === 0
              ? 'Nobody: no monthly report is sent'
              : current.map((r) => `${r.name} (${r.email})`).join('; '),
        },
      ],
      fields: [
        {
          api: 'recipients',
          label: 'Recipients',
          kind: 'people',
          hint: 'One person a line: their name, a comma, then their e-mail address. Leave empty to stop the monthly report.',
        },
      ],
      initial: { recipients: current.map((r) => `${r.name}, ${r.email}`).join('\n') },
      submitText: 'Save report recipients',
      command: (body, request) =>
        new SetReportRecipientsCommand({ ...ids, recipients: body.recipients ?? [] }, request),
    }),
  }),
  pageForm({
    name: 'addSavingsLine',
    path: ':id/savings-lines/new',
    access: ForPartnership('judge'),
    dto: SetSavingsLineRequest,
    banner: ['savings-line-set', 'Savings line set'],
    load: partnershipOf,
    form: ({ ids }) => ({
      title: 'Set a savings line',
      fields: [
        {
          api: 'code',
          label: 'Code',
          kind: 'text',
          hint: 'As your finance system writes it: up to 20 of A to Z, 0 to 9 and -, for example CS-26-07',
        },
        ...SAVINGS_LINE_FIELDS,
      ],
      command: (body, request) => new SetSavingsLineCommand({ ...ids, ...body }, request),
    }),
  }),
  pageForm({
    name: 'changeSavingsLine',
    path: ':id/savings-lines/:code',
    access: ForPartnership('judge'),
    dto: SetSavingsLineRequest,
    banner: ['savings-line-set', 'Savings line set'],
    load: savingsLineOf,
    form: ({ line, ids }) => ({
      title: 'Set a savings line',
      about: [{ key: 'Code', value: line.code }],
      fields: SAVINGS_LINE_FIELDS,
      fixed: { code: line.code },
      initial: {
        title: line.title,
        financialYear: line.financialYear,
        target: formatPence(line.targetPence).slice(1),
      },
      command: (body, request) => new SetSavingsLineCommand({ ...ids, ...body }, request),
    }),
  }),
  SET_UNIT_COST_FORM,
  pageForm({
    name: 'closePartnership',
    path: ':id/close',
    access: ForPartnership('close_partnership'),
    dto: ClosePartnershipRequest,
    banner: ['partnership-closed', 'Partnership closed'],
    load: partnershipOf,
    form: ({ ids }) => ({
      title: 'Close',
      about: whatHappens(
        'The partnership takes no new engagements, and no monthly report is made for months after it closes.',
      ),
      fields: [
        { api: 'closedOn', label: 'Closing date', kind: 'date' },
        { api: 'reason', label: 'Reason', kind: 'textarea', optional: true },
      ],
      submitText: 'Close the partnership',
      command: (body, request) => new ClosePartnershipCommand({ ...ids, ...body }, request),
    }),
  }),
];
