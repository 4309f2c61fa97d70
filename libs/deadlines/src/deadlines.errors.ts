import { DomainError, ErrorKind, type FieldProblem } from '@heqi/core';

/** Codes of the errors the deadlines context raises (stable, English; messages are Chinese). */
export enum DeadlineErrorCode {
  /** Input breaks a rule of clocks, policies, extensions or the calendar; details name fields. */
  Invalid = 'DEADLINE_INVALID',
  /** The case is unknown or outside the caller's reach (its existence must not leak). */
  CaseNotFound = 'DEADLINE_CASE_NOT_FOUND',
  /** The caller may see the case (or unit) but not do this. */
  Forbidden = 'DEADLINE_FORBIDDEN',
  /** The case has no open clock of the kind named. */
  NoOpenClock = 'DEADLINE_NO_OPEN_CLOCK',
  /** The clock or request is not in a state that allows the action. */
  WrongState = 'DEADLINE_WRONG_STATE',
  /** Unknown extension request, or one outside the caller's reach. */
  ExtensionNotFound = 'DEADLINE_EXTENSION_NOT_FOUND',
  /** The clock already has a pending extension request. */
  ExtensionPending = 'DEADLINE_EXTENSION_PENDING',
  /** Unknown clock policy. */
  PolicyNotFound = 'DEADLINE_POLICY_NOT_FOUND',
  /** An active policy for the same kind, channel, category and collective flag exists. */
  PolicyDuplicate = 'DEADLINE_POLICY_DUPLICATE',
  /** No such day override in the calendar. */
  CalendarDayNotFound = 'CALENDAR_DAY_NOT_FOUND',
  /** The year is already marked published. */
  CalendarYearPublished = 'CALENDAR_YEAR_PUBLISHED',
  /** Unknown notification, or somebody else's. */
  NotificationNotFound = 'NOTIFICATION_NOT_FOUND',
  /** Unknown 督办, or one outside the caller's reach. */
  SupervisionNotFound = 'SUPERVISION_NOT_FOUND',
}

const KIND_OF: Record<DeadlineErrorCode, ErrorKind> = {
  [DeadlineErrorCode.Invalid]: ErrorKind.Invalid,
  [DeadlineErrorCode.CaseNotFound]: ErrorKind.NotFound,
  [DeadlineErrorCode.Forbidden]: ErrorKind.Forbidden,
  [DeadlineErrorCode.NoOpenClock]: ErrorKind.Conflict,
  [DeadlineErrorCode.WrongState]: ErrorKind.Conflict,
  [DeadlineErrorCode.ExtensionNotFound]: ErrorKind.NotFound,
  [DeadlineErrorCode.ExtensionPending]: ErrorKind.Conflict,
  [DeadlineErrorCode.PolicyNotFound]: ErrorKind.NotFound,
  [DeadlineErrorCode.PolicyDuplicate]: ErrorKind.Conflict,
  [DeadlineErrorCode.CalendarDayNotFound]: ErrorKind.NotFound,
  [DeadlineErrorCode.CalendarYearPublished]: ErrorKind.Conflict,
  [DeadlineErrorCode.NotificationNotFound]: ErrorKind.NotFound,
  [DeadlineErrorCode.SupervisionNotFound]: ErrorKind.NotFound,
};

/** Every error the deadlines context throws on purpose. */
export class DeadlineError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: DeadlineErrorCode, message: string, details?: FieldProblem[]) {
    super(code, message, details);
    this.kind = KIND_OF[code];
  }

  /** Bad input, naming the fields. */
  static invalid(details: FieldProblem[], message = '输入有误，请检查标出的字段'): DeadlineError {
    return new DeadlineError(DeadlineErrorCode.Invalid, message, details);
  }

  static caseNotFound(): DeadlineError {
    return new DeadlineError(DeadlineErrorCode.CaseNotFound, '案件不存在');
  }

  static forbidden(message: string): DeadlineError {
    return new DeadlineError(DeadlineErrorCode.Forbidden, message);
  }

  static wrongState(message: string): DeadlineError {
    return new DeadlineError(DeadlineErrorCode.WrongState, message);
  }
}
