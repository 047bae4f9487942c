import type { FieldProblem } from '@accord/ledger';
import type { CustomDecorator, Type } from '@nestjs/common';
import type { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../../ledger/shared/ledger-writer';
import type { WriteRequest } from '../../ledger/shared/write-request';
import { type AuthorizedRequest, PageRequest } from '../page-request';
import type { FormField, TypedValues } from './form-fields';

/** What a form does that is not a ledger command (adding a person): the service call itself. */
export class Act {
  constructor(readonly perform: () => Promise<WriteAnswer | undefined>) {}
}

/**
 * One of the pages' forms, as opened: what it asks, and the API request (`Dto`) and command
 * (`C`) it stands for. The compiler ties the three together: `command` is given the DTO the
 * fields were checked as, and builds the command the API's own route would execute.
 */
export type PageForm<Dto extends object, C extends Command<WriteAnswer> | Act> = Readonly<{
  /** The heading, the name of the link or button that leads here: "Claim a saving". */
  title: string;
  /** What the form is about: "Step-down from residential care". */
  caption: string;
  /** Rows shown above the fields: what is being verified, signed off… */
  about?: readonly Readonly<{ key: string; value: string }>[];
  fields: readonly FormField[];
  /** API fields the form does not ask for but the request carries (a savings line's code). */
  fixed?: Partial<Dto>;
  /** What the fields hold when the form opens, by the form's field names. */
  initial?: TypedValues;
  /** The API's request class: its rules and messages are the form's. */
  dto: Type<Dto>;
  submitText: string;
  /** The page the form came from, and goes back to. */
  back: string;
  /** The version of the stream the write is conditional on (`If-Match`); none for a creation. */
  version?: number;
  /** The command the API would execute for the same body. */
  command: (body: Dto, request: WriteRequest) => C;
  /** The page to go to once written, told what was written; the banner is the entry's. */
  next: (answer: WriteAnswer) => string;
  /**
   * A GOV.UK "Check your answers" step between the form and the write: what the write will
   * record, worked out from the checked body, or the problems that stop it (by the API's field
   * names). The write runs only once the visitor confirms the same figures they were shown.
   */
  check?: (body: Dto) => Promise<CheckAnswers | Readonly<{ problems: readonly FieldProblem[] }>>;
}>;

/** One row of a "Check your answers" page; `change` names the form's field its Change link opens. */
export type CheckRow = Readonly<{ key: string; value: string; change?: string }>;

/** What a form's check step shows, and the figures the confirmation must still match. */
export type CheckAnswers = Readonly<{
  rows: readonly CheckRow[];
  /**
   * What the write would record, as a string: carried in the confirmation and worked out again
   * when it comes back, so that figures that changed in between are shown, never written unseen.
   */
  figures: string;
  /** The confirmation's button: "Claim this saving". */
  confirmText: string;
}>;

/** The request a form is opened or sent in, as its entry sees it. */
export class FormRequest extends PageRequest {
  constructor(
    request: AuthorizedRequest,
    /** A service of the web module (LedgerPlaces, UsersService…), for what the form shows. */
    readonly use: <T>(type: Type<T>) => T,
  ) {
    super(request);
  }
}

/**
 * What a form is about, as its row's `load` finds it: the caption, the page the form came from
 * and goes back to (and on to, unless the row says otherwise), the version the write is
 * conditional on, rows shown above the fields, and whatever else the row's form needs of it.
 */
export type FormPlace = Readonly<{
  caption: string;
  back: string;
  version?: number;
  about?: PageForm<object, Act>['about'];
}>;

/** What a row's `form` says for its place; the button says the title unless it says otherwise. */
export type FormBuilt<Dto extends object, C extends Command<WriteAnswer> | Act> = Omit<
  PageForm<Dto, C>,
  'dto' | 'caption' | 'back' | 'version' | 'submitText' | 'next'
> &
  Partial<Pick<PageForm<Dto, C>, 'submitText' | 'next'>>;

/**
 * One row of a forms table (the shape of hmpo-form-wizard's steps): where the form lives, who may
 * use it, the banner the page it leads to shows, what it is about and what it asks there.
 */
export type FormEntry<
  Dto extends object,
  C extends Command<WriteAnswer> | Act,
  P extends FormPlace,
> = Readonly<{
  /** The name of its POST handler (`showX` is the GET's), as the start-up check names routes. */
  name: string;
  /** Below the table's controller path: `:id/milestones/:mid/achieve`. */
  path: string;
  /** The route's access declaration: `ForPartnership(…)` or `Authorize(…)`, as any route's. */
  access: CustomDecorator<string>;
  /** The API's request class: its rules and messages are the form's, its type the command's input. */
  dto: Type<Dto>;
  /** `?done=` key and the words the next page shows for it: `['saving-claimed', 'Saving claimed']`. */
  banner: readonly [key: string, text: string];
  /** Finds what the form is about for the request (`engagementOf`), or refuses it (404). */
  load: (at: FormRequest) => Promise<P>;
  /** The form on what was found: its title, fields and command. */
  form: (place: P, at: FormRequest) => FormBuilt<Dto, C>;
}>;

/** A table's row with its DTO and command types closed over: what the registrar needs. */
export type FormRoute = Readonly<{
  name: string;
  path: string;
  access: CustomDecorator<string>;
  banner: readonly [key: string, text: string];
  run: <R>(at: FormRequest, use: FormUse<R>) => Promise<R>;
}>;

/** What the flow does with a form once opened (show it, or take it in). */
export type FormUse<R> = <Dto extends object, C extends Command<WriteAnswer> | Act>(
  form: PageForm<Dto, C>,
) => Promise<R>;

/** Declares a form: its types are checked here, then kept inside the route. */
export function pageForm<
  Dto extends object,
  C extends Command<WriteAnswer> | Act,
  P extends FormPlace,
>(entry: FormEntry<Dto, C, P>): FormRoute {
  const { load, form, dto, ...route } = entry;
  return {
    ...route,
    run: async (at, use) => {
      const place = await load(at);
      const { caption, back, version, about } = place;
      const built = form(place, at);
      return use({
        caption,
        back,
        version,
        about,
        submitText: built.title,
        next: () => back,
        ...built,
        dto,
      });
    },
  };
}

/** `path?done=key`: the page a form leads to, told which banner to show. */
export const doneAt = (path: string, banner: string): string => `${path}?done=${banner}`;
