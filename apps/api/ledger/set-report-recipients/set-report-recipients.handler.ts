import { randomUUID } from 'node:crypto';
import { partnershipDecider, partnershipStream, type ReportRecipient } from '@accord/ledger';
import { ReportRecipientsRepository } from '@accord/reporting';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { SetReportRecipientsCommand } from './set-report-recipients.command';

@CommandHandler(SetReportRecipientsCommand)
export class SetReportRecipientsHandler implements ICommandHandler<SetReportRecipientsCommand> {
  constructor(
    private readonly ledger: LedgerWriter,
    private readonly recipients: ReportRecipientsRepository,
  ) {}

  execute({ input, request }: SetReportRecipientsCommand): Promise<WriteAnswer> {
    const { partnershipId } = input;
    return this.ledger.write(request, async (today, load) => {
      const partnership = await load(partnershipDecider, partnershipStream(partnershipId));
      // Read on every attempt: a lost race means another list may have named new people.
      const known = await this.recipients.idsByEmail(
        partnershipId,
        input.recipients.map((recipient) => recipient.email),
      );
      const recipients: ReportRecipient[] = input.recipients.map(({ email, name }) => ({
        recipientId: known.get(email.toLowerCase()) ?? randomUUID(),
        email,
        name,
      }));
      return {
        ...partnership.decide(
          { type: 'SetReportRecipients', data: { partnershipId, recipients } },
          { today },
        ),
        alongside: (trx) => this.recipients.save(trx, partnershipId, recipients),
      };
    });
  }
}
