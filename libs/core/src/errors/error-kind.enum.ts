/**
 * What went wrong, as the caller should understand it. Every domain error carries one kind; the
 * API's error filter maps kinds to HTTP statuses with one exhaustive switch, so a lib never knows
 * about HTTP and core never needs to know every lib's codes.
 */
export enum ErrorKind {
  /** Bad input: 400 with field details. */
  Invalid = 'invalid',
  /** Not authenticated: 401. */
  Unauthenticated = 'unauthenticated',
  /** Authenticated but not allowed: 403. */
  Forbidden = 'forbidden',
  /** Unknown, or outside the caller's reach (so its existence does not leak): 404. */
  NotFound = 'not_found',
  /** Wrong state or duplicate: 409. */
  Conflict = 'conflict',
  /** Body too large: 413. */
  TooLarge = 'too_large',
  /** Throttled: 429. */
  TooManyRequests = 'too_many_requests',
  /** A dependency is down: 503. */
  Unavailable = 'unavailable',
  /** An upload of a type that is not accepted (checked by its content): 415. */
  UnsupportedMediaType = 'unsupported_media_type',
}
