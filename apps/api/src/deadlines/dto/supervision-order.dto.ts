import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ClockKind, type SupervisionOrderView } from '@heqi/deadlines';
import { PageQueryDto } from '../../common/dto/page-query.dto.js';

export class ListSupervisionOrdersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  state?: 'open' | 'closed';
}

export class CloseSupervisionOrderDto {
  @ApiProperty({ minLength: 2, maxLength: 500, example: '已约谈承办人，案件当日办结' })
  @IsString()
  @Length(2, 500)
  note!: string;
}

export class SupervisionOrderDto implements SupervisionOrderView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: '南湖-2026-000123' }) caseNo!: string;
  @ApiProperty({ format: 'uuid' }) clockId!: string;
  @ApiProperty({ enum: ClockKind, enumName: 'ClockKind' }) kind!: ClockKind;
  @ApiProperty({ format: 'date-time', description: '超时的期限原到期时间' }) dueAt!: Date;
  @ApiProperty({ format: 'uuid', description: '超时时案件所在单位' }) orgUnitId!: string;
  @ApiProperty() orgUnitName!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) state!: 'open' | 'closed';
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) closeNote!: string | null;
}

export class SupervisionOrderPageDto {
  @ApiProperty({ type: [SupervisionOrderDto] }) items!: SupervisionOrderDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
