import { describe, expect, it } from 'vitest';
import { isMainlandMobile, normalizeMobile } from './mainland-mobile.js';

describe('normalizeMobile', () => {
  it.each([
    ['13912345678', '13912345678'],
    ['19912345678', '19912345678'],
    ['+8613912345678', '13912345678'],
    ['+86 139 1234 5678', '13912345678'],
    ['0086-139-1234-5678', '13912345678'],
    [' 139 1234 5678 ', '13912345678'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeMobile(input)).toBe(expected);
  });

  it.each([
    ['a second-digit 2', '12912345678'],
    ['a second-digit 0', '10012345678'],
    ['10 digits', '1391234567'],
    ['12 digits', '139123456789'],
    ['a landline', '051487654321'],
    ['a bare 86 prefix', '8613912345678'],
    ['letters', '139l2345678'],
    ['empty', ''],
  ])('rejects %s', (_, input) => {
    expect(normalizeMobile(input)).toBeNull();
    expect(isMainlandMobile(input)).toBe(false);
  });

  it.each([null, undefined, 13912345678, ['13912345678']])('rejects the non-string %j', (value) => {
    expect(isMainlandMobile(value)).toBe(false);
  });
});
