import { ValidationPipe } from '@nestjs/common';
import { CoreError } from '@heqi/core';
import { toFieldProblems } from './validation-messages.js';

/**
 * The one validation pipe: unknown fields are rejected rather than silently dropped, input is
 * transformed into DTO instances, and every problem comes back with its field path in Chinese.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => CoreError.validation(toFieldProblems(errors)),
  });
}
