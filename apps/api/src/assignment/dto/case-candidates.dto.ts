import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { CaseStatus } from '@heqi/cases';
import {
  type Breach,
  type CandidateExclusion,
  type CaseCandidates,
  ExclusionReason,
  OfferRole,
  type RankedCandidate,
} from '@heqi/assignment';
import { MediatorKind, OrgUnitLevel } from '@heqi/network';

export class CaseCandidatesQueryDto {
  @ApiPropertyOptional({
    enum: OfferRole,
    enumName: 'OfferRole',
    default: OfferRole.Lead,
    description: 'lead：主调解员（改派）；co：协同调解律师',
  })
  @IsOptional()
  @IsEnum(OfferRole, { message: '只能是 lead 或 co' })
  role?: OfferRole;
}

export class RankedCandidateDto implements RankedCandidate {
  @ApiProperty({ format: 'uuid' }) mediatorId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: MediatorKind, enumName: 'MediatorKind' }) kind!: MediatorKind;
  @ApiProperty({ format: 'uuid' }) orgUnitId!: string;
  @ApiProperty({ enum: OrgUnitLevel, enumName: 'OrgUnitLevel' }) level!: OrgUnitLevel;
  @ApiProperty({ description: '与案件所在单位相隔的层级（0：本单位）' }) distance!: number;
  @ApiProperty({ description: '在办数（待接受派案 + 在办与协同案件）' }) load!: number;
  @ApiProperty() capacity!: number;
  @ApiProperty() loadRatio!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastAssignedAt!:
    string | null;
  @ApiProperty({ description: '排序（1：派案引擎的首选）' }) rank!: number;
  @ApiPropertyOptional({
    enum: [ExclusionReason.EmployedByRespondent],
    description: '因无其他人选而放宽的回避规则',
  })
  waived?: ExclusionReason.EmployedByRespondent;
}

export class BreachDto implements Breach {
  @ApiProperty({ enum: ExclusionReason, enumName: 'ExclusionReason' }) reason!: ExclusionReason;
  @ApiProperty({ description: '督导指定时能否越过该规则' }) overridable!: boolean;
}

export class ExclusionDto implements CandidateExclusion {
  @ApiProperty({ format: 'uuid' }) mediatorId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({
    enum: ExclusionReason,
    enumName: 'ExclusionReason',
    description: '首个不符合的规则',
  })
  reason!: ExclusionReason;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { load: 10, capacity: 10 },
    description: '细节（如容量、律所代理记录、休假至）',
  })
  detail?: Record<string, string | number>;
  @ApiProperty({
    type: [BreachDto],
    description: '不符合的全部规则（首个即 reason）；指定此人即越过这些规则',
  })
  breaches!: BreachDto[];
  @ApiProperty({
    description:
      '督导能否越过这些规则仍指定此人（false：停用、暂不可用、律所回避等，指定将被拒绝）',
  })
  overridable!: boolean;
}

export class CaseCandidatesDto implements CaseCandidates {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNo!: string;
  @ApiProperty({ enum: CaseStatus, enumName: 'CaseStatus' }) status!: CaseStatus;
  @ApiProperty({ enum: OfferRole, enumName: 'OfferRole' }) role!: OfferRole;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: '主调解员（承办或已派）',
  })
  leadMediatorId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: '现任协同律师' })
  coMediatorId!: string | null;
  @ApiProperty({ type: [RankedCandidateDto], description: '符合条件者，按派案规则排序' })
  ranked!: RankedCandidateDto[];
  @ApiProperty({ type: [ExclusionDto], description: '覆盖该地区但不符合条件者及原因' })
  excluded!: ExclusionDto[];
}
