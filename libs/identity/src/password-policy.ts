import type { FieldProblem } from '@heqi/core';

export const PASSWORD_MIN_LENGTH = 10;
/** Bounds the work argon2 does for one request; no real password is longer. */
export const PASSWORD_MAX_LENGTH = 128;

/**
 * What is wrong with `password` for the account `username` (empty when it is acceptable).
 * Length counts characters as people see them (a CJK character is one), not UTF-16 units.
 */
export function passwordProblems(
  password: string,
  username: string,
  field = 'password',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push({ field, message: `密码至少 ${PASSWORD_MIN_LENGTH} 个字符` });
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push({ field, message: `密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符` });
  }
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) {
    problems.push({ field, message: '密码不能与用户名相同' });
  }
  if (password.trim() === '') {
    problems.push({ field, message: '密码不能全是空白字符' });
  }
  return problems;
}
