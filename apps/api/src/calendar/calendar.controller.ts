import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Put,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, Role } from '@heqi/core';
import {
  CalendarAdminService,
  type CalendarDayView,
  type CalendarYearDetail,
  type CalendarYearView,
} from '@heqi/deadlines';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import {
  CalendarDateParams,
  CalendarDayDto,
  CalendarYearDetailDto,
  CalendarYearDto,
  CalendarYearListDto,
  CalendarYearParams,
  PutCalendarDayDto,
} from './dto/calendar.dto.js';

/**
 * The working-day calendar (工作日历): China's public holidays and make-up working days, seeded
 * from the official schedule; admins correct days and mark years published. Every change is
 * audited and moves the open clocks it affects.
 */
@ApiTags('calendar 工作日历')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(@Inject(CalendarAdminService) private readonly calendar: CalendarAdminService) {}

  @Get('years')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '日历年份及是否已发布（新年份在前）' })
  @ApiOkResponse({ type: CalendarYearListDto })
  async years(): Promise<{ items: CalendarYearView[] }> {
    return { items: await this.calendar.years() };
  }

  @Get('years/:year')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '某年的日历：是否已发布，以及放假日和调休上班日' })
  @ApiOkResponse({ type: CalendarYearDetailDto })
  @ApiResponse({ status: 400, description: '年份无效' })
  year(@Param() params: CalendarYearParams): Promise<CalendarYearDetail> {
    return this.calendar.year(params.year);
  }

  @Put('days/:date')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '新增或更正一天（管理员）：相关的未结束期限随即重算' })
  @ApiOkResponse({ type: CalendarDayDto })
  @ApiResponse({ status: 400, description: '日期无效，或放假日不在工作日、调休上班日不在周末' })
  @ApiResponse({ status: 403, description: '不是管理员' })
  putDay(
    @CurrentActor() actor: Actor,
    @Param() params: CalendarDateParams,
    @Body() body: PutCalendarDayDto,
  ): Promise<CalendarDayView> {
    return this.calendar.putDay(actor, params.date, body);
  }

  @Delete('days/:date')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: '删除一天的调整（恢复为普通周一至周五安排；管理员）' })
  @ApiNoContentResponse()
  @ApiResponse({ status: 404, description: 'CALENDAR_DAY_NOT_FOUND' })
  deleteDay(@CurrentActor() actor: Actor, @Param() params: CalendarDateParams): Promise<void> {
    return this.calendar.deleteDay(actor, params.date);
  }

  @Post('years/:year/publish')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      '将某年标记为已发布（管理员，录入国务院安排后）：标注“日历未核实”的期限随即按新日历重算',
  })
  @ApiOkResponse({ type: CalendarYearDto })
  @ApiResponse({ status: 409, description: 'CALENDAR_YEAR_PUBLISHED' })
  publish(
    @CurrentActor() actor: Actor,
    @Param() params: CalendarYearParams,
  ): Promise<CalendarYearView> {
    return this.calendar.publishYear(actor, params.year);
  }
}
