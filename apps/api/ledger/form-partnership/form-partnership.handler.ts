import { OrganisationsRepository } from '@accord/identity';
import { invalidInput, partnershipDecider, partnershipStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { FormPartnershipCommand } from './form-partnership.command';

@CommandHandler(FormPartnershipCommand)
export class FormPartnershipHandler implements ICommandHandler<FormPartnershipCommand> {
  constructor(
    private readonly ledger: LedgerWriter,
    private readonly organisations: OrganisationsRepository,
  ) {}

  async execute({ input, request }: FormPartnershipCommand): Promise<WriteAnswer> {
    // A reference in the body, not the resource the path names: bad input rather than a 404.
    if (!(await this.organisations.isCouncil(input.councilId))) {
      throw invalidInput([
        {
          field: 'councilId',
          code: 'unknown_council',
          message: 'councilId names no council organisation',
        },
      ]);
    }
    const partnershipId = request.newId();
    return this.ledger.write(request, async (today, load) => {
      const partnership = await load(partnershipDecider, partnershipStream(partnershipId));
      return partnership.decide(
        { type: 'FormPartnership', data: { ...input, partnershipId } },
        { today },
        { id: partnershipId },
      );
    });
  }
}
