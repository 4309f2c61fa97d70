import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { HOTLINE_ORDER_LIMITS as MAX, HOTLINE_URGENCIES, HotlineOrderInput } from '@heqi/intake';

/**
 * A 12345 work order (contract, "Hotline (12345) push"). Validation is the intake lib's, shared
 * with batches and imports; this class only adds the OpenAPI description of each field.
 */
export class HotlineOrderDto extends HotlineOrderInput {}

/** The documentation of every field; `Record` keeps it complete when the input grows a field. */
const FIELDS: Record<keyof HotlineOrderInput, ApiPropertyOptions> = {
  orderNo: {
    example: 'JS12345-20261122-000123',
    maxLength: MAX.orderNo,
    description: '工单编号：同一编号只生成一个案件，重复推送返回原案件（duplicate: true）',
  },
  title: { required: false, nullable: true, maxLength: MAX.title, type: String },
  content: { example: '来电人反映其与10余名工友被拖欠工资3万余元……', maxLength: MAX.content },
  category: {
    required: false,
    nullable: true,
    type: String,
    example: '劳动保障-拖欠工资',
    description: '平台诉求类别（原样保存；争议类别由内容判断）',
  },
  callerName: { required: false, nullable: true, type: String, maxLength: MAX.callerName },
  callerPhone: {
    required: false,
    nullable: true,
    type: String,
    example: '13912345678',
    description: '手机号或带区号固定电话；加密保存，只显示掩码',
  },
  callerIdNumber: {
    required: false,
    nullable: true,
    type: String,
    description: '身份证号（校验 18/15 位格式；加密保存，只显示掩码）',
  },
  eventAddress: { required: false, nullable: true, type: String, maxLength: MAX.eventAddress },
  employerName: { required: false, nullable: true, type: String, maxLength: MAX.employerName },
  employerCreditCode: {
    required: false,
    nullable: true,
    type: String,
    example: '91321012GTW2Y65Y1Q',
    description: '统一社会信用代码（18 位）',
  },
  workerCount: {
    required: false,
    nullable: true,
    type: Number,
    minimum: 1,
    maximum: 100_000,
    description: '涉及人数；10 人及以上为集体劳动争议',
  },
  amountClaimed: {
    required: false,
    nullable: true,
    type: String,
    example: '30000.00',
    description: '涉及金额（元，最多两位小数；字符串或数字）',
  },
  urgency: { required: false, nullable: true, enum: HOTLINE_URGENCIES, default: 'normal' },
  dispatchedAt: {
    format: 'date-time',
    example: '2026-11-22T09:30:00+08:00',
    description: '派单时间（带时区的 ISO 8601）；案件的受理时间',
  },
  replyDeadline: { required: false, nullable: true, type: String, format: 'date-time' },
  handlingUnitCode: {
    required: false,
    nullable: true,
    type: String,
    maxLength: MAX.handlingUnitCode,
    description: '承办单位编码：与组织单位编码相符时决定所属区/县',
  },
};
for (const [field, options] of Object.entries(FIELDS)) {
  ApiProperty(options)(HotlineOrderDto.prototype, field);
}

export class HotlineBatchDto {
  @ApiProperty({
    type: [HotlineOrderDto],
    minItems: 1,
    maxItems: 1000,
    description: '1–1000 个工单；每个工单单独校验、单独处理，一个有误不影响其他',
  })
  @IsArray({ message: '必须是数组' })
  @ArrayMinSize(1, { message: '至少 1 个工单' })
  @ArrayMaxSize(1000, { message: '一次最多 1000 个工单' })
  orders!: unknown[];
}
