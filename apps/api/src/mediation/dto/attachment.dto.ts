import { ApiProperty } from '@nestjs/swagger';
import type { AttachmentView } from '@heqi/mediation';

export class AttachmentDto implements AttachmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: '工资条.pdf' }) fileName!: string;
  @ApiProperty({ example: 'application/pdf', description: '按文件内容识别的类型' })
  contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'SHA-256（十六进制）' }) sha256!: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy!: string;
  @ApiProperty({ nullable: true, type: String }) uploadedByName!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export class AttachmentListDto {
  @ApiProperty({ type: [AttachmentDto] }) items!: AttachmentDto[];
}
