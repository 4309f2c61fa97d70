import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsUnifiedSocialCreditCode } from '@heqi/core';
import { CreditCodeInput, PresentNotNull } from '../../common/dto/field-decorators.js';

/** A change to a unit: absent fields stay; null clears an optional one. */
export class UpdateOrgUnitDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @PresentNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 50, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  code?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: '仅企业；null 清除' })
  @IsOptional()
  @CreditCodeInput()
  @IsString()
  @MaxLength(18)
  @IsUnifiedSocialCreditCode()
  creditCode?: string | null;

  @ApiPropertyOptional({ maxLength: 500, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string | null;

  @ApiPropertyOptional({
    description: 'false 停用（单位从不删除；须先停用其下级单位和调解员），true 重新启用',
  })
  @PresentNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description: '新的上级单位：连同全部下级单位一起移动；不能移到自身或下级之下',
  })
  @PresentNotNull()
  @IsUUID()
  parentId?: string;
}
