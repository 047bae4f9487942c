import { invalidFields } from '@accord/platform';
import { PositionBeyondHeadError, ProjectionWait } from '@accord/read-models';
import { Injectable } from '@nestjs/common';
import { NotCaughtUpError } from './read-errors';

/** SPEC §4: `?minPosition=N` holds a read until the read models have processed position N. */
@Injectable()
export class ReadYourWrites {
  constructor(private readonly wait: ProjectionWait) {}

  async after(minPosition: number | undefined): Promise<void> {
    if (minPosition === undefined) return;
    let processed: boolean;
    try {
      processed = await this.wait.waitFor(minPosition);
    } catch (error) {
      if (!(error instanceof PositionBeyondHeadError)) throw error;
      throw invalidFields([
        {
          field: 'minPosition',
          code: 'beyond_head',
          message: `minPosition must not be beyond the last event stored (${error.head})`,
        },
      ]);
    }
    if (!processed) throw new NotCaughtUpError(minPosition);
  }
}
