import type { ErrorKind } from './error-kind.enum.js';

/** A problem with one input field, as shown to the user. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Base of every error a lib throws on purpose. `code` is a stable English code from the lib's
 * own enum (e.g. `CaseErrorCode.AlreadyClosed`); `message` is the Chinese text users read.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;

  constructor(
    readonly code: string,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}
