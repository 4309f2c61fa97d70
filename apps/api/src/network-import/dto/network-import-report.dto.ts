import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class ImportCreatedDto {
  @ApiProperty()
  units!: number;

  @ApiProperty()
  mediators!: number;
}

class ImportRowNoteDto {
  @ApiPropertyOptional({ description: '工作表名（仅 XLSX）' })
  sheet?: string;

  @ApiProperty({ description: '表格中的行号（表头为第 1 行）' })
  row!: number;

  @ApiProperty({
    example: '统一社会信用代码：不是有效的统一社会信用代码（应为 18 位，GB 32100 校验位须相符）',
  })
  reason!: string;
}

export class NetworkImportReportDto {
  @ApiProperty({ description: '读到的数据行数' })
  rows!: number;

  @ApiProperty({ type: ImportCreatedDto })
  created!: ImportCreatedDto;

  @ApiProperty({
    type: [ImportRowNoteDto],
    description: '已存在而跳过的行（重复导入不会重复创建）',
  })
  skipped!: ImportRowNoteDto[];

  @ApiProperty({ type: [ImportRowNoteDto], description: '被拒绝的行及原因；其他行照常导入' })
  rejected!: ImportRowNoteDto[];
}
