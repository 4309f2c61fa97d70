import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CaseStatus } from '@heqi/cases';
import { type OfferAnswer, OfferRole } from '@heqi/assignment';

export class DeclineOfferDto {
  @ApiProperty({ minLength: 2, maxLength: 500, example: '与申请人是亲属关系，需回避' })
  @IsString()
  @Length(2, 500)
  reason!: string;
}

/** The case after accepting or declining. */
export class OfferAnswerDto implements OfferAnswer {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNo!: string;
  @ApiProperty({ enum: CaseStatus, enumName: 'CaseStatus', example: CaseStatus.InMediation })
  status!: CaseStatus;
  @ApiProperty({ enum: OfferRole, enumName: 'OfferRole' }) role!: OfferRole;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: '主调解员' })
  mediatorId!: string | null;
  @ApiProperty({ format: 'date-time' }) answeredAt!: Date;
}
