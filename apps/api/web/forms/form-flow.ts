import { randomUUID } from 'node:crypto';
import { WrongExpectedVersionError } from '@accord/event-store';
import type { Caller } from '@accord/identity';
import { DomainError, type FieldProblem } from '@accord/ledger';
import { fieldErrors, formWasTooLarge } from '@accord/platform';
import { ProjectionWait } from '@accord/read-models';
import { BadRequestException, ConflictException, Injectable, type Type } from '@nestjs/common';
import { type Command, CommandBus } from '@nestjs/cqrs';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import type { WriteAnswer } from '../../ledger/shared/ledger-writer';
import { WriteRequest } from '../../ledger/shared/write-request';
import { PageRenderer } from '../page-renderer';
import {
  FORM_TOO_LARGE,
  type FormField,
  type FormProblem,
  fieldName,
  formProblem,
  readForm,
  type TypedValues,
} from './form-fields';

/** One of the pages' forms: what it asks, and the API request and command it stands for. */
export type PageForm = Readonly<{
  /** The heading, the name of the link or button that leads here: "Claim a saving". */
  title: string;
  /** What the form is about: "Step-down from residential care". */
  caption: string;
  /** Rows shown above the fields: what is being verified, signed off… */
  about?: readonly Readonly<{ key: string; value: string }>[];
  fields: readonly FormField[];
  /** API fields the form does not ask for but the request carries (the caller's organisation). */
  fixed?: Readonly<Record<string, unknown>>;
  /** What the fields hold when the form opens, by the form's field names. */
  initial?: TypedValues;
  /** The API's request class: its rules and messages are the form's. */
  dto: Type<object>;
  submitText: string;
  /** The page the form came from, and goes back to. */
  back: string;
  /** The version of the stream the write is conditional on (`If-Match`); none for a creation. */
  version?: number;
  /** The command the API would execute for the same body. */
  command: (api: Record<string, unknown>, request: WriteRequest) => Command<WriteAnswer> | Act;
  /** Where to go once written, told what was written, with the banner to show there. */
  done: (answer: WriteAnswer) => string;
}>;

/** What a form does that is not a ledger command (adding a person): the service call itself. */
export class Act {
  constructor(readonly perform: () => Promise<WriteAnswer | undefined>) {}
}

/** Seconds a form waits for the figures to include what it wrote before moving on. */
const SETTLE_MS = 5_000;

/**
 * Shows a form and takes it in, the GOV.UK way: every problem in the error summary and by its
 * field, what was typed kept, nothing written; else the API's own command runs as the signed-in
 * visitor, conditional on the version the form was opened at, and the visitor is sent on
 * (post/redirect/get) once the read models have taken the write in.
 */
@Injectable()
export class FormFlow {
  constructor(
    private readonly commands: CommandBus,
    private readonly pages: PageRenderer,
    private readonly projections: ProjectionWait,
  ) {}

  show(response: Response, caller: Caller, form: PageForm): Promise<void> {
    return this.render(response, caller, form, 200, form.initial ?? {}, [], form.version);
  }

