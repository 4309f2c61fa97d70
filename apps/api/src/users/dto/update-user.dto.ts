import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { Role } from '@heqi/core';
import { PresentNotNull } from '../../common/dto/field-decorators.js';
import { trimmed } from './create-user.dto.js';

/** A change to a user: absent fields stay as they are. */
export class UpdateUserDto {
  @ApiPropertyOptional({ example: '张三', maxLength: 100 })
  @PresentNotNull()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({
    enum: Role,
    isArray: true,
    enumName: 'Role',
    description: '不再含 mediator / volunteer 且未给出 mediatorId 时，自动解除调解员关联',
  })
  @PresentNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'null：全区范围（仅管理员）',
  })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'null：解除关联',
  })
  @IsOptional()
  @IsUUID()
  mediatorId?: string | null;

  @ApiPropertyOptional({ description: 'false：停用账号，并立即注销其全部登录' })
  @PresentNotNull()
  @IsBoolean()
  active?: boolean;
}
