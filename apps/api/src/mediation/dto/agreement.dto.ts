import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional } from 'class-validator';
import { IsoInstant, Money, Text, moneyText } from '@heqi/intake';
import type {
  AgreementView,
  InstalmentStatus,
  InstalmentView,
  PaymentDefaultPacket,
  PaymentLedger,
  PaymentView,
} from '@heqi/mediation';
import { ClaimsDto, PartiesDto } from './close-case.dto.js';

const STATUSES: InstalmentStatus[] = ['pending', 'paid', 'overdue', 'defaulted'];

export class InstalmentDto implements InstalmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: '期次（按履行期限先后）' }) no!: number;
  @ApiProperty({ example: '2026-12-31' }) dueDate!: string;
  @ApiProperty({ example: '12500.00' }) amount!: string;
  @ApiProperty({ example: '0.00' }) paid!: string;
  @ApiProperty({
    enum: STATUSES,
    description:
      'pending 未到期、paid 已付清、overdue 逾期（尚未发出违约提醒）、defaulted 逾期未履行（已提醒）',
  })
  status!: InstalmentStatus;
  @ApiProperty({ nullable: true, type: Date }) paidAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) defaultedAt!: Date | null;
}

export class AgreementDto implements AgreementView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNo!: string;
  @ApiProperty() terms!: string;
  @ApiProperty({ example: '32500.00' }) amountAgreed!: string;
  @ApiProperty({ example: '叁万贰仟伍佰元整', description: '大写金额' }) amountInWords!: string;
  @ApiProperty({ format: 'date-time' }) signedAt!: Date;
  @ApiProperty({ type: PartiesDto }) parties!: PartiesDto;
  @ApiProperty({ type: ClaimsDto }) claims!: ClaimsDto;
  @ApiProperty({ description: '调解组织（案件承办单位）' }) organisation!: string;
  @ApiProperty({ example: '20000.00' }) amountPaid!: string;
  @ApiProperty({ example: '12500.00' }) outstanding!: string;
  @ApiProperty({ type: [InstalmentDto] }) instalments!: InstalmentDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export class RecordPaymentDto {
  @ApiProperty({ example: '20000.00', description: '付款金额（元，大于 0，不超过尚欠金额）' })
  @Transform(moneyText)
  @Money()
  amount!: string;

  @ApiProperty({ example: '2026-11-30T16:00:00+08:00', description: '付款时间' })
  @IsoInstant()
  paidAt!: string;

  @ApiProperty({ required: false, maxLength: 500, example: '银行转账' })
  @IsOptional()
  @Text(500)
  note?: string;
}

class AllocationDto {
  @ApiProperty() no!: number;
  @ApiProperty({ example: '20000.00' }) amount!: string;
}

export class PaymentDto implements PaymentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '20000.00' }) amount!: string;
  @ApiProperty({ format: 'date-time' }) paidAt!: Date;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ type: [AllocationDto], description: '冲抵的期次（先到期的先冲抵）' })
  allocations!: AllocationDto[];
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty({ nullable: true, type: String }) recordedByName!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

class LedgerInstalmentDto {
  @ApiProperty() no!: number;
  @ApiProperty({ example: '2026-12-31' }) dueDate!: string;
  @ApiProperty({ example: '12500.00' }) amount!: string;
  @ApiProperty({ example: '0.00' }) paid!: string;
  @ApiProperty({ enum: STATUSES }) status!: InstalmentStatus;
}

export class PaymentLedgerDto implements PaymentLedger {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) agreementId!: string;
  @ApiProperty({ example: '32500.00' }) amountAgreed!: string;
  @ApiProperty({ example: '20000.00' }) amountPaid!: string;
  @ApiProperty({ example: '12500.00' }) outstanding!: string;
  @ApiProperty({ type: [LedgerInstalmentDto] }) instalments!: LedgerInstalmentDto[];
  @ApiProperty({ type: [PaymentDto] }) payments!: PaymentDto[];
}

class LegalBasisDto {
  @ApiProperty({ example: '《中华人民共和国劳动争议调解仲裁法》' })
  law!: '《中华人民共和国劳动争议调解仲裁法》';
  @ApiProperty({ example: '第十六条' }) article!: '第十六条';
  @ApiProperty({ type: String }) text!: PaymentDefaultPacket['legalBasis']['text'];
}

class PacketAgreementDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() terms!: string;
  @ApiProperty() amountAgreed!: string;
  @ApiProperty() amountInWords!: string;
  @ApiProperty({ format: 'date-time' }) signedAt!: Date;
}

class OwedDto {
  @ApiProperty({ description: '已逾期未付金额' }) overdue!: string;
  @ApiProperty({ description: '已逾期未付金额（大写）' }) overdueInWords!: string;
  @ApiProperty({ description: '协议项下尚欠总额' }) outstanding!: string;
  @ApiProperty() amountPaid!: string;
}

export class PaymentDefaultPacketDto implements PaymentDefaultPacket {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNo!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: Date;
  @ApiProperty({ type: LegalBasisDto }) legalBasis!: PaymentDefaultPacket['legalBasis'];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: '申请人（劳动者）' })
  applicants!: PaymentDefaultPacket['applicants'];
  @ApiProperty({ type: 'object', description: '被申请人（用人单位）', additionalProperties: true })
  respondent!: PaymentDefaultPacket['respondent'];
  @ApiProperty() organisation!: string;
  @ApiProperty({ type: ClaimsDto }) claims!: ClaimsDto;
  @ApiProperty({ type: PacketAgreementDto }) agreement!: PacketAgreementDto;
  @ApiProperty({ type: [InstalmentDto] }) instalments!: InstalmentDto[];
  @ApiProperty({ type: OwedDto }) owed!: OwedDto;
  @ApiProperty({ type: [Number], description: '逾期未履行的期次' }) defaultedInstalments!: number[];
  @ApiProperty({ type: [String], description: '可选的救济途径' }) routes!: string[];
}
