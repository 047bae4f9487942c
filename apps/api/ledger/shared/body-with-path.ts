import { createValidationPipe } from '@accord/platform';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The body with some path parameters beside it, validated as one DTO, so that a bad `:code` in
 * the path and bad fields in the body are named in the same 400 (SPEC §4: every bad field).
 * A pipe skips a custom decorator's value unless told otherwise, which left the DTO unchecked.
 */
export const BodyWithPath = (...params: string[]) =>
  createParamDecorator((names: string[], context: ExecutionContext) => {
    const request = context.switchToHttp().getRequest<Request>();
    const body = request.body;
    const base = body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {};
    return { ...base, ...Object.fromEntries(names.map((name) => [name, request.params[name]])) };
  })(params, createValidationPipe({ validateCustomDecorators: true }));
