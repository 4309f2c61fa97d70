import { ApiProperty } from '@nestjs/swagger';
import type { CaseTimelineItem } from '@heqi/cases';

export class CaseTimelineItemDto implements CaseTimelineItem {
  @ApiProperty({ format: 'date-time' }) at!: Date;
  @ApiProperty({ example: '王受理', description: '操作人姓名，或系统名（如 hotline:js12345）' })
  actor!: string;
  @ApiProperty({ example: 'case.received' }) type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: Record<string, unknown>;
}

export class CaseTimelineDto {
  @ApiProperty({ type: [CaseTimelineItemDto], description: '按时间先后' })
  items!: CaseTimelineItemDto[];
}
