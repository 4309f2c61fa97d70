import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsString,
  Length,
} from 'class-validator';
import { BudgetUnit, ClockKind, type ClockView, ClockState } from '@heqi/deadlines';

export class ClockBudgetDto {
  @ApiProperty({ example: 5 }) value!: number;
  @ApiProperty({ enum: BudgetUnit, enumName: 'BudgetUnit' }) unit!: BudgetUnit;
}

/** A clock in full (the case detail's `deadlines` shows kind, dueAt and state of each). */
export class ClockDto implements ClockView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ClockKind, enumName: 'ClockKind' }) kind!: ClockKind;
  @ApiProperty({ nullable: true, type: String, description: '同类期限的区分（如分期履行的期数）' })
  ref!: string | null;
  @ApiProperty({ enum: ClockState, enumName: 'ClockState' }) state!: ClockState;
  @ApiProperty({
    type: ClockBudgetDto,
    nullable: true,
    description: '启动时按期限规则确定；为空表示到期时间由调用方给定（如分期履行日）',
  })
  budget!: ClockBudgetDto | null;
  @ApiProperty({ example: 0.8, description: '用时达到该比例时预警' }) warnShare!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: Date;
  @ApiProperty({ format: 'date-time' }) warnAt!: Date;
  @ApiProperty({ format: 'date-time' }) dueAt!: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) pausedAt!: Date | null;
  @ApiProperty({ description: '已计入的暂停时长（分钟；工作时制期限按办公时间计）' })
  pausedMinutes!: number;
  @ApiProperty({ description: '已批准延期的天数' }) extensionDays!: number;
  @ApiProperty({ description: '按周一至周五推算：所跨年份的节假日安排尚未发布' })
  calendarUnverified!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) warnedAt!: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) breachedAt!: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) metAt!: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) stoppedAt!: Date | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'routed',
    description: 'done、routed、offered、contacted、closed、returned',
  })
  stopReason!: string | null;
}

export class ClockListDto {
  @ApiProperty({ type: [ClockDto], description: '按到期时间先后' }) items!: ClockDto[];
}

/** Pausing or resuming clocks. */
export class ChangeClocksDto {
  @ApiProperty({
    enum: ClockKind,
    enumName: 'ClockKind',
    isArray: true,
    example: ['hotline_reply'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsEnum(ClockKind, { each: true })
  kinds!: ClockKind[];

  @ApiProperty({ minLength: 2, maxLength: 500, example: '申请人住院，暂无法联系' })
  @IsString()
  @Length(2, 500)
  reason!: string;
}
