import { DomainError, ErrorKind, type FieldProblem } from '@heqi/core';

/** Codes of the errors the mediation context raises (stable, English; messages are Chinese). */
export enum MediationErrorCode {
  /** A request breaks a rule of the outcome (agreement, instalments, referral); details name fields. */
  Invalid = 'MEDIATION_INVALID',
  /** Unknown case, or outside the caller's reach (its existence must not leak). */
  CaseNotFound = 'CASE_NOT_FOUND',
  /** The caller may see the case but does not work it (not its mediator or co-mediator). */
  Forbidden = 'MEDIATION_FORBIDDEN',
  /** The case is not in a status that allows the action. */
  WrongState = 'MEDIATION_WRONG_STATE',
  /** The case is closed already (a second close). */
  AlreadyClosed = 'CASE_ALREADY_CLOSED',
  /** First contact was logged already. */
  AlreadyContacted = 'FIRST_CONTACT_ALREADY_LOGGED',
  /** The case has no (current) 调解协议. */
  NoAgreement = 'AGREEMENT_NOT_FOUND',
  /** The case was not referred (no referral summary). */
  NoReferral = 'REFERRAL_NOT_FOUND',
  /** No instalment of the agreement is in default (no 支付令 packet). */
  NoDefault = 'PAYMENT_DEFAULT_NOT_FOUND',
  /** A payment larger than what is still owed under the agreement. */
  Overpayment = 'PAYMENT_EXCEEDS_OUTSTANDING',
  /** Unknown attachment of the case. */
  AttachmentNotFound = 'ATTACHMENT_NOT_FOUND',
  /** The upload is over the configured size limit. */
  AttachmentTooLarge = 'ATTACHMENT_TOO_LARGE',
  /** The upload's content is not of an accepted type. */
  AttachmentType = 'ATTACHMENT_TYPE_NOT_ALLOWED',
  /** No file part, or an empty or unreadable one. */
  AttachmentMissing = 'ATTACHMENT_MISSING',
}

const KIND_OF: Record<MediationErrorCode, ErrorKind> = {
  [MediationErrorCode.Invalid]: ErrorKind.Invalid,
  [MediationErrorCode.CaseNotFound]: ErrorKind.NotFound,
  [MediationErrorCode.Forbidden]: ErrorKind.Forbidden,
  [MediationErrorCode.WrongState]: ErrorKind.Conflict,
  [MediationErrorCode.AlreadyClosed]: ErrorKind.Conflict,
  [MediationErrorCode.AlreadyContacted]: ErrorKind.Conflict,
  [MediationErrorCode.NoAgreement]: ErrorKind.NotFound,
  [MediationErrorCode.NoReferral]: ErrorKind.NotFound,
  [MediationErrorCode.NoDefault]: ErrorKind.NotFound,
  [MediationErrorCode.Overpayment]: ErrorKind.Conflict,
  [MediationErrorCode.AttachmentNotFound]: ErrorKind.NotFound,
  [MediationErrorCode.AttachmentTooLarge]: ErrorKind.TooLarge,
  [MediationErrorCode.AttachmentType]: ErrorKind.UnsupportedMediaType,
  [MediationErrorCode.AttachmentMissing]: ErrorKind.Invalid,
};

/** Every error the mediation context throws on purpose. */
export class MediationError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: MediationErrorCode, message: string, details?: FieldProblem[]) {
    super(code, message, details);
    this.kind = KIND_OF[code];
  }

  static invalid(details: FieldProblem[]): MediationError {
    return new MediationError(MediationErrorCode.Invalid, '输入有误，请检查标出的字段', details);
  }

  static notFound(): MediationError {
    return new MediationError(MediationErrorCode.CaseNotFound, '案件不存在');
  }

  static forbidden(message = '只有本案的承办调解员（或协办律师）可以办理此事项'): MediationError {
    return new MediationError(MediationErrorCode.Forbidden, message);
  }

  static wrongState(message: string): MediationError {
    return new MediationError(MediationErrorCode.WrongState, message);
  }
}
