import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type {
  CalendarDayInput,
  CalendarDayView,
  CalendarYearDetail,
  CalendarYearView,
} from '@heqi/deadlines';

export class CalendarYearParams {
  @ApiProperty({ example: 2027, minimum: 1990, maximum: 2200 })
  @Type(() => Number)
  @IsInt()
  @Min(1990)
  @Max(2200)
  year!: number;
}

export class CalendarDateParams {
  @ApiProperty({ example: '2027-02-06', description: 'YYYY-MM-DD（北京时间的日期）' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' })
  date!: string;
}

export class PutCalendarDayDto implements CalendarDayInput {
  @ApiProperty({
    enum: ['holiday', 'workday'],
    description: 'holiday：工作日放假（须为周一至周五）；workday：周末调休上班（须为周六或周日）',
  })
  @IsIn(['holiday', 'workday'])
  kind!: 'holiday' | 'workday';

  @ApiPropertyOptional({ type: String, maxLength: 50, example: '春节', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  name?: string | null;
}

export class CalendarDayDto implements CalendarDayView {
  @ApiProperty({ example: '2026-02-16' }) date!: string;
  @ApiProperty({ enum: ['holiday', 'workday'] }) kind!: 'holiday' | 'workday';
  @ApiProperty({ nullable: true, type: String, example: '春节' }) name!: string | null;
  @ApiProperty({
    enum: ['official', 'admin'],
    description: 'official：国务院安排（导入）；admin：管理员录入或更正',
  })
  source!: 'official' | 'admin';
  @ApiProperty({ description: '该日的修改次数' }) version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
}

export class CalendarYearDto implements CalendarYearView {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ description: '该年节假日安排已发布；未发布年份的期限按周一至周五推算并标注' })
  published!: boolean;
  @ApiProperty({ enum: ['official', 'admin'] }) source!: 'official' | 'admin';
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) publishedAt!: Date | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: '已就“期限计算到未发布年份”提醒管理员的时间',
  })
  unverifiedAlertedAt!: Date | null;
}

export class CalendarYearListDto {
  @ApiProperty({ type: [CalendarYearDto] }) items!: CalendarYearDto[];
}

export class CalendarYearDetailDto extends CalendarYearDto implements CalendarYearDetail {
  @ApiProperty({
    type: [CalendarDayDto],
    description: '与周一至周五不同的日子（放假日和调休上班日）',
  })
  days!: CalendarDayDto[];
}
