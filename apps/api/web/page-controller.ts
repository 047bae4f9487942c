import { Page } from '@accord/identity';
import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SameOriginForms } from './session/same-origin-forms.guard';

/**
 * A controller of pages: its routes take the session cookie (`@Page()`), each still declaring who
 * may call it; its form POSTs must come from Accord's own pages; it is not part of the API's
 * OpenAPI description.
 */
export const PageController = (path = '') =>
  applyDecorators(Controller(path), Page(), UseGuards(SameOriginForms), ApiExcludeController());
