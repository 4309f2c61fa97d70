import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { OrgUnitLevel } from '@heqi/network';
import { PageQueryDto } from '../../common/dto/page-query.dto.js';
import { QueryBoolean } from '../../common/dto/field-decorators.js';

export class ListOrgUnitsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只看该单位的直接下级' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ enum: OrgUnitLevel, enumName: 'OrgUnitLevel' })
  @IsOptional()
  @IsEnum(OrgUnitLevel)
  level?: OrgUnitLevel;

  @ApiPropertyOptional({ description: '名称或编码包含，或完整的统一社会信用代码', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;
}
