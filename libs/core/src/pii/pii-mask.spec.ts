import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from './pii-mask.js';

describe('maskPhone', () => {
  it.each([
    ['13912345678', '139****5678'],
    ['+86 139-1234-5678', '139****5678'],
    ['0514-87654321', '051*****4321'],
    ['87654321', '******21'],
    ['12345', '****5'],
    ['110', '**0'],
    ['12', '**'],
    ['', ''],
  ])('%j → %j', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('passes null and undefined through as null', () => {
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone(undefined)).toBeNull();
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['320102199001011234', '3201**********1234'],
    ['32010219900101123x', '3201**********123X'],
    ['320102900101123', '3201*******1123'],
    ['E12345678', '******678'],
    ['H1234567890', '********890'],
  ])('%j → %j', (idNumber, masked) => {
    expect(maskIdNumber(idNumber)).toBe(masked);
  });

  it('passes null and undefined through as null', () => {
    expect(maskIdNumber(null)).toBeNull();
    expect(maskIdNumber(undefined)).toBeNull();
  });
});
