import 'reflect-metadata';
import { IsOptional, validate } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from './credit-code.js';
import {
  IsMainlandMobile,
  IsResidentIdNumber,
  IsUnifiedSocialCreditCode,
} from './identity-validators.js';
import { residentIdCheckChar } from './resident-id-number.js';

class ClaimantDto {
  @IsMainlandMobile()
  phone!: unknown;

  @IsOptional()
  @IsResidentIdNumber()
  idNumber?: unknown;

  @IsOptional()
  @IsUnifiedSocialCreditCode({ message: '用人单位信用代码有误' })
  employerCreditCode?: unknown;
}

const ID_NUMBER = `32010219900101123${residentIdCheckChar('32010219900101123')}`;
const CREDIT_CODE = `91321012MA1234567${creditCodeCheckChar('91321012MA1234567')}`;

/** Validates a DTO and returns its failures as property → constraint name → message. */
async function errorsOf(values: Partial<ClaimantDto>) {
  const errors = await validate(Object.assign(new ClaimantDto(), values));
  return Object.fromEntries(errors.map((error) => [error.property, error.constraints]));
}

describe('identity validators', () => {
  it('accept valid values', async () => {
    expect(
      await errorsOf({
        phone: '+86 139-1234-5678',
        idNumber: ID_NUMBER,
        employerCreditCode: CREDIT_CODE,
      }),
    ).toEqual({});
  });

  it('reject invalid values with the Chinese default messages', async () => {
    expect(
      await errorsOf({
        phone: '12912345678',
        idNumber: withWrongCheck(ID_NUMBER),
        employerCreditCode: 'not a code',
      }),
    ).toEqual({
      phone: { isMainlandMobile: 'phone 不是有效的手机号码' },
      idNumber: { isResidentIdNumber: 'idNumber 不是有效的居民身份证号码（GB 11643 校验位不符）' },
      employerCreditCode: { isUnifiedSocialCreditCode: '用人单位信用代码有误' },
    });
  });

  it('skip absent optional values but not a missing required one', async () => {
    expect(await errorsOf({ idNumber: null, employerCreditCode: undefined })).toEqual({
      phone: { isMainlandMobile: 'phone 不是有效的手机号码' },
    });
  });

  it('reject non-string values', async () => {
    const errors = await errorsOf({
      phone: 13912345678,
      idNumber: Number(ID_NUMBER.slice(0, 17)),
      employerCreditCode: ['91321012GTW2Y65Y1Q'],
    });
    expect(Object.keys(errors).sort()).toEqual(['employerCreditCode', 'idNumber', 'phone']);
  });

  it('uses the standard default message for the credit code', async () => {
    class EmployerDto {
      @IsUnifiedSocialCreditCode()
      creditCode!: string;
    }
    const [error] = await validate(Object.assign(new EmployerDto(), { creditCode: 'x' }));
    expect(error.constraints).toEqual({
      isUnifiedSocialCreditCode: 'creditCode 不是有效的统一社会信用代码（GB 32100 校验位不符）',
    });
  });
});

function withWrongCheck(id: string): string {
  return id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
}
