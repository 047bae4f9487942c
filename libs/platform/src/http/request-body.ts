import type { INestApplication } from '@nestjs/common';
import { json, type NextFunction, type Request, type Response, urlencoded } from 'express';
import { invalidFields } from './validation';

/**
 * How deep a request body may nest. The deepest SPEC body is two levels
 * (`recipients[].email`); 32 leaves room for any honest client. Deeper bodies are refused before
 * anything walks them: class-transformer and the idempotency fingerprint recurse once per level
 * and overflow the stack near 2,000, which answered 500.
 */
export const MAX_BODY_DEPTH = 32;

/**
 * The body parsers Nest would register (JSON, and urlencoded for the web forms, with Express's
 * defaults), followed by the depth check, which has to see the parsed body. Call before the
 * application is initialised; create the application with `bodyParser: false`.
 */
export function useRequestBodyParsers(app: INestApplication): void {
  app.use(json());
  app.use(formsKeptWhenTooLarge(urlencoded({ extended: true })));
  app.use(refuseDeepBodies);
}

type Parser = (request: Request, response: Response, next: NextFunction) => void;

const TOO_LARGE = Symbol('body too large');

/**
 * A form too large to read (body-parser's 413, after it has drained the request) reaches its page
 * with nothing in it and this mark, so the page can show the form again and say why (SPEC §7)
 * rather than answer the parser's JSON. The API keeps its 413.
 */
function formsKeptWhenTooLarge(parse: Parser): Parser {
  return (request, response, next) =>
    parse(request, response, (error?: unknown) => {
      const tooLarge = (error as { type?: string } | undefined)?.type === 'entity.too.large';
      if (!tooLarge || /^\/+api(\/|$)/i.test(request.path)) {
        next(error as Error);
        return;
      }
      request.body = {};
      (request as Request & { [TOO_LARGE]?: true })[TOO_LARGE] = true;
      next();
    });
}

/** Whether the form posted to a page was too large to read: see `useRequestBodyParsers`. */
export function formWasTooLarge(request: Request): boolean {
  return (request as Request & { [TOO_LARGE]?: true })[TOO_LARGE] === true;
}

function refuseDeepBodies(request: Request, _response: Response, next: NextFunction): void {
  const field = firstTooDeep(request.body);
  if (field === undefined) {
    next();
    return;
  }
  next(
    invalidFields([
      {
        field,
        code: 'too_deep',
        message: `${field} is nested more than ${MAX_BODY_DEPTH} levels deep`,
      },
    ]),
  );
}

/** The dotted path of the first value nested deeper than the limit (`''` for the body itself). */
function firstTooDeep(body: unknown): string | undefined {
  const pending: { value: unknown; path: string[] }[] = [{ value: body, path: [] }];
  while (pending.length > 0) {
    const { value, path } = pending.pop() as { value: unknown; path: string[] };
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_BODY_DEPTH) return path.slice(0, 3).join('.');
    for (const [key, child] of Object.entries(value)) {
      pending.push({ value: child, path: [...path, key] });
    }
  }
  return undefined;
}
