import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CaseStatus } from '@heqi/cases';

export class HotlineReceiptDto {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ example: '南湖-2026-000123' })
  caseNo!: string;

  @ApiProperty({ enum: CaseStatus, enumName: 'CaseStatus', description: 'queued 或 triage' })
  status!: CaseStatus;

  @ApiProperty({ description: '工单编号已存在：返回原案件（HTTP 200）' })
  duplicate!: boolean;
}

class FieldProblemDto {
  @ApiProperty({ example: 'dispatchedAt' })
  field!: string;

  @ApiProperty()
  message!: string;
}

export class BatchOrderErrorDto {
  @ApiProperty({ example: 'INTAKE_INVALID' })
  code!: string;

  @ApiProperty()
  message!: string;

  @ApiPropertyOptional({ type: [FieldProblemDto] })
  details?: FieldProblemDto[];
}

/** One order of a batch: its receipt, or `error`. */
export class BatchOrderResultDto {
  @ApiPropertyOptional({ description: '工单编号（无法识别时省略）' })
  orderNo?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  caseId?: string;

  @ApiPropertyOptional()
  caseNo?: string;

  @ApiPropertyOptional({ enum: CaseStatus, enumName: 'CaseStatus' })
  status?: CaseStatus;

  @ApiPropertyOptional()
  duplicate?: boolean;

  @ApiPropertyOptional({ type: BatchOrderErrorDto, description: '该工单未受理的原因' })
  error?: BatchOrderErrorDto;
}

export class HotlineBatchResultDto {
  @ApiProperty({ type: [BatchOrderResultDto], description: '与请求中的工单一一对应、顺序相同' })
  results!: BatchOrderResultDto[];
}

class ImportRejectionDto {
  @ApiProperty({ description: '行号（表头为第 1 行）' })
  row!: number;

  @ApiPropertyOptional()
  orderNo?: string;

  @ApiProperty()
  reason!: string;
}

export class ImportReportDto {
  @ApiProperty({ description: '数据行数（不含表头和空行）' })
  total!: number;

  @ApiProperty()
  created!: number;

  @ApiProperty({ description: '工单编号已存在的行（重复导入不会新建案件）' })
  duplicates!: number;

  @ApiProperty({ type: [ImportRejectionDto] })
  rejected!: ImportRejectionDto[];
}
