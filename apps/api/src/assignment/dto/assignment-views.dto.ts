import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { DisputeCategory } from '@heqi/core';
import { MediatorKind } from '@heqi/network';
import type { MediatorLoad, UnassignedCase } from '@heqi/assignment';
import { PageQueryDto } from '../../common/dto/page-query.dto.js';

export class SubtreeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只看该单位及其下级单位' })
  @IsOptional()
  @IsUUID('all', { message: '必须是 UUID' })
  orgUnitId?: string;
}

export class NoCandidateDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { at_capacity: 3, unavailable: 1 },
    description: '各排除原因的人数',
  })
  reasons!: Record<string, number>;
  @ApiProperty() excludedCount!: number;
}

export class UnassignedCaseDto implements UnassignedCase {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNo!: string;
  @ApiProperty({ enum: DisputeCategory, enumName: 'DisputeCategory' }) category!: DisputeCategory;
  @ApiProperty() collective!: boolean;
  @ApiProperty() urgent!: boolean;
  @ApiProperty({ format: 'uuid' }) orgUnitId!: string;
  @ApiProperty() orgUnitName!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: Date;
  @ApiProperty({ format: 'date-time', description: '最近一次进入待派的时间' })
  waitingSince!: Date;
  @ApiProperty() waitingSeconds!: number;
  @ApiProperty({ description: '派案引擎已尝试的次数' }) attempts!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastAttemptAt!: Date | null;
  @ApiProperty({
    type: NoCandidateDto,
    nullable: true,
    description: '最近一次无人可派的原因；null 表示尚未尝试或即将派出',
  })
  noCandidate!: NoCandidateDto | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: '已提醒督导的时间',
  })
  alertedAt!: Date | null;
}

export class UnassignedPageDto {
  @ApiProperty({ type: [UnassignedCaseDto], description: '等待最久的在前' })
  items!: UnassignedCaseDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class MediatorLoadDto implements MediatorLoad {
  @ApiProperty({ format: 'uuid' }) mediatorId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: MediatorKind, enumName: 'MediatorKind' }) kind!: MediatorKind;
  @ApiProperty({ format: 'uuid' }) orgUnitId!: string;
  @ApiProperty() orgUnitName!: string;
  @ApiProperty() capacity!: number;
  @ApiProperty({ description: '待接受的派案' }) openOffers!: number;
  @ApiProperty({ description: '作为主调解员在办的案件' }) held!: number;
  @ApiProperty({ description: '协同调解中的集体争议' }) coMediating!: number;
  @ApiProperty({ description: 'openOffers + held + coMediating' }) load!: number;
  @ApiProperty({ nullable: true, type: Number, example: 0.4 }) loadRatio!: number | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  unavailableUntil!: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastAssignedAt!: Date | null;
}

export class MediatorLoadPageDto {
  @ApiProperty({ type: [MediatorLoadDto] }) items!: MediatorLoadDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
