import { DomainError, ErrorKind, type FieldProblem } from '@heqi/core';

/** Codes of the errors the cases context raises (stable, English; messages are Chinese). */
export enum CaseErrorCode {
  /** A draft or request breaks a rule of the case model; details name the fields. */
  Invalid = 'CASE_INVALID',
  /** The unit a route targets is unknown, inactive or outside the caller's reach. */
  RouteTargetInvalid = 'CASE_ROUTE_TARGET_INVALID',
  /** Unknown, or outside the caller's reach (its existence must not leak). */
  NotFound = 'CASE_NOT_FOUND',
  /** The caller may see the case but not do this to it. */
  Forbidden = 'CASE_FORBIDDEN',
  /** The case is not in a status that allows the action (e.g. routing a queued case). */
  WrongState = 'CASE_WRONG_STATE',
  /** A hotline-only action (退单) on a case that did not come from the 12345 hotline. */
  NotHotline = 'CASE_NOT_HOTLINE',
}

const KIND_OF: Record<CaseErrorCode, ErrorKind> = {
  [CaseErrorCode.Invalid]: ErrorKind.Invalid,
  [CaseErrorCode.RouteTargetInvalid]: ErrorKind.Invalid,
  [CaseErrorCode.NotFound]: ErrorKind.NotFound,
  [CaseErrorCode.Forbidden]: ErrorKind.Forbidden,
  [CaseErrorCode.WrongState]: ErrorKind.Conflict,
  [CaseErrorCode.NotHotline]: ErrorKind.Conflict,
};

/** Every error the cases context throws on purpose. */
export class CaseError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: CaseErrorCode, message: string, details?: FieldProblem[]) {
    super(code, message, details);
    this.kind = KIND_OF[code];
  }

  static invalid(details: FieldProblem[]): CaseError {
    return new CaseError(CaseErrorCode.Invalid, '案件信息有误，请检查标出的字段', details);
  }

  static notFound(): CaseError {
    return new CaseError(CaseErrorCode.NotFound, '案件不存在');
  }

  static wrongState(message: string): CaseError {
    return new CaseError(CaseErrorCode.WrongState, message);
  }
}
