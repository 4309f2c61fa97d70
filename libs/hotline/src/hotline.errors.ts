import { DomainError, ErrorKind } from '@heqi/core';

export enum HotlineErrorCode {
  BadSignature = 'HOTLINE_BAD_SIGNATURE',
  UnknownKey = 'HOTLINE_KEY_NOT_FOUND',
  KeyFromEnvironment = 'HOTLINE_KEY_FROM_ENVIRONMENT',
  KeyAlreadyRevoked = 'HOTLINE_KEY_ALREADY_REVOKED',
}

const KIND: Record<HotlineErrorCode, ErrorKind> = {
  [HotlineErrorCode.BadSignature]: ErrorKind.Unauthenticated,
  [HotlineErrorCode.UnknownKey]: ErrorKind.NotFound,
  [HotlineErrorCode.KeyFromEnvironment]: ErrorKind.Conflict,
  [HotlineErrorCode.KeyAlreadyRevoked]: ErrorKind.Conflict,
};

/** Errors of the 12345 hotline integration. */
export class HotlineError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: HotlineErrorCode, message: string) {
    super(code, message);
    this.kind = KIND[code];
  }
}
