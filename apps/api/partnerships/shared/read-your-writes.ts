import { ProjectionWait } from '@accord/read-models';
import { Injectable } from '@nestjs/common';
import { NotCaughtUpError } from './read-errors';

/** SPEC §4: `?minPosition=N` holds a read until the read models have processed position N. */
@Injectable()
export class ReadYourWrites {
  constructor(private readonly wait: ProjectionWait) {}

  async after(minPosition: number | undefined): Promise<void> {
    if (minPosition === undefined) return;
    if (!(await this.wait.waitFor(minPosition))) throw new NotCaughtUpError(minPosition);
  }
}
