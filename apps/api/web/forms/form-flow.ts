import { randomUUID } from 'node:crypto';
import type { Caller } from '@accord/identity';
import type { FieldProblem } from '@accord/ledger';
import { fieldErrors, formWasTooLarge } from '@accord/platform';
import { ProjectionWait } from '@accord/read-models';
import { HttpStatus, Injectable } from '@nestjs/common';
import { type Command, CommandBus } from '@nestjs/cqrs';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import { errorAnswer } from '../../http/error-map';
import type { WriteAnswer } from '../../ledger/shared/ledger-writer';
import { WriteRequest } from '../../ledger/shared/write-request';
import { PageRenderer } from '../page-renderer';
import {
  choiceName,
  FORM_TOO_LARGE,
  type FormField,
  type FormProblem,
  fieldName,
  formProblem,
  readForm,
  type TypedValues,
} from './form-fields';
import { Act, type CheckAnswers, doneAt, type PageForm } from './page-form';

/** Seconds a form waits for the figures to include what it wrote before moving on. */
const SETTLE_MS = 5_000;

/** The hidden field a "Check your answers" confirmation carries the figures it showed in. */
const CHECKED = 'checkedFigures';

const FIGURES_CHANGED =
  'The figures changed after you checked them (someone set a price or changed the record), so ' +
  'nothing was claimed. Check the figures below again, then confirm if they are still right.';

const STALE =
  'Someone else changed this record after you opened this form, so nothing was saved. ' +
  'Check the page again, then send the form if it is still right.';

type AnyForm<Dto extends object> = PageForm<Dto, Command<WriteAnswer> | Act>;

/** What an answer's details may say that a form shows: the fields at fault, the stale version. */
type Details = { code?: unknown; fields?: unknown; actual?: unknown };

const isFieldProblem = (problem: unknown): problem is FieldProblem =>
  typeof problem === 'object' &&
  problem !== null &&
  typeof (problem as FieldProblem).field === 'string' &&
  typeof (problem as FieldProblem).message === 'string';

/**
 * Shows a form and takes it in, the GOV.UK way: every problem in the error summary and by its
 * field, what was typed kept, nothing written; else the API's own command runs as the signed-in
 * visitor, conditional on the version the form was opened at, and the visitor is sent on
 * (post/redirect/get) once the read models have taken the write in. What a refusal's status is,
 * and which fields it names, is the API's error map's to say: the form only words it.
 */
@Injectable()
export class FormFlow {
  constructor(
    private readonly commands: CommandBus,
    private readonly pages: PageRenderer,
    private readonly projections: ProjectionWait,
  ) {}

  show<Dto extends object>(response: Response, caller: Caller, form: AnyForm<Dto>): Promise<void> {
    // A check step's Change link reopens the form with what was typed, in its address.
    const query = response.req.query as Record<string, unknown>;
    const asked = form.check !== undefined && Object.keys(query).some((key) => key !== 'done');
    const typed = asked ? readForm(form.fields, query).typed : (form.initial ?? {});
    return this.render(response, caller, form, 200, typed, [], form.version);
  }

