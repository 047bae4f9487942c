import {
  type Caller,
  mayAct,
  type PartnershipAction,
  type PartnershipParties,
} from '@accord/identity';
import type { Request } from 'express';

/** A request the tenancy guard let through: who asks, and the partnership a route resolved. */
export type AuthorizedRequest = Request & { caller?: Caller; parties?: PartnershipParties };

/** Which of a partnership's forms the visitor may use, so that its pages link only to those. */
export type Permitted = Readonly<{ logWork: boolean; judge: boolean }>;

/** A request for a page, as the page sees it: who asks, in which partnership, about what. */
export class PageRequest {
  constructor(private readonly request: AuthorizedRequest) {}

  /** The tenancy guard has authenticated every page's route, so there is always a caller. */
  get caller(): Caller {
    if (!this.request.caller) throw new Error('a page route without an authenticated caller');
    return this.request.caller;
  }

  /** The partnership a partnership-scoped route resolved (`ForPartnership`). */
  get parties(): PartnershipParties {
    if (!this.request.parties) throw new Error('a page route that is not partnership-scoped');
    return this.request.parties;
  }

  get partnershipId(): string {
    return this.parties.partnershipId;
  }

  get permitted(): Permitted {
    const may = (action: PartnershipAction) => mayAct(this.caller, this.parties, action);
    return { logWork: may('log_work'), judge: may('judge') };
  }

  /** A path parameter as given (a savings line's code keeps its case). */
  param(name: string): string {
    return String(this.request.params[name] ?? '');
  }

  /** An id in the path, in the lower case the ledger names its streams and records with. */
  id(name = 'id'): string {
    return this.param(name).toLowerCase();
  }

  query(name: string): unknown {
    return this.request.query[name];
  }
}
