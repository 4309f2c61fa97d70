import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { RevealedClaimant } from '@heqi/cases';

export class RevealClaimantsDto {
  @ApiProperty({
    minLength: 2,
    maxLength: 200,
    example: '联系申请人确认调解时间',
    description: '查看原因，记入审计日志',
  })
  @IsString()
  @Length(2, 200)
  reason!: string;
}

export class RevealedClaimantDto implements RevealedClaimant {
  @ApiProperty({ example: '张三' }) name!: string;
  @ApiProperty({ nullable: true, type: String, example: '13912345678' }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '320102199001011234' })
  idNumber!: string | null;
}

export class RevealedClaimantsDto {
  @ApiProperty({ type: [RevealedClaimantDto] }) claimants!: RevealedClaimantDto[];
}