  async submit<Dto extends object>(
    request: Request,
    response: Response,
    caller: Caller,
    form: AnyForm<Dto>,
    banner: string,
  ): Promise<void> {
    if (formWasTooLarge(request)) {
      const problems = [{ message: FORM_TOO_LARGE }];
      return this.render(response, caller, form, 413, {}, problems, form.version);
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    const read = readForm(form.fields, body);
    const { typed, problems } = read;
    const given = typeof body.version === 'string' && /^\d{1,9}$/.test(body.version);
    const version = given ? Number(body.version) : form.version;
    if (problems.length > 0) {
      return this.render(response, caller, form, 400, typed, problems, version);
    }
    // The DTO's own transforms (trimming an address) apply, as the API's pipe applies them.
    const checked = await this.check(form, { ...read.api, ...form.fixed });
    if (checked.problems.length > 0) {
      return this.render(response, caller, form, 400, typed, checked.problems, version);
    }
    if (form.check) {
      const found = await form.check(checked.body);
      if ('problems' in found) {
        const problems = found.problems.map((problem) => formProblem(form.fields, problem));
        return this.render(response, caller, form, 400, typed, problems, version);
      }
      const sent = typeof body[CHECKED] === 'string' ? body[CHECKED] : undefined;
      if (sent !== found.figures) {
        // Not yet confirmed, or confirmed on figures that have changed since: show them (again).
        const status = sent === undefined ? 200 : 409;
        return this.renderCheck(response, caller, form, found, typed, version, status);
      }
    }
    const correlationId = typeof request.id === 'string' ? request.id : randomUUID();
    const ifMatch = form.version === undefined ? undefined : version;
    const write = new WriteRequest(caller, correlationId, ifMatch, undefined, 'web');
    let answer: WriteAnswer | undefined;
    try {
      const command = form.command(checked.body, write);
      answer =
        command instanceof Act ? await command.perform() : await this.commands.execute(command);
    } catch (error) {
      const { body: refused } = errorAnswer(error);
      const status = refused.statusCode;
      // Not the form's to say: a 403, a 404, a 503 or a 500 answer as pages do.
      if (status !== HttpStatus.BAD_REQUEST && status !== HttpStatus.CONFLICT) throw error;
      const details = (refused.details ?? {}) as Details;
      if (details.code === 'stale_version') {
        const actual = typeof details.actual === 'number' ? details.actual : version;
        return this.render(response, caller, form, status, typed, [{ message: STALE }], actual);
      }
      const fields = Array.isArray(details.fields) ? details.fields.filter(isFieldProblem) : [];
      const found =
        fields.length > 0
          ? fields.map((problem) => formProblem(form.fields, problem))
          : [{ message: refused.message }];
      return this.render(response, caller, form, status, typed, found, version);
    }
    if (answer) await this.projections.waitFor(answer.position, SETTLE_MS);
    response.redirect(303, doneAt(form.next(answer ?? { version: 0, position: 0 }), banner));
  }

  /** The API's DTO rules, on the body the form stands for. */
  private async check<Dto extends object>(
    form: AnyForm<Dto>,
    api: Record<string, unknown>,
  ): Promise<{ body: Dto; problems: FormProblem[] }> {
    const body = plainToInstance(form.dto, api);
    const errors = await validate(body, {
      whitelist: true,
      forbidNonWhitelisted: true,
      // A form of no fields (a confirmation) has a request class of no rules.
      forbidUnknownValues: false,
      validationError: { target: false, value: false },
    });
    // Without the keys of optional fields left out, as the API's controllers pass them on.
    for (const [key, value] of Object.entries(body)) {
      if (value === undefined) Reflect.deleteProperty(body, key);
    }
    const problems = fieldErrors(errors).map((error) => formProblem(form.fields, error));
    // One message per field, the first found, as the GOV.UK pattern shows them.
    return {
      body,
      problems: problems.filter(
        (problem, index) =>
          problem.field === undefined ||
          problems.findIndex((other) => other.field === problem.field) === index,
      ),
    };
  }

  /**
   * GOV.UK's "Check your answers": what the write will record, each answer with a Change link
   * back to the form (what was typed carried in its address, as no session keeps it), and a
   * confirmation that sends the same answers again with the figures shown.
   */
  private renderCheck<Dto extends object>(
    response: Response,
    caller: Caller,
    form: AnyForm<Dto>,
    answers: CheckAnswers,
    typed: TypedValues,
    version: number | undefined,
    status: number,
  ): Promise<void> {
    const hidden = typedAsFields(form.fields, typed);
    const action = response.req.originalUrl.split('?')[0];
    const query = new URLSearchParams(
      hidden.map((h): [string, string] => [h.name, h.value]),
    ).toString();
    const changeHref = (name: string) => {
      const field = form.fields.find((f) => fieldName(f) === name);
      return `${action}?${query}#${field?.kind === 'date' ? `${name}-day` : name}`;
    };
    return this.pages.send(
      response,
      status,
      'check-answers',
      {
        title: 'Check your answers',
        caption: form.caption,
        heading: `Check your answers: ${form.title.charAt(0).toLowerCase()}${form.title.slice(1)}`,
        warning: status === 200 ? undefined : FIGURES_CHANGED,
        rows: answers.rows.map((row) => ({
          key: { text: row.key },
          value: { text: row.value },
          actions: row.change
            ? {
                items: [
                  {
                    href: changeHref(row.change),
                    text: 'Change',
                    visuallyHiddenText: row.key.toLowerCase(),
                  },
                ],
              }
            : undefined,
        })),
        hidden: [...hidden, { name: CHECKED, value: answers.figures }],
        action,
        version,
        confirmText: answers.confirmText,
        back: changeHref(fieldName(form.fields[0])).split('#')[0],
      },
      caller,
    );
  }

  private render(
    response: Response,
    caller: Caller,
    form: Readonly<{
      title: string;
      caption: string;
      about?: readonly Readonly<{ key: string; value: string }>[];
      fields: readonly FormField[];
      submitText: string;
      back: string;
    }>,
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
      // A choice not made is at its first radio; an amount typed under "part", at the amount.
      const anchor =
        field?.kind === 'date'
          ? `${problem.field}-day`
          : field?.kind === 'wholeOrPart' && typed[choiceName(field)] !== 'part'
            ? choiceName(field)
            : problem.field;
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
          ...(field.kind === 'wholeOrPart' ? { choice: typed[choiceName(field)] ?? '' } : {}),
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

/** What was typed as the form's own fields would send it: a date as its three parts. */
function typedAsFields(
  fields: readonly FormField[],
  typed: TypedValues,
): { name: string; value: string }[] {
  return fields.flatMap((field) => {
    const name = fieldName(field);
    const value = typed[name];
    if (value === undefined) return [];
    if (typeof value === 'string') return [{ name, value }];
    if (Array.isArray(value)) return value.map((v) => ({ name, value: v }));
    return (['day', 'month', 'year'] as const).map((part) => ({
      name: `${name}-${part}`,
      value: value[part],
    }));
  });
}
