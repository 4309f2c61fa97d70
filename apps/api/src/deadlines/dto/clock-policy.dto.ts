import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { DisputeCategory } from '@heqi/core';
import { CaseChannel } from '@heqi/cases';
import {
  BudgetUnit,
  ClockKind,
  type ClockPolicyPatch,
  type ClockPolicyView,
  type NewClockPolicy,
} from '@heqi/deadlines';
import { PresentNotNull } from '../../common/dto/field-decorators.js';

const BUDGET_VALUE = { type: Number, minimum: 0.001, maximum: 9_999_999, example: 2 };

export class ClockPolicyDto implements ClockPolicyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ClockKind, enumName: 'ClockKind' }) kind!: ClockKind;
  @ApiProperty({ nullable: true, type: String, description: '受理渠道；空表示任意' })
  channel!: string | null;
  @ApiProperty({ nullable: true, type: String, description: '争议类别；空表示任意' })
  category!: string | null;
  @ApiProperty({ nullable: true, type: Boolean, description: '集体争议；空表示任意' })
  collective!: boolean | null;
  @ApiProperty({ nullable: true, type: Number }) budgetValue!: number | null;
  @ApiProperty({ enum: BudgetUnit, enumName: 'BudgetUnit', nullable: true })
  budgetUnit!: BudgetUnit | null;
  @ApiProperty({ example: 0.8 }) warnShare!: number;
  @ApiProperty({ description: '延期累计上限（天）；0 表示不可延期' }) maxExtensionDays!: number;
  @ApiProperty({ nullable: true, type: String, description: '依据（法条或服务规范）' })
  basis!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
}

export class ClockPolicyListDto {
  @ApiProperty({ type: [ClockPolicyDto] }) items!: ClockPolicyDto[];
}

/** A new policy; channel, category and collective left out (or null) mean "any". */
export class CreateClockPolicyDto implements NewClockPolicy {
  @ApiProperty({ enum: ClockKind, enumName: 'ClockKind' })
  @IsEnum(ClockKind)
  kind!: ClockKind;

  @ApiPropertyOptional({ enum: CaseChannel, enumName: 'CaseChannel', nullable: true })
  @IsOptional()
  @IsEnum(CaseChannel)
  channel?: CaseChannel | null;

  @ApiPropertyOptional({ enum: DisputeCategory, enumName: 'DisputeCategory', nullable: true })
  @IsOptional()
  @IsEnum(DisputeCategory)
  category?: DisputeCategory | null;

  @ApiPropertyOptional({ nullable: true, type: Boolean })
  @IsOptional()
  @IsBoolean()
  collective?: boolean | null;

  @ApiPropertyOptional({
    ...BUDGET_VALUE,
    nullable: true,
    description: '时限数值；仅调解协议履行可为空（到期日由协议给定）。按日、按月须为整数',
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0.001)
  @Max(9_999_999)
  budgetValue?: number | null;

  @ApiPropertyOptional({ enum: BudgetUnit, enumName: 'BudgetUnit', nullable: true })
  @IsOptional()
  @IsEnum(BudgetUnit)
  budgetUnit?: BudgetUnit | null;

  @ApiPropertyOptional({ minimum: 0.05, maximum: 0.99, default: 0.8 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0.05)
  @Max(0.99)
  warnShare?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 366, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(366)
  maxExtensionDays?: number;

  @ApiPropertyOptional({ type: String, maxLength: 200, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  basis?: string | null;
}

/** A change to a policy; who it applies to cannot change (deactivate it and add another). */
export class UpdateClockPolicyDto implements ClockPolicyPatch {
  @ApiPropertyOptional({ ...BUDGET_VALUE, nullable: true })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0.001)
  @Max(9_999_999)
  budgetValue?: number | null;

  @ApiPropertyOptional({ enum: BudgetUnit, enumName: 'BudgetUnit', nullable: true })
  @IsOptional()
  @IsEnum(BudgetUnit)
  budgetUnit?: BudgetUnit | null;

  @ApiPropertyOptional({ minimum: 0.05, maximum: 0.99 })
  @PresentNotNull()
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0.05)
  @Max(0.99)
  warnShare?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 366 })
  @PresentNotNull()
  @IsInt()
  @Min(0)
  @Max(366)
  maxExtensionDays?: number;

  @ApiPropertyOptional({ type: String, maxLength: 200, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  basis?: string | null;

  @ApiPropertyOptional({ description: '停用后新案件不再适用；已启动的期限不受影响' })
  @PresentNotNull()
  @IsBoolean()
  active?: boolean;
}
