import { ApiProperty } from '@nestjs/swagger';
import { DisputeCategory } from '@heqi/core';
import {
  CaseChannel,
  type CaseHeader,
  CaseOutcome,
  CaseStatus,
  type CaseSummary,
} from '@heqi/cases';

/** What the list and the detail of a case both show. */
export class CaseHeaderDto implements CaseHeader {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '南湖-2026-000123' }) caseNo!: string;
  @ApiProperty({ enum: CaseChannel, enumName: 'CaseChannel' }) channel!: CaseChannel;
  @ApiProperty({ enum: CaseStatus, enumName: 'CaseStatus' }) status!: CaseStatus;
  @ApiProperty({ enum: CaseOutcome, enumName: 'CaseOutcome', nullable: true })
  outcome!: CaseOutcome | null;
  @ApiProperty({ enum: DisputeCategory, enumName: 'DisputeCategory' })
  category!: DisputeCategory;
  @ApiProperty({ description: '集体劳动争议（10 人以上）' }) collective!: boolean;
  @ApiProperty() urgent!: boolean;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ format: 'uuid' }) orgUnitId!: string;
  @ApiProperty({ example: '东港镇' }) orgUnitName!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) mediatorId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '30000.00', description: '元' })
  amountClaimed!: string | null;
  @ApiProperty({ nullable: true, type: Number }) workerCount!: number | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt!: Date | null;
}

/** One line of the case list: no personal data. */
export class CaseSummaryDto extends CaseHeaderDto implements CaseSummary {
  @ApiProperty({ nullable: true, type: String }) employerName!: string | null;
}

export class CasePageDto {
  @ApiProperty({ type: [CaseSummaryDto] }) items!: CaseSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
