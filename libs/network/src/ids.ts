const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `value` can be an id. Ids from URLs and files are checked before they reach SQL, where
 * a malformed uuid would be a server error instead of "not found".
 */
export const isUuid = (value: unknown): boolean => typeof value === 'string' && UUID.test(value);
