import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import type { NotificationView } from '@heqi/deadlines';
import { PageQueryDto } from '../../common/dto/page-query.dto.js';
import { QueryBoolean } from '../../common/dto/field-decorators.js';

export class ListNotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: 'true：只看未读；false：只看已读' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  unread?: boolean;
}

export class NotificationDto implements NotificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    example: 'deadline.warned',
    description: 'deadline.warned、deadline.breached、calendar.unverified',
  })
  kind!: string;
  @ApiProperty({ example: '期限预警：南湖-2026-000123 12345 工单办结回复' }) title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) caseId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt!: Date | null;
  @ApiProperty({
    enum: ['pending', 'sent', 'no_phone', 'failed'],
    description: '短信通道：pending 待发送，sent 已发送，no_phone 无手机号（仅站内）',
  })
  smsState!: NotificationView['smsState'];
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: '未读总数' }) unread!: number;
}
