import { Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@heqi/core';
import { type InboxPage, type NotificationView, NotificationsService } from '@heqi/deadlines';
import { CurrentActor } from '../common/auth/auth.decorators.js';
import {
  ListNotificationsQueryDto,
  NotificationDto,
  NotificationPageDto,
} from './dto/notification.dto.js';

/** The caller's in-app inbox (站内通知): deadline warnings, breaches, calendar alerts. */
@ApiTags('notifications 通知')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(@Inject(NotificationsService) private readonly notifications: NotificationsService) {}

  @Get()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '我的通知（新的在前），附未读总数' })
  @ApiOkResponse({ type: NotificationPageDto })
  inbox(
    @CurrentActor() actor: Actor,
    @Query() query: ListNotificationsQueryDto,
  ): Promise<InboxPage> {
    const { page, pageSize, unread } = query;
    return this.notifications.inbox(actor, { unread }, { page, pageSize });
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '标为已读（再次标记保留首次阅读时间）' })
  @ApiParam({ name: 'id', description: '通知编号（UUID）' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiResponse({ status: 404, description: 'NOTIFICATION_NOT_FOUND（含他人的通知）' })
  markRead(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<NotificationView> {
    return this.notifications.markRead(actor, id);
  }
}
