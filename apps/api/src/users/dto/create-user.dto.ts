import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { Role } from '@heqi/core';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_PATTERN,
  USERNAME_RULE_MESSAGE,
  normalizeUsername,
} from '@heqi/identity';

/** Trims a string field (other types are left for the validators to refuse). */
export const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

export class CreateUserDto {
  @ApiProperty({
    example: 'zhangsan',
    pattern: USERNAME_PATTERN.source,
    description: '3–64 位小写字母、数字或 _ . -；大写字母会转成小写',
  })
  @Transform(({ value }) => (typeof value === 'string' ? normalizeUsername(value) : value))
  @IsString()
  @MaxLength(64)
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE_MESSAGE })
  username!: string;

  @ApiProperty({
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description: `至少 ${PASSWORD_MIN_LENGTH} 个字符，不能与用户名相同`,
  })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiProperty({ example: '张三', maxLength: 100 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName!: string;

  @ApiProperty({ enum: Role, isArray: true, enumName: 'Role', example: [Role.Intake] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles!: Role[];

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: '所属单位；只有管理员可以为 null（全区范围）',
  })
  @ValidateIf((_, value) => value !== null)
  @IsDefined({ message: '必填（全区管理员填 null）' })
  @IsUUID()
  orgUnitId!: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: '调解员、志愿律师账号必填：对应的调解员（须在所属单位及其下级单位内）',
  })
  @IsOptional()
  @IsUUID()
  mediatorId?: string | null;
}
