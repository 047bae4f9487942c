import { createHash, randomUUID } from 'node:crypto';
import { type Channel, type EventMetadata, nameBasedUuid } from '@accord/event-store';
import type { Caller } from '@accord/identity';
import { invalidFields } from '@accord/platform';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** An `Idempotency-Key` scoped to its caller and route, and what the request said under it. */
export type IdempotencyClaim = Readonly<{
  userId: string;
  /** Method and route pattern, e.g. `POST /api/v1/interventions/:id/savings`. */
  scope: string;
  key: string;
  /** A digest of the path parameters and body, to tell a retry from another request. */
  fingerprint: string;
}>;

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const VERSION = /^(?:W\/)?"?(\d{1,9})"?$/;

/**
 * What a ledger write needs from its HTTP request besides the body: who is acting, the
 * correlation id, the caller's `If-Match` version and `Idempotency-Key`, and the channel it came
 * through (`api` from the `@Write()` of an API route, `web` from a page's form flow).
 *
 * Ids the write creates (events, child resources, the command itself) come from here. Under an
 * idempotency key they are derived from it, so that two concurrent retries of one request
 * decide the same events on the same streams and the event store writes them once; without a
 * key they are random.
 */
export class WriteRequest {
  /** The command's id, recorded as the causation id of every event it appends. */
  readonly commandId: string;

  constructor(
    readonly caller: Caller,
    readonly correlationId: string,
    readonly ifMatch: number | undefined,
    readonly idempotency: IdempotencyClaim | undefined,
    readonly channel: Channel,
  ) {
    this.commandId = this.newId('command');
  }

  /** A new id for `purpose` (`event:0`, `id`...), the same on every retry under one key. */
  newId(purpose = 'id'): string {
    if (!this.idempotency) return randomUUID();
    // The request's fingerprint is part of the name: once a key has expired (a day on), it may
    // carry another request, whose ids must not collide with the first one's.
    const { userId, scope, key, fingerprint } = this.idempotency;
    return nameBasedUuid(`${userId}\n${scope}\n${key}\n${fingerprint}\n${purpose}`);
  }

  get metadata(): EventMetadata {
    return {
      actorId: this.caller.userId,
      correlationId: this.correlationId,
      causationId: this.commandId,
      channel: this.channel,
    };
  }
}

/** The request's write context; the tenancy guard has authenticated the caller already. */
export const Write = createParamDecorator((_: unknown, context: ExecutionContext) =>
  writeRequestOf(context.switchToHttp().getRequest<Request & { caller?: Caller; id?: unknown }>()),
);

function writeRequestOf(request: Request & { caller?: Caller; id?: unknown }): WriteRequest {
  const caller = request.caller;
  if (!caller) throw new Error('a ledger write needs an authenticated caller');
  const problems: { field: string; message: string }[] = [];

  const ifMatchHeader = request.headers['if-match'];
  let ifMatch: number | undefined;
  if (ifMatchHeader !== undefined) {
    const match = typeof ifMatchHeader === 'string' ? VERSION.exec(ifMatchHeader.trim()) : null;
    if (match) ifMatch = Number(match[1]);
    else problems.push({ field: 'If-Match', message: 'If-Match must be a stream version, e.g. 3' });
  }

  const keyHeader = request.headers['idempotency-key'];
  let idempotency: IdempotencyClaim | undefined;
  if (keyHeader !== undefined) {
    if (typeof keyHeader === 'string' && IDEMPOTENCY_KEY.test(keyHeader)) {
      idempotency = {
        userId: caller.userId,
        scope: `${request.method} ${routeOf(request)}`,
        key: keyHeader,
        fingerprint: fingerprintOf({ params: request.params, body: request.body ?? null }),
      };
    } else {
      problems.push({
        field: 'Idempotency-Key',
        message: 'Idempotency-Key must be 1 to 255 visible ASCII characters',
      });
    }
  }
  if (problems.length > 0) throw invalidFields(problems);

  const correlationId = typeof request.id === 'string' ? request.id : randomUUID();
  return new WriteRequest(caller, correlationId, ifMatch, idempotency, 'api');
}

function routeOf(request: Request): string {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : request.path;
}

/** The same JSON with its keys in any order gives the same digest. */
export function fingerprintOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
