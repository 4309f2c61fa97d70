const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `value` can be a uuid. Ids from URLs and files are checked before they reach SQL,
 * where a malformed uuid would be a server error (22P02) instead of "not found".
 */
export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID.test(value);
