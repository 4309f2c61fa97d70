import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsEnum,
  IsIn,
  IsObject,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { DisputeCategory, IsResidentIdNumber, IsUnifiedSocialCreditCode } from '@heqi/core';
import { CaseChannel } from '@heqi/cases';
import { Money, PhoneNumber, type StaffChannel, Text, WorkerCount, moneyText } from '@heqi/intake';

const STAFF_CHANNELS: StaffChannel[] = [
  CaseChannel.WalkIn,
  CaseChannel.Online,
  CaseChannel.UnionHotline,
  CaseChannel.CourtReferral,
];

const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.replace(/\s/g, '').toUpperCase() : value;

export class ClaimantInputDto {
  @ApiProperty({ example: '张三', maxLength: 50 })
  @Text(50, { required: true })
  name!: string;

  @ApiProperty({ example: '13912345678', description: '手机号或带区号固定电话；加密保存' })
  @PhoneNumber()
  phone!: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: '320102199001011234',
    description: '居民身份证号（校验 GB 11643 校验位）；加密保存',
  })
  @IsOptional()
  @Transform(upper)
  @Text(18)
  @IsResidentIdNumber()
  idNumber?: string | null;
}

export class EmployerInputDto {
  @ApiProperty({ example: '扬州瑞丰五金制造有限公司', maxLength: 200 })
  @Text(200, { required: true })
  name!: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: '91321012GTW2Y65Y1Q' })
  @IsOptional()
  @Transform(upper)
  @Text(18)
  @IsUnifiedSocialCreditCode()
  creditCode?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'uuid',
    description: '用人单位在调解网络中的单位（须在本人管辖范围内）；给出时按该单位受理',
  })
  @IsOptional()
  @IsUUID('all', { message: '必须是 UUID' })
  orgUnitId?: string | null;
}

/** A case registered by staff (contract: `POST /api/v1/cases`). */
export class RegisterCaseDto {
  @ApiProperty({ enum: STAFF_CHANNELS, description: '受理渠道（12345 工单走热线推送或导入）' })
  @IsIn(STAFF_CHANNELS, { message: `取值无效，可选：${STAFF_CHANNELS.join('、')}` })
  channel!: StaffChannel;

  @ApiProperty({ enum: DisputeCategory, enumName: 'DisputeCategory' })
  @IsEnum(DisputeCategory, {
    message: `取值无效，可选：${Object.values(DisputeCategory).join('、')}`,
  })
  category!: DisputeCategory;

  @ApiProperty({ maxLength: 10_000, description: '事由；未填的金额、人数会从中识别' })
  @Text(10_000, { required: true })
  description!: string;

  @ApiProperty({ type: [ClaimantInputDto], minItems: 1, maxItems: 100 })
  @IsArray({ message: '必须是数组' })
  @ArrayMinSize(1, { message: '至少 1 名申请人' })
  @ArrayMaxSize(100, { message: '最多 100 名申请人' })
  @ValidateNested({ each: true })
  @Type(() => ClaimantInputDto)
  claimants!: ClaimantInputDto[];

  @ApiProperty({ type: EmployerInputDto })
  @IsDefined({ message: '必填' })
  @IsObject({ message: '必须是对象' })
  @ValidateNested()
  @Type(() => EmployerInputDto)
  employer!: EmployerInputDto;

  @ApiPropertyOptional({ nullable: true, type: String, example: '30000.00' })
  @IsOptional()
  @Transform(moneyText)
  @Money()
  amountClaimed?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 1, maximum: 100_000 })
  @IsOptional()
  @WorkerCount()
  workerCount?: number | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 500 })
  @IsOptional()
  @Text(500)
  eventAddress?: string | null;
}
