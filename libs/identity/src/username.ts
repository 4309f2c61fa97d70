/** A stored username: 3–64 characters of lower-case letters, digits, `_`, `.` and `-`. */
export const USERNAME_PATTERN = /^[a-z0-9_.-]{3,64}$/;

export const USERNAME_RULE_MESSAGE = '用户名须为 3–64 位小写字母、数字或 _ . -';

/**
 * Usernames are case-insensitive: stored and compared lower-case, surrounding blanks dropped.
 * Applied to what users type at login as well as to what admins create.
 */
export function normalizeUsername(raw: string): string {
  return raw.trim().toLowerCase();
}
