import { DomainError, ErrorKind, type FieldProblem } from '@heqi/core';

/** Codes of the errors the identity context raises on purpose. */
export enum IdentityErrorCode {
  /** Unknown user, wrong password or disabled user: one answer for all three. */
  InvalidCredentials = 'INVALID_CREDENTIALS',
  TooManyLoginAttempts = 'TOO_MANY_LOGIN_ATTEMPTS',
  /** Unknown, expired or revoked refresh token. */
  InvalidRefreshToken = 'INVALID_REFRESH_TOKEN',
  /** A refresh token presented a second time: its whole session has been revoked. */
  RefreshTokenReused = 'REFRESH_TOKEN_REUSED',
  WeakPassword = 'WEAK_PASSWORD',
  WrongCurrentPassword = 'WRONG_CURRENT_PASSWORD',
  UsernameTaken = 'USERNAME_TAKEN',
  MediatorAlreadyLinked = 'MEDIATOR_ALREADY_LINKED',
  UserNotFound = 'USER_NOT_FOUND',
  /** The caller named a unit outside its subtree. */
  OutsideJurisdiction = 'OUTSIDE_JURISDICTION',
  /** An admin tried to deactivate itself or drop its own admin role. */
  SelfLockout = 'SELF_LOCKOUT',
}

const KIND_OF: Record<IdentityErrorCode, ErrorKind> = {
  [IdentityErrorCode.InvalidCredentials]: ErrorKind.Unauthenticated,
  [IdentityErrorCode.TooManyLoginAttempts]: ErrorKind.TooManyRequests,
  [IdentityErrorCode.InvalidRefreshToken]: ErrorKind.Unauthenticated,
  [IdentityErrorCode.RefreshTokenReused]: ErrorKind.Unauthenticated,
  [IdentityErrorCode.WeakPassword]: ErrorKind.Invalid,
  [IdentityErrorCode.WrongCurrentPassword]: ErrorKind.Invalid,
  [IdentityErrorCode.UsernameTaken]: ErrorKind.Conflict,
  [IdentityErrorCode.MediatorAlreadyLinked]: ErrorKind.Conflict,
  [IdentityErrorCode.UserNotFound]: ErrorKind.NotFound,
  [IdentityErrorCode.OutsideJurisdiction]: ErrorKind.Forbidden,
  [IdentityErrorCode.SelfLockout]: ErrorKind.Conflict,
};

/** An identity error; its kind (and so its HTTP status) follows from its code. */
export class IdentityError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: IdentityErrorCode, message: string, details?: FieldProblem[]) {
    super(code, message, details);
    this.kind = KIND_OF[code];
  }

  /** The one answer for unknown user, wrong password and disabled user alike. */
  static invalidCredentials(): IdentityError {
    return new IdentityError(IdentityErrorCode.InvalidCredentials, '用户名或密码错误');
  }
}

/** Login throttled; the API turns `retryAfterSeconds` into a `Retry-After` header. */
export class TooManyLoginAttemptsError extends IdentityError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      IdentityErrorCode.TooManyLoginAttempts,
      `登录失败次数过多，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`,
    );
  }
}
