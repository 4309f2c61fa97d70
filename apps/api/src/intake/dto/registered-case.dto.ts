import { ApiProperty } from '@nestjs/swagger';
import { DisputeCategory } from '@heqi/core';
import { CaseChannel, CaseStatus } from '@heqi/cases';

class MaskedClaimantDto {
  @ApiProperty()
  name!: string;

  @ApiProperty({ nullable: true, type: String, example: '139****5678' })
  phoneMasked!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '3201**********1234' })
  idNumberMasked!: string | null;
}

class RegisteredEmployerDto {
  @ApiProperty({ nullable: true, type: String })
  name!: string | null;

  @ApiProperty({ nullable: true, type: String })
  creditCode!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: '匹配到的企业单位' })
  orgUnitId!: string | null;
}

/** The case as registered (the fields of `GET /cases/:id` known at creation). */
export class RegisteredCaseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '南湖-2026-000123' })
  caseNo!: string;

  @ApiProperty({ enum: CaseStatus, enumName: 'CaseStatus', description: 'queued 或 triage' })
  status!: CaseStatus;

  @ApiProperty({ enum: CaseChannel, enumName: 'CaseChannel' })
  channel!: CaseChannel;

  @ApiProperty({ enum: DisputeCategory, enumName: 'DisputeCategory' })
  category!: DisputeCategory;

  @ApiProperty({ description: '集体劳动争议（10 人及以上）' })
  collective!: boolean;

  @ApiProperty()
  urgent!: boolean;

  @ApiProperty({ description: '由镇（街道）一级办理' })
  townLevel!: boolean;

  @ApiProperty()
  description!: string;

  @ApiProperty({ format: 'uuid', description: '受理单位（待分派时为区/县）' })
  orgUnitId!: string;

  @ApiProperty({ type: [MaskedClaimantDto] })
  claimants!: MaskedClaimantDto[];

  @ApiProperty({ type: RegisteredEmployerDto })
  employer!: RegisteredEmployerDto;

  @ApiProperty({ nullable: true, type: String })
  eventAddress!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '30000.00' })
  amountClaimed!: string | null;

  @ApiProperty({ nullable: true, type: Number })
  workerCount!: number | null;

  @ApiProperty({ type: [String], description: '从事由中识别（而非填写）的字段' })
  extractedFields!: string[];

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      '如何确定受理单位：{ by: employer_unit|credit_code|employer_name|employer_name_normalised|address|triage, matched, … }',
  })
  routing!: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: Date;
}
