import { DomainError, ErrorKind, type FieldProblem } from '@heqi/core';

/** Codes of the errors the network context raises (stable, English; messages are Chinese). */
export enum NetworkErrorCode {
  /** Input breaks a rule of the network (bad credit code, phone, skills…); details name fields. */
  ValidationFailed = 'VALIDATION_FAILED',
  /** The parent named in the input does not exist or lies outside the caller's reach. */
  ParentNotFound = 'PARENT_NOT_FOUND',
  /** The parent (or the mediator's unit) is deactivated. */
  ParentInactive = 'PARENT_INACTIVE',
  /** The level cannot sit under that parent (district → town → village → enterprise). */
  LevelNotAllowed = 'LEVEL_NOT_ALLOWED',
  /** A unit cannot move under itself or one of its descendants. */
  MoveCycle = 'MOVE_CYCLE',
  /** Unknown, or outside the caller's reach (its existence must not leak). */
  NotFound = 'NOT_FOUND',
  /** The caller's role may not do this at all. */
  Forbidden = 'FORBIDDEN',
  CreditCodeTaken = 'CREDIT_CODE_TAKEN',
  UnitNameTaken = 'UNIT_NAME_TAKEN',
  UnitCodeTaken = 'UNIT_CODE_TAKEN',
  MediatorPhoneTaken = 'MEDIATOR_PHONE_TAKEN',
  /** Deactivating a unit that still has active sub-units or mediators. */
  UnitHasActiveMembers = 'UNIT_HAS_ACTIVE_MEMBERS',
  /** The import file is not a readable CSV or XLSX. */
  ImportUnreadable = 'IMPORT_UNREADABLE',
  /** The import file's header row is missing a column or has an unknown one. */
  ImportBadHeader = 'IMPORT_BAD_HEADER',
  /** The import file holds no data rows, or more than an import may take. */
  ImportBadSize = 'IMPORT_BAD_SIZE',
}

const KIND_OF: Record<NetworkErrorCode, ErrorKind> = {
  [NetworkErrorCode.ValidationFailed]: ErrorKind.Invalid,
  [NetworkErrorCode.ParentNotFound]: ErrorKind.Invalid,
  [NetworkErrorCode.ParentInactive]: ErrorKind.Invalid,
  [NetworkErrorCode.LevelNotAllowed]: ErrorKind.Invalid,
  [NetworkErrorCode.MoveCycle]: ErrorKind.Invalid,
  [NetworkErrorCode.NotFound]: ErrorKind.NotFound,
  [NetworkErrorCode.Forbidden]: ErrorKind.Forbidden,
  [NetworkErrorCode.CreditCodeTaken]: ErrorKind.Conflict,
  [NetworkErrorCode.UnitNameTaken]: ErrorKind.Conflict,
  [NetworkErrorCode.UnitCodeTaken]: ErrorKind.Conflict,
  [NetworkErrorCode.MediatorPhoneTaken]: ErrorKind.Conflict,
  [NetworkErrorCode.UnitHasActiveMembers]: ErrorKind.Conflict,
  [NetworkErrorCode.ImportUnreadable]: ErrorKind.Invalid,
  [NetworkErrorCode.ImportBadHeader]: ErrorKind.Invalid,
  [NetworkErrorCode.ImportBadSize]: ErrorKind.Invalid,
};

/** Every error the network context throws on purpose. */
export class NetworkError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: NetworkErrorCode, message: string, details?: FieldProblem[]) {
    super(code, message, details);
    this.kind = KIND_OF[code];
  }

  /** Bad input, one problem per field. */
  static invalid(details: FieldProblem[]): NetworkError {
    return new NetworkError(
      NetworkErrorCode.ValidationFailed,
      '输入有误，请检查标出的字段',
      details,
    );
  }

  /** An input rule about one field, under its own code. */
  static field(code: NetworkErrorCode, field: string, message: string): NetworkError {
    return new NetworkError(code, message, [{ field, message }]);
  }

  static unitNotFound(): NetworkError {
    return new NetworkError(NetworkErrorCode.NotFound, '单位不存在');
  }

  static mediatorNotFound(): NetworkError {
    return new NetworkError(NetworkErrorCode.NotFound, '调解员不存在');
  }

  static forbidden(message: string): NetworkError {
    return new NetworkError(NetworkErrorCode.Forbidden, message);
  }
}
