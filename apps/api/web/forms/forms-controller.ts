import { Get, Post, Req, Res, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Request, Response } from 'express';
import { PageController } from '../page-controller';
import { FormFlow } from './form-flow';
import { FormRequest, type FormRoute } from './page-form';

/**
 * The registrar: a page controller for a table of forms, each row a GET that shows the form and
 * a POST that takes it in, both declaring the row's access rule as any route does, so that the
 * start-up check and the tenancy guard see them as they see a hand-written route. Rows register
 * in table order (a literal `new` before a parameter).
 */
export function formsController(name: string, path: string, table: readonly FormRoute[]): Type {
  @PageController(path)
  class Forms {
    constructor(
      private readonly flow: FormFlow,
      private readonly modules: ModuleRef,
    ) {}

    async handle(route: FormRoute, submit: boolean, request: Request, response: Response) {
      const at = new FormRequest(request, (type) => this.modules.get(type, { strict: false }));
      await route.run(at, (form) =>
        submit
          ? this.flow.submit(request, response, at.caller, form, route.banner[0])
          : this.flow.show(response, at.caller, form),
      );
    }
  }
  Object.defineProperty(Forms, 'name', { value: name });

  const define = (handler: string, route: FormRoute, submit: boolean) => {
    const prototype: object = Forms.prototype;
    if (Object.hasOwn(prototype, handler)) throw new Error(`${name}: two forms named ${handler}`);
    Object.defineProperty(prototype, handler, {
      value(this: Forms, request: Request, response: Response) {
        return this.handle(route, submit, request, response);
      },
      writable: true,
      configurable: true,
    });
    const descriptor = Object.getOwnPropertyDescriptor(prototype, handler) ?? {};
    (submit ? Post : Get)(route.path)(prototype, handler, descriptor);
    route.access(prototype, handler, descriptor);
    Req()(prototype, handler, 0);
    Res()(prototype, handler, 1);
  };
  for (const route of table) {
    define(`show${route.name.charAt(0).toUpperCase()}${route.name.slice(1)}`, route, false);
    define(route.name, route, true);
  }
  return Forms;
}
