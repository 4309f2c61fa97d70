import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Role } from '@heqi/core';
import { PageQueryDto } from '../../common/dto/page-query.dto.js';

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '用户名或姓名包含' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;

  @ApiPropertyOptional({ enum: Role, enumName: 'Role' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  // Query strings carry text: only the two spellings of a boolean are accepted.
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: '只看该单位及其下级单位的用户' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}
