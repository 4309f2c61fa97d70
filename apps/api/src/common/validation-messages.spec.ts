import 'reflect-metadata';
import { Type, plainToInstance } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsPostalCode,
  IsString,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
  validate,
} from 'class-validator';
import { describe, expect, it } from 'vitest';
import { toFieldProblems } from './validation-messages.js';

class ClaimantDto {
  @IsString()
  @MaxLength(20)
  name!: string;

  @Matches(/^1\d{10}$/, { message: '手机号格式不正确' })
  phone!: string;

  @IsOptional()
  @IsString()
  idNumber?: string;
}

class EmployerDto {
  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsOptional()
  @Length(18, 18)
  creditCode?: string;
}

class CreateCaseDto {
  @IsIn(['walk_in', 'online'])
  channel!: string;

  @IsString()
  @MaxLength(200)
  description!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ClaimantDto)
  claimants!: ClaimantDto[];

  @ValidateNested()
  @Type(() => EmployerDto)
  employer!: EmployerDto;

  @IsOptional()
  @IsInt()
  @Min(1)
  workerCount?: number;

  /** A constraint without a Chinese text: its English message is passed through. */
  @IsOptional()
  @IsPostalCode('CN')
  postalCode?: string;
}

const valid = () => ({
  channel: 'walk_in',
  description: '拖欠三个月工资',
  claimants: [
    { name: '张三', phone: '13912345678' },
    { name: '李四', phone: '13812345678', idNumber: '320102199001011234' },
  ],
  employer: { name: '某某建筑有限公司' },
});

/** Runs the same options as the API's global ValidationPipe and flattens the result. */
async function problemsOf(plain: object) {
  const errors = await validate(plainToInstance(CreateCaseDto, plain), {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  return toFieldProblems(errors);
}

describe('toFieldProblems', () => {
  it('finds nothing in valid input', async () => {
    expect(await problemsOf(valid())).toEqual([]);
  });

  it('paths a field of an array item as array.index.field, keeping a custom Chinese message', async () => {
    const input = valid();
    input.claimants[1]!.phone = '12345';
    expect(await problemsOf(input)).toEqual([
      { field: 'claimants.1.phone', message: '手机号格式不正确' },
    ]);
  });

  it('paths a field of a nested object as object.field', async () => {
    const input = { ...valid(), employer: { name: '' } };
    expect(await problemsOf(input)).toEqual([{ field: 'employer.name', message: '不能为空' }]);
  });

  it('reports unknown fields at every depth as 不允许的字段', async () => {
    const input = {
      ...valid(),
      priority: 'high',
      claimants: [{ name: '张三', phone: '13912345678', nickname: '小张' }],
      employer: { name: '某某公司', boss: '王五' },
    };
    expect(await problemsOf(input)).toEqual(
      expect.arrayContaining([
        { field: 'priority', message: '不允许的字段' },
        { field: 'claimants.0.nickname', message: '不允许的字段' },
        { field: 'employer.boss', message: '不允许的字段' },
      ]),
    );
    expect(await problemsOf(input)).toHaveLength(3);
  });

  it('carries the number of a length limit over', async () => {
    const input = valid();
    input.description = '欠'.repeat(201);
    input.claimants[0]!.name = '名'.repeat(21);
    expect(await problemsOf(input)).toEqual([
      { field: 'description', message: '不能超过 200 个字符' },
      { field: 'claimants.0.name', message: '不能超过 20 个字符' },
    ]);
  });

  // class-validator names @Length's constraint `isLength`.
  it('translates @Length', async () => {
    const input = { ...valid(), employer: { name: '某某公司', creditCode: '91320' } };
    const [problem] = await problemsOf(input);
    expect(problem).toEqual({ field: 'employer.creditCode', message: expect.stringMatching(/18/) });
    expect(problem!.message).toMatch(/[\u4e00-\u9fff]/);
  });

  // The English text starts with the property name: a digit in it (`line2`) is not the limit.
  it('carries the limit over when the property name has a digit', async () => {
    class AddressDto {
      @MaxLength(100)
      line2!: string;
    }
    const errors = await validate(plainToInstance(AddressDto, { line2: '路'.repeat(101) }));
    expect(toFieldProblems(errors)).toEqual([{ field: 'line2', message: '不能超过 100 个字符' }]);
  });

  it('lists the allowed values of an enumeration', async () => {
    expect(await problemsOf({ ...valid(), channel: 'fax' })).toEqual([
      { field: 'channel', message: '取值无效，可选：walk_in, online' },
    ]);
  });

  it('translates size and range limits', async () => {
    expect(await problemsOf({ ...valid(), claimants: [], workerCount: 0 })).toEqual([
      { field: 'claimants', message: '至少 1 项' },
      { field: 'workerCount', message: '不能小于 1' },
    ]);
  });

  it('reports every failed constraint of a missing field', async () => {
    const { description: _description, ...input } = valid();
    expect(await problemsOf(input)).toEqual([
      { field: 'description', message: '不能超过 200 个字符' },
      { field: 'description', message: '必须是字符串' },
    ]);
  });

  it('reports a nested object sent as a scalar', async () => {
    expect(await problemsOf({ ...valid(), employer: '某某公司' })).toEqual([
      { field: 'employer', message: '必须是对象或对象数组' },
    ]);
  });

  it('passes through the English text of a constraint it has no translation for', async () => {
    expect(await problemsOf({ ...valid(), postalCode: '2250' })).toEqual([
      { field: 'postalCode', message: 'postalCode must be a postal code' },
    ]);
  });

  it('prefixes the paths with a parent when given one', async () => {
    const errors = await validate(plainToInstance(ClaimantDto, { name: '张三', phone: 'x' }));
    expect(toFieldProblems(errors, 'claimants.3')).toEqual([
      { field: 'claimants.3.phone', message: '手机号格式不正确' },
    ]);
  });
});
