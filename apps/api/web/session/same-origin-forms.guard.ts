import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
} from '@nestjs/common';
import type { Request } from 'express';
import { SameOrigin } from './same-origin';

/** A form POST sent from another site's page; the page says so rather than acting on it. */
export class FormRefused extends ForbiddenException {
  constructor() {
    super('This form was sent from another site, so Accord did not act on it.');
  }
}

/** Every page's form POST must come from Accord's own pages (see SameOrigin). */
@Injectable()
export class SameOriginForms implements CanActivate {
  constructor(private readonly sameOrigin: SameOrigin) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.method !== 'POST') return true;
    if (!this.sameOrigin.allows(request)) throw new FormRefused();
    return true;
  }
}
