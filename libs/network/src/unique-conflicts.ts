import { QueryFailedError } from 'typeorm';
import { NetworkError, NetworkErrorCode } from './network.errors.js';

/**
 * The unique indexes of the network tables and what each means to the user. The indexes are the
 * guarantee (two concurrent creates cannot both win); checking beforehand would only race.
 */
const CONFLICTS: Record<string, () => NetworkError> = {
  org_unit_credit_code_key: () =>
    NetworkError.field(NetworkErrorCode.CreditCodeTaken, 'creditCode', '该统一社会信用代码已登记'),
  org_unit_sibling_name_key: () =>
    NetworkError.field(NetworkErrorCode.UnitNameTaken, 'name', '同一上级单位下已有同名单位'),
  org_unit_code_key: () =>
    NetworkError.field(NetworkErrorCode.UnitCodeTaken, 'code', '该单位编码已被使用'),
  mediator_unit_phone_key: () =>
    NetworkError.field(
      NetworkErrorCode.MediatorPhoneTaken,
      'phone',
      '该单位已有使用此手机号的调解员',
    ),
};

/** Postgres' SQLSTATE for unique_violation. */
const UNIQUE_VIOLATION = '23505';

/** Turns a unique violation on a known index into its 409; anything else is rethrown as is. */
export function rethrowConflict(err: unknown): never {
  if (err instanceof QueryFailedError) {
    const driver = err.driverError as { code?: string; constraint?: string };
    const conflict = driver.code === UNIQUE_VIOLATION && CONFLICTS[driver.constraint ?? ''];
    if (conflict) throw conflict();
  }
  throw err;
}
