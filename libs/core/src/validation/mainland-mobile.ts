/** Mainland mobile numbers: 11 digits, 1 then a 3–9 network digit (MIIT numbering plan). */
const MOBILE = /^1[3-9]\d{9}$/;

/** Separators people type inside numbers: spaces (incl. full-width) and ASCII dashes. */
const SEPARATORS = /[\s-]/g;

/**
 * Reduces a mainland mobile number as typed (`+86 139-1234-5678`, `008613912345678`) to its
 * 11 digits, or returns null when it is not one.
 */
export function normalizeMobile(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const digits = value.replace(SEPARATORS, '').replace(/^(?:\+86|0086)/, '');
  return MOBILE.test(digits) ? digits : null;
}

/** True for a mainland mobile number, tolerating a +86/0086 prefix, spaces and dashes. */
export function isMainlandMobile(value: unknown): boolean {
  return normalizeMobile(value) !== null;
}
