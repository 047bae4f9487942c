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
import { engagementPath, options, partnershipPath, whatHappens } from '../forms/ledger-fields';
import { LedgerPlaces } from '../forms/ledger-places';
import { type FormRequest, type FormRoute, pageForm } from '../forms/page-form';
import { SET_UNIT_COST_FORM } from './unit-cost.form';

/** The partnership a form is about, at its version, and what the form shows of it. */
async function partnershipOf(at: FormRequest) {
  const found = await at.use(LedgerPlaces).partnershipAt(at.partnershipId);
  const { partnership, version } = found;
  const back = partnershipPath(partnership.id);
  return { ...found, shared: { caption: partnership.name, back, version }, next: () => back };
}

const SAVINGS_LINE_FIELDS: readonly FormField[] = [
  { api: 'title', label: 'Title', kind: 'text' },
  { api: 'financialYear', label: 'Financial year', kind: 'text', hint: 'For example, 2026/27' },
  { api: 'targetPence', name: 'target', label: 'Target', kind: 'pounds' },
];

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
    async open(at) {
      const councils = await at.use(OrganisationsRepository).councils();
      const { organisationId, organisationKind } = at.caller;
      return {
        title: 'Form a partnership',
        caption: 'Partnerships',
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
        submitText: 'Form a partnership',
        back: '/partnerships',
        command: (body, request) => {
          // The partnership's consultancy is the caller's own; the platform admin has none to give.
          if (organisationKind !== 'consultancy' || !organisationId) {
            throw new ForbiddenException("Only a consultancy's admin can form a partnership");
          }
          return new FormPartnershipCommand({ ...body, consultancyId: organisationId }, request);
        },
        next: (answer) => partnershipPath(String(answer.id)),
      };
    },
  }),
  pageForm({
    name: 'openEngagement',
    path: ':id/engagements/new',
    access: ForPartnership('log_work'),
    dto: OpenEngagementRequest,
    banner: ['engagement-opened', 'Engagement opened'],
    async open(at) {
      const { partnership, shared } = await partnershipOf(at);
      return {
        ...shared,
        title: 'Open an engagement',
        fields: [
          { api: 'title', label: 'Title', kind: 'text' },
          {
            api: 'serviceArea',
            label: 'Service area',
            kind: 'radios',
            options: options(SERVICE_AREAS),
          },
          { api: 'startsOn', label: 'Start date', kind: 'date' },
          { api: 'endsOn', label: 'End date', kind: 'date', optional: true },
          { api: 'feePence', name: 'fee', label: 'Fee', kind: 'pounds' },
          {
            api: 'savingsTargetPence',
            name: 'savingsTarget',
            label: 'Savings target',
            kind: 'pounds',
            optional: true,
          },
        ],
        submitText: 'Open an engagement',
        command: (body, request) =>
          new OpenEngagementCommand({ partnershipId: partnership.id, ...body }, request),
        next: (answer) => engagementPath(String(answer.id)),
      };
    },
  }),
  pageForm({
    name: 'setReportRecipients',
    path: ':id/report-recipients',
    access: ForPartnership('administer'),
    dto: SetReportRecipientsRequest,
    banner: ['recipients-set', 'Report recipients saved'],
    async open(at) {
      const [{ partnership, shared, next }, loaded] = await Promise.all([
        partnershipOf(at),
        at.use(PartnershipLedger).load(at.partnershipId),
      ]);
      if (!loaded) throw new NotFoundException();
      const current = await at
        .use(ReportRecipientsRepository)
        .recipients(partnership.id, loaded.state.recipientIds);
      return {
        ...shared,
        // The list is what the write replaces: conditional on the stream as the list was read.
        version: loaded.version,
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
          new SetReportRecipientsCommand(
            { partnershipId: partnership.id, recipients: body.recipients ?? [] },
            request,
          ),
        next,
      };
    },
  }),
  pageForm({
    name: 'addSavingsLine',
    path: ':id/savings-lines/new',
    access: ForPartnership('judge'),
    dto: SetSavingsLineRequest,
    banner: ['savings-line-set', 'Savings line set'],
    async open(at) {
      const { partnership, shared, next } = await partnershipOf(at);
      return {
        ...shared,
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
        submitText: 'Set a savings line',
        command: (body, request) =>
          new SetSavingsLineCommand({ partnershipId: partnership.id, ...body }, request),
        next,
      };
    },
  }),
  pageForm({
    name: 'changeSavingsLine',
    path: ':id/savings-lines/:code',
    access: ForPartnership('judge'),
    dto: SetSavingsLineRequest,
    banner: ['savings-line-set', 'Savings line set'],
    async open(at) {
      const { partnership, shared, next } = await partnershipOf(at);
      const line = partnership.savingsLines.find((l) => l.code === at.param('code'));
      if (!line) throw new NotFoundException();
      return {
        ...shared,
        title: 'Set a savings line',
        about: [{ key: 'Code', value: line.code }],
        fields: SAVINGS_LINE_FIELDS,
        fixed: { code: line.code },
        initial: {
          title: line.title,
          financialYear: line.financialYear,
          target: formatPence(line.targetPence).slice(1),
        },
        submitText: 'Set a savings line',
        command: (body, request) =>
          new SetSavingsLineCommand({ partnershipId: partnership.id, ...body }, request),
        next,
      };
    },
  }),
  SET_UNIT_COST_FORM,
  pageForm({
    name: 'closePartnership',
    path: ':id/close',
    access: ForPartnership('close_partnership'),
    dto: ClosePartnershipRequest,
    banner: ['partnership-closed', 'Partnership closed'],
    async open(at) {
      const { partnership, shared, next } = await partnershipOf(at);
      return {
        ...shared,
        title: 'Close',
        about: whatHappens(
          'The partnership takes no new engagements, and no monthly report is made for months after it closes.',
        ),
        fields: [
          { api: 'closedOn', label: 'Closing date', kind: 'date' },
          { api: 'reason', label: 'Reason', kind: 'textarea', optional: true },
        ],
        submitText: 'Close the partnership',
        command: (body, request) =>
          new ClosePartnershipCommand({ partnershipId: partnership.id, ...body }, request),
        next,
      };
    },
  }),
];
