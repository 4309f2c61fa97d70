import { Transform } from 'class-transformer';
import { ValidateIf } from 'class-validator';

/**
 * For PATCH bodies: the field may be left out, but null is not a value it can take (unlike
 * `@IsOptional()`, which lets null through to the service).
 */
export const PresentNotNull = () => ValidateIf((_, value) => value !== undefined);

/**
 * A credit code as people paste it: spaces dropped, upper-cased (GB 32100 prints capitals), and
 * blank read as "none" so a form's empty field does not fail the check.
 */
export const CreditCodeInput = () =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const code = value.replace(/\s/g, '').toUpperCase();
    return code || null;
  });

/** A boolean in a query string: only the two spellings are accepted. */
export const QueryBoolean = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
