import { DomainError, ErrorKind, type FieldProblem } from '@heqi/core';

/** Codes of the errors the assignment context raises (stable, English; messages are Chinese). */
export enum AssignmentErrorCode {
  /** Input breaks a rule; details name the fields. */
  Invalid = 'ASSIGNMENT_INVALID',
  /** The caller's role may not do this. */
  Forbidden = 'ASSIGNMENT_FORBIDDEN',
  /** The case has no open offer for the caller (never had, expired, withdrawn, taken). */
  OfferNotYours = 'OFFER_NOT_YOURS',
  /** The case is not in a status that allows this (e.g. reassigning a closed case). */
  WrongState = 'ASSIGNMENT_WRONG_STATE',
  /** The named mediator already holds the case. */
  AlreadyHolder = 'ASSIGNMENT_ALREADY_HOLDER',
  /** The named mediator may not take the case now (inactive, on leave, 回避). */
  MediatorNotEligible = 'MEDIATOR_NOT_ELIGIBLE',
  /** A law-firm engagement that does not exist or lies outside the caller's reach. */
  EngagementNotFound = 'ENGAGEMENT_NOT_FOUND',
}

const KIND_OF: Record<AssignmentErrorCode, ErrorKind> = {
  [AssignmentErrorCode.Invalid]: ErrorKind.Invalid,
  [AssignmentErrorCode.Forbidden]: ErrorKind.Forbidden,
  [AssignmentErrorCode.OfferNotYours]: ErrorKind.Conflict,
  [AssignmentErrorCode.WrongState]: ErrorKind.Conflict,
  [AssignmentErrorCode.AlreadyHolder]: ErrorKind.Conflict,
  [AssignmentErrorCode.MediatorNotEligible]: ErrorKind.Conflict,
  [AssignmentErrorCode.EngagementNotFound]: ErrorKind.NotFound,
};

/** Every error the assignment context throws on purpose. */
export class AssignmentError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: AssignmentErrorCode, message: string, details?: FieldProblem[]) {
    super(code, message, details);
    this.kind = KIND_OF[code];
  }

  static invalid(details: FieldProblem[]): AssignmentError {
    return new AssignmentError(AssignmentErrorCode.Invalid, '输入有误，请检查标出的字段', details);
  }

  static forbidden(message: string): AssignmentError {
    return new AssignmentError(AssignmentErrorCode.Forbidden, message);
  }

  static offerNotYours(): AssignmentError {
    return new AssignmentError(
      AssignmentErrorCode.OfferNotYours,
      '该案件当前没有派给您的待接受派案（可能已超时、被撤回或已由他人承办）',
    );
  }

  static notEligible(message: string): AssignmentError {
    return new AssignmentError(AssignmentErrorCode.MediatorNotEligible, message, [
      { field: 'mediatorId', message },
    ]);
  }
}
