import { Injectable, type PipeTransform } from '@nestjs/common';

/**
 * Ids in paths are uuids, which the tenancy guard matches in any case; streams are named with
 * the lower-case form the ledger generates.
 */
@Injectable()
export class CanonicalId implements PipeTransform<string, string> {
  transform(value: string): string {
    return value.toLowerCase();
  }
}
