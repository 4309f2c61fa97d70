import { DomainError, ErrorKind, type FieldProblem } from '@heqi/core';

/** Codes of the errors the reporting context raises (stable, English; messages are Chinese). */
export enum ReportingErrorCode {
  /** A period, unit or grouping the report cannot take; details name the fields. */
  Invalid = 'REPORT_INVALID',
  /** Not a supervisor or admin, or the unit is unknown or outside the caller's subtree. */
  Forbidden = 'REPORT_FORBIDDEN',
}

const KIND_OF: Record<ReportingErrorCode, ErrorKind> = {
  [ReportingErrorCode.Invalid]: ErrorKind.Invalid,
  [ReportingErrorCode.Forbidden]: ErrorKind.Forbidden,
};

/** Every error the reporting context throws on purpose. */
export class ReportingError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: ReportingErrorCode, message: string, details?: FieldProblem[]) {
    super(code, message, details);
    this.kind = KIND_OF[code];
  }

  static invalid(details: FieldProblem[]): ReportingError {
    return new ReportingError(
      ReportingErrorCode.Invalid,
      '报表参数有误，请检查标出的字段',
      details,
    );
  }

  static forbidden(message: string): ReportingError {
    return new ReportingError(ReportingErrorCode.Forbidden, message);
  }
}
