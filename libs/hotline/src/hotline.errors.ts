import { DomainError, ErrorKind, type FieldProblem } from '@heqi/core';

export enum HotlineErrorCode {
  BadSignature = 'HOTLINE_BAD_SIGNATURE',
  UnknownKey = 'HOTLINE_KEY_NOT_FOUND',
  KeyFromEnvironment = 'HOTLINE_KEY_FROM_ENVIRONMENT',
  KeyAlreadyRevoked = 'HOTLINE_KEY_ALREADY_REVOKED',
  /** 回访 or another call about a work order heqi never received. */
  OrderNotFound = 'HOTLINE_ORDER_NOT_FOUND',
  /** 回访 for a case that is not closed (in mediation, reopened already, returned…). */
  CaseNotClosed = 'HOTLINE_CASE_NOT_CLOSED',
  /** A 12345 reply draft asked for a case that did not come from the hotline. */
  NotHotline = 'HOTLINE_NOT_HOTLINE_CASE',
  /** Bad input to a hotline operation; details name the fields. */
  Invalid = 'HOTLINE_INVALID',
}

const KIND: Record<HotlineErrorCode, ErrorKind> = {
  [HotlineErrorCode.BadSignature]: ErrorKind.Unauthenticated,
  [HotlineErrorCode.UnknownKey]: ErrorKind.NotFound,
  [HotlineErrorCode.KeyFromEnvironment]: ErrorKind.Conflict,
  [HotlineErrorCode.KeyAlreadyRevoked]: ErrorKind.Conflict,
  [HotlineErrorCode.OrderNotFound]: ErrorKind.NotFound,
  [HotlineErrorCode.CaseNotClosed]: ErrorKind.Conflict,
  [HotlineErrorCode.NotHotline]: ErrorKind.Conflict,
  [HotlineErrorCode.Invalid]: ErrorKind.Invalid,
};

/** Errors of the 12345 hotline integration. */
export class HotlineError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: HotlineErrorCode, message: string, details?: FieldProblem[]) {
    super(code, message, details);
    this.kind = KIND[code];
  }
}
