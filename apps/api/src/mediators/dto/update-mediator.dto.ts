import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsISO8601,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { DisputeCategory, IsMainlandMobile } from '@heqi/core';
import { MediatorKind, type UpdateMediatorInput } from '@heqi/network';
import { PresentNotNull } from '../../common/dto/field-decorators.js';

/**
 * A change to a mediator: any field of the create body, plus `unavailableUntil`. Mediators and
 * volunteers may send only `unavailableUntil`, for their own record.
 */
export class UpdateMediatorDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @PresentNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ example: '13912345678' })
  @PresentNotNull()
  @IsString()
  @MaxLength(20)
  @IsMainlandMobile()
  phone?: string;

  @ApiPropertyOptional({ enum: MediatorKind, enumName: 'MediatorKind' })
  @PresentNotNull()
  @IsEnum(MediatorKind)
  kind?: MediatorKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @PresentNotNull()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ enum: DisputeCategory, enumName: 'DisputeCategory', isArray: true })
  @PresentNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Object.values(DisputeCategory).length)
  @ArrayUnique()
  @IsEnum(DisputeCategory, { each: true })
  skills?: DisputeCategory[];

  @ApiPropertyOptional({ minimum: 0, maximum: 1000 })
  @PresentNotNull()
  @IsInt()
  @Min(0)
  @Max(1000)
  capacity?: number;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  lawFirm?: string | null;

  @ApiPropertyOptional()
  @PresentNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    type: String,
    example: '2026-12-31T18:00:00+08:00',
    description: '不可用（休假等）截止时间，带时区；null 表示恢复可用',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:?\d{2})$/, { message: '必须是带时区的 ISO 8601 时间' })
  unavailableUntil?: string | null;

  /** The service's input: the time as a Date, everything else as given. */
  toInput(): UpdateMediatorInput {
    const { unavailableUntil, ...rest } = this;
    return {
      ...rest,
      ...(unavailableUntil !== undefined && {
        unavailableUntil: unavailableUntil === null ? null : new Date(unavailableUntil),
      }),
    };
  }
}
