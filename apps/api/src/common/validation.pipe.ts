import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { CoreError, type FieldProblem } from '@heqi/core';
import { toFieldProblems } from './validation-messages.js';

/**
 * The one validation pipe: unknown fields are rejected rather than silently dropped, input is
 * transformed into DTO instances, and every problem comes back with its field path in Chinese.
 */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => CoreError.validation(toFieldProblems(errors)),
  });
}

/**
 * Postgres text cannot hold U+0000: a string carrying one would fail in SQL, as a 500. Refused
 * here once for every body, query and path parameter (after the DTO's own rules passed), rather
 * than on each text field or in each service that looks a value up.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dto: unknown = await super.transform(value, metadata);
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      // A path parameter is one value, named by its route segment (`id`).
      const problems = nulProblems(dto, metadata.type === 'param' ? (metadata.data ?? '') : '');
      if (problems.length) throw CoreError.validation(problems);
    }
    return dto;
  }
}

/**
 * A problem for every string holding U+0000 in a DTO and the DTOs nested in it. Plain data a DTO
 * leaves to a check of its own — a 12345 batch's orders, checked one by one so that one bad
 * order does not fail the others — is left to that check.
 */
function nulProblems(value: unknown, field = ''): FieldProblem[] {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? [{ field, message: '不能包含空字符（\\u0000）' }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => nulProblems(item, `${field}.${i}`));
  if (typeof value !== 'object' || value === null || value.constructor === Object) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    nulProblems(item, field ? `${field}.${key}` : key),
  );
}
