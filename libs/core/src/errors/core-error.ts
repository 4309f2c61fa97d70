import { DomainError, type FieldProblem } from './domain-error.js';
import { ErrorKind } from './error-kind.enum.js';

/** Codes of the errors raised by the platform itself rather than by a bounded context. */
export enum CoreErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedBody = 'MALFORMED_BODY',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  Conflict = 'CONFLICT',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  DependencyUnavailable = 'DEPENDENCY_UNAVAILABLE',
}

const KIND_OF: Record<CoreErrorCode, ErrorKind> = {
  [CoreErrorCode.ValidationFailed]: ErrorKind.Invalid,
  [CoreErrorCode.MalformedBody]: ErrorKind.Invalid,
  [CoreErrorCode.PayloadTooLarge]: ErrorKind.TooLarge,
  [CoreErrorCode.Unauthenticated]: ErrorKind.Unauthenticated,
  [CoreErrorCode.Forbidden]: ErrorKind.Forbidden,
  [CoreErrorCode.NotFound]: ErrorKind.NotFound,
  [CoreErrorCode.RouteNotFound]: ErrorKind.NotFound,
  [CoreErrorCode.Conflict]: ErrorKind.Conflict,
  [CoreErrorCode.TooManyRequests]: ErrorKind.TooManyRequests,
  [CoreErrorCode.DependencyUnavailable]: ErrorKind.Unavailable,
};

export class CoreError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: CoreErrorCode, message: string, details?: FieldProblem[]) {
    super(code, message, details);
    this.kind = KIND_OF[code];
  }

  static validation(details: FieldProblem[]): CoreError {
    return new CoreError(CoreErrorCode.ValidationFailed, '输入有误，请检查标出的字段', details);
  }
}
