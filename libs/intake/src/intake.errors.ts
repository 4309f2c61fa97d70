import { DomainError, ErrorKind, type FieldProblem } from '@heqi/core';

/** Codes of the errors the intake context raises (stable, English; messages are Chinese). */
export enum IntakeErrorCode {
  /** The input breaks a rule; details name the fields. */
  Invalid = 'INTAKE_INVALID',
  /** The employer unit picked on a walk-in form is unknown or outside the caller's reach. */
  EmployerUnitNotFound = 'EMPLOYER_UNIT_NOT_FOUND',
  /** The caller's roles do not allow registering cases. */
  Forbidden = 'INTAKE_FORBIDDEN',
  /** The network has no district yet, so no case can be placed anywhere (not even triage). */
  NoDistrict = 'INTAKE_NO_DISTRICT',
  /** The uploaded file is neither CSV nor XLSX, or cannot be read. */
  ImportUnreadable = 'IMPORT_UNREADABLE',
  /** The file lacks a required column. */
  ImportBadHeader = 'IMPORT_BAD_HEADER',
  /** The request carries no file in the `file` field. */
  ImportNoFile = 'IMPORT_NO_FILE',
  /** The file is larger than the upload limit. */
  ImportTooLarge = 'IMPORT_TOO_LARGE',
}

const KIND_OF: Record<IntakeErrorCode, ErrorKind> = {
  [IntakeErrorCode.Invalid]: ErrorKind.Invalid,
  [IntakeErrorCode.EmployerUnitNotFound]: ErrorKind.Invalid,
  [IntakeErrorCode.Forbidden]: ErrorKind.Forbidden,
  [IntakeErrorCode.NoDistrict]: ErrorKind.Conflict,
  [IntakeErrorCode.ImportUnreadable]: ErrorKind.Invalid,
  [IntakeErrorCode.ImportBadHeader]: ErrorKind.Invalid,
  [IntakeErrorCode.ImportNoFile]: ErrorKind.Invalid,
  [IntakeErrorCode.ImportTooLarge]: ErrorKind.TooLarge,
};

/** Every error the intake context throws on purpose. */
export class IntakeError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: IntakeErrorCode, message: string, details?: FieldProblem[]) {
    super(code, message, details);
    this.kind = KIND_OF[code];
  }

  static invalid(details: FieldProblem[]): IntakeError {
    return new IntakeError(IntakeErrorCode.Invalid, '输入有误，请检查标出的字段', details);
  }

  static noDistrict(): IntakeError {
    return new IntakeError(
      IntakeErrorCode.NoDistrict,
      '调解网络中还没有区/县，无法受理案件，请管理员先建立组织单位',
    );
  }

  static unreadable(message: string): IntakeError {
    return new IntakeError(IntakeErrorCode.ImportUnreadable, message);
  }

  static tooLarge(maxBytes: number): IntakeError {
    return new IntakeError(
      IntakeErrorCode.ImportTooLarge,
      `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB，请拆分后分批导入`,
    );
  }
}
