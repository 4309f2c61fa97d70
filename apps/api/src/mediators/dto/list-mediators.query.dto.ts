import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DisputeCategory } from '@heqi/core';
import { MediatorKind } from '@heqi/network';
import { PageQueryDto } from '../../common/dto/page-query.dto.js';
import { QueryBoolean } from '../../common/dto/field-decorators.js';

export class ListMediatorsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只看该单位及其下级单位的调解员' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ enum: MediatorKind, enumName: 'MediatorKind' })
  @IsOptional()
  @IsEnum(MediatorKind)
  kind?: MediatorKind;

  @ApiPropertyOptional({ enum: DisputeCategory, enumName: 'DisputeCategory' })
  @IsOptional()
  @IsEnum(DisputeCategory)
  skill?: DisputeCategory;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ maxLength: 100, description: '姓名或律所包含；或完整手机号（精确匹配）' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
