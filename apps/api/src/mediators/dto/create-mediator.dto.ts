import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { DisputeCategory, IsMainlandMobile } from '@heqi/core';
import { MediatorKind } from '@heqi/network';

const CATEGORY_COUNT = Object.values(DisputeCategory).length;

/** Law firm: required for volunteer lawyers (conflict checks compare it), optional otherwise. */
export const LawFirmRule = () =>
  ValidateIf(
    (o: { kind?: MediatorKind; lawFirm?: string | null }) =>
      o.kind === MediatorKind.VolunteerLawyer || (o.lawFirm !== undefined && o.lawFirm !== null),
  );

export class CreateMediatorDto {
  @ApiProperty({ example: '张敏', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({
    example: '13912345678',
    description: '大陆手机号（可带 +86、空格或短横线）；加密保存，响应中只返回掩码',
  })
  @IsString()
  @MaxLength(20)
  @IsMainlandMobile()
  phone!: string;

  @ApiProperty({ enum: MediatorKind, enumName: 'MediatorKind' })
  @IsEnum(MediatorKind)
  kind!: MediatorKind;

  @ApiProperty({ format: 'uuid', description: '所属单位（覆盖其下级子树）' })
  @IsUUID()
  orgUnitId!: string;

  @ApiProperty({ enum: DisputeCategory, enumName: 'DisputeCategory', isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CATEGORY_COUNT)
  @ArrayUnique()
  @IsEnum(DisputeCategory, { each: true })
  skills!: DisputeCategory[];

  @ApiProperty({ minimum: 0, maximum: 1000, description: '同时承办的最大案件数' })
  @IsInt()
  @Min(0)
  @Max(1000)
  capacity!: number;

  @ApiPropertyOptional({
    maxLength: 200,
    nullable: true,
    type: String,
    description: '律师事务所：志愿律师必填',
  })
  @LawFirmRule()
  @IsString()
  @IsNotEmpty({ message: '志愿律师必须填写所在律师事务所' })
  @MaxLength(200)
  lawFirm?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
