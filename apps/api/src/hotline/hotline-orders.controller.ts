import type { Readable } from 'node:stream';
import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Inject,
  Post,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, Role } from '@heqi/core';
import {
  HotlineImportService,
  IntakeService,
  type HotlineCaller as Caller,
  type ImportReport,
} from '@heqi/intake';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import { HotlineBatchDto, HotlineOrderDto } from './dto/hotline-order.dto.js';
import {
  HotlineBatchResultDto,
  HotlineReceiptDto,
  ImportReportDto,
} from './dto/hotline-receipt.dto.js';
import { HotlineCaller } from './hotline-caller.decorator.js';
import { HOTLINE_SIGNATURE_RULE, HotlineSigned } from './hotline-signed.decorator.js';
import { UploadStreamInterceptor, UploadedStream } from './upload-stream.interceptor.js';

/** The 12345 platform's door: signed pushes, and the staff-side import of its exports. */
@ApiTags('hotline 12345 对接')
@Controller('hotline')
export class HotlineOrdersController {
  constructor(
    @Inject(IntakeService) private readonly intake: IntakeService,
    @Inject(HotlineImportService) private readonly imports: HotlineImportService,
  ) {}

  @Post('orders')
  @HotlineSigned()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: '推送一个 12345 工单（签名请求）',
    description: `新工单 201；同一工单编号再次推送（无论并发与否）200 且 duplicate: true，返回同一案件。${HOTLINE_SIGNATURE_RULE}`,
  })
  @ApiResponse({ status: 201, type: HotlineReceiptDto, description: '已受理，新建案件' })
  @ApiOkResponse({ type: HotlineReceiptDto, description: '重复推送：原案件' })
  @ApiResponse({ status: 400, description: '工单内容有误（details 指明字段）' })
  @ApiResponse({
    status: 401,
    description: 'HOTLINE_BAD_SIGNATURE：签名缺失、错误、密钥未知或时间戳过期',
  })
  async receive(
    @HotlineCaller() caller: Caller,
    @Body() order: HotlineOrderDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HotlineReceiptDto> {
    const receipt = await this.intake.receiveHotlineOrder(caller, order);
    if (receipt.duplicate) res.status(HttpStatus.OK);
    return receipt;
  }

  @Post('orders/batch')
  @HotlineSigned()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '批量推送 12345 工单（签名请求，1–1000 个）',
    description: `每个工单单独校验、单独处理，结果与请求顺序一一对应；有误的工单在 error 中说明，不影响其他工单。${HOTLINE_SIGNATURE_RULE}`,
  })
  @ApiOkResponse({ type: HotlineBatchResultDto })
  @ApiResponse({ status: 400, description: 'orders 为空、超过 1000 个或不是数组' })
  @ApiResponse({ status: 401, description: 'HOTLINE_BAD_SIGNATURE' })
  receiveBatch(
    @HotlineCaller() caller: Caller,
    @Body() body: HotlineBatchDto,
  ): Promise<HotlineBatchResultDto> {
    return this.intake.receiveHotlineBatch(caller, body.orders);
  }

  @Post('imports')
  @Roles(Role.Intake, Role.Admin)
  @ApiBearerAuth()
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(UploadStreamInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'CSV 或 XLSX' } },
    },
  })
  @ApiOperation({
    summary: '导入 12345 工单导出文件（受理人员、管理员；CSV 或 XLSX，流式处理）',
    description:
      '必需列：工单编号、标题、诉求内容；可选列：来电人/来电人姓名、联系电话、身份证号、事发地址、诉求类别、' +
      '被反映单位、统一社会信用代码、涉及人数、涉及金额、派单时间/受理时间、办理时限、紧急程度、承办单位编码' +
      '（其他列忽略）。CSV 为 UTF-8 或 GB18030；XLSX 读第一个工作表。无时区的时间按北京时间；' +
      '没有派单时间列时以导入时间为派单时间。已存在的工单编号计入 duplicates，重复导入不会新建案件。',
  })
  @ApiOkResponse({ type: ImportReportDto })
  @ApiResponse({ status: 400, description: 'IMPORT_NO_FILE、IMPORT_UNREADABLE、IMPORT_BAD_HEADER' })
  @ApiResponse({ status: 413, description: 'IMPORT_TOO_LARGE：文件超过 50 MB' })
  importOrders(
    @CurrentActor() actor: Actor,
    @UploadedStream() file: Readable,
  ): Promise<ImportReport> {
    return this.imports.importOrders(actor, file);
  }
}