  async submit(
    request: Request,
    response: Response,
    caller: Caller,
    form: PageForm,
  ): Promise<void> {
    if (formWasTooLarge(request)) {
      const problems = [{ message: FORM_TOO_LARGE }];
      return this.render(response, caller, form, 413, {}, problems, form.version);
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    const read = readForm(form.fields, body);
    const { typed, problems } = read;
    const api = { ...read.api, ...form.fixed };
    const given = typeof body.version === 'string' && /^\d{1,9}$/.test(body.version);
    const version = given ? Number(body.version) : form.version;
    // The DTO's own transforms (trimming an address) apply, as the API's pipe applies them.
    const checked = problems.length === 0 ? await this.check(form, api) : undefined;
    if (checked) problems.push(...checked.problems);
    if (problems.length > 0) {
      return this.render(response, caller, form, 400, typed, problems, version);
    }
    const correlationId = typeof request.id === 'string' ? request.id : randomUUID();
    const ifMatch = form.version === undefined ? undefined : version;
    const write = new WriteRequest(caller, correlationId, ifMatch, undefined, 'web');
    let answer: WriteAnswer | undefined;
    try {
      const command = form.command(checked?.body ?? api, write);
      answer =
        command instanceof Act ? await command.perform() : await this.commands.execute(command);
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const stale = [
          {
            message:
              'Someone else changed this record after you opened this form, so nothing was saved. ' +
              'Check the page again, then send the form if it is still right.',
          },
        ];
        return this.render(response, caller, form, 409, typed, stale, error.actual);
      }
      if (error instanceof DomainError && error.kind !== 'not_found') {
        const fields = (error.details?.fields ?? []) as FieldProblem[];
        const found =
          fields.length > 0
            ? fields.map((problem) => formProblem(form.fields, problem))
            : [{ message: error.message }];
        const status = error.kind === 'invalid' ? 400 : 409;
        return this.render(response, caller, form, status, typed, found, version);
      }
      // Identity's services answer as the API does: 400 naming fields, 409 for a taken address.
      if (error instanceof BadRequestException || error instanceof ConflictException) {
        const { details } = error.getResponse() as { details?: { fields?: FieldProblem[] } };
        const found = details?.fields?.length
          ? details.fields.map((problem) => formProblem(form.fields, problem))
          : [{ message: error.message }];
        return this.render(response, caller, form, error.getStatus(), typed, found, version);
      }
      throw error;
    }
    if (answer) await this.projections.waitFor(answer.position, SETTLE_MS);
    response.redirect(303, form.done(answer ?? { version: 0, position: 0 }));
  }

  /** The API's DTO rules, on the body the form stands for. */
  private async check(
    form: PageForm,
    api: Record<string, unknown>,
  ): Promise<{ body: Record<string, unknown>; problems: FormProblem[] }> {
    const body = plainToInstance(form.dto, api) as Record<string, unknown>;
    const errors = await validate(body, {
      whitelist: true,
      forbidNonWhitelisted: true,
      // A form of no fields (a confirmation) has a request class of no rules.
      forbidUnknownValues: false,
      validationError: { target: false, value: false },
    });
    const problems = fieldErrors(errors).map((error) => formProblem(form.fields, error));
    // One message per field, the first found, as the GOV.UK pattern shows them.
    return {
      // Without the keys of optional fields left out, as the API's controllers pass them on.
      body: Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)),
      problems: problems.filter(
        (problem, index) =>
          problem.field === undefined ||
          problems.findIndex((other) => other.field === problem.field) === index,
      ),
    };
  }

  private render(
    response: Response,
    caller: Caller,
    form: PageForm,
    status: number,
    typed: TypedValues,
    problems: readonly FormProblem[],
    version: number | undefined,
  ): Promise<void> {
    const errors: Record<string, string> = {};
    for (const problem of problems) {
      if (problem.field && !(problem.field in errors)) errors[problem.field] = problem.message;
    }
    const errorList = problems.map((problem) => {
      const field = form.fields.find((f) => fieldName(f) === problem.field);
      const anchor = field?.kind === 'date' ? `${problem.field}-day` : problem.field;
      return anchor ? { text: problem.message, href: `#${anchor}` } : { text: problem.message };
    });
    return this.pages.send(
      response,
      status,
      'form',
      {
        title: form.title,
        caption: form.caption,
        about: form.about ?? [],
        fields: form.fields.map((field) => ({
          ...field,
          name: fieldName(field),
          value:
            typed[fieldName(field)] ??
            (field.kind === 'date' ? {} : field.kind === 'checkboxes' ? [] : ''),
          error: errors[fieldName(field)],
        })),
        action: response.req.originalUrl,
        version,
        submitText: form.submitText,
        back: form.back,
        errorList,
      },
      caller,
    );
  }
}
