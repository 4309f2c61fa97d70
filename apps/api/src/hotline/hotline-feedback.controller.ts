import { Body, Controller, HttpCode, HttpStatus, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { HotlineCaller as Caller } from '@heqi/intake';
import { HotlineFeedbackService } from '@heqi/hotline';
import { HotlineFeedbackDto, HotlineFeedbackReceiptDto } from './dto/hotline-feedback.dto.js';
import { HotlineCaller } from './hotline-caller.decorator.js';
import { HOTLINE_SIGNATURE_RULE, HotlineSigned } from './hotline-signed.decorator.js';

/** 回访 from the 12345 platform. */
@ApiTags('hotline 12345 对接')
@Controller('hotline/orders')
export class HotlineFeedbackController {
  constructor(@Inject(HotlineFeedbackService) private readonly feedback: HotlineFeedbackService) {}

  @Post(':orderNo/feedback')
  @HotlineSigned()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: '推送回访结果（签名请求）',
    description:
      '登记来电人对办结答复的满意度。不满意（unsatisfied）时案件重办：回到调解中，由原调解员承办，' +
      '重新计算办结回复期限，再次结案后重新答复。同一回访（工单编号、回访时间、结果均相同）重复推送返回 200 ' +
      `且 duplicate: true，不重复登记、不重复重办。${HOTLINE_SIGNATURE_RULE}`,
  })
  @ApiResponse({ status: 201, type: HotlineFeedbackReceiptDto, description: '已登记' })
  @ApiOkResponse({ type: HotlineFeedbackReceiptDto, description: '重复推送：此前已登记' })
  @ApiResponse({ status: 400, description: '回访内容有误（details 指明字段）' })
  @ApiResponse({ status: 401, description: 'HOTLINE_BAD_SIGNATURE' })
  @ApiResponse({ status: 404, description: 'HOTLINE_ORDER_NOT_FOUND：未收到过该工单' })
  @ApiResponse({ status: 409, description: 'HOTLINE_CASE_NOT_CLOSED：案件尚未办结' })
  async record(
    @HotlineCaller() caller: Caller,
    @Param('orderNo') orderNo: string,
    @Body() body: HotlineFeedbackDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HotlineFeedbackReceiptDto> {
    const receipt = await this.feedback.record(caller, orderNo, {
      result: body.result,
      comment: body.comment ?? null,
      visitedAt: new Date(body.visitedAt),
    });
    if (receipt.duplicate) res.status(HttpStatus.OK);
    return receipt;
  }
}
