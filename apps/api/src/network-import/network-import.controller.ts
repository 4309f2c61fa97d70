import {
  Controller,
  HttpCode,
  HttpStatus,
  Inject,
  ParseFilePipe,
  Post,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, CoreError, Role } from '@heqi/core';
import { NetworkImportService, type NetworkImportReport } from '@heqi/network';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import { NetworkImportReportDto } from './dto/network-import-report.dto.js';
import { MAX_IMPORT_BYTES, NETWORK_IMPORT_FORMAT } from './network-import.format.js';

/** What multer hands over for the `file` field (memory storage). */
interface UploadedImportFile {
  buffer: Buffer;
}

@ApiTags('network 调解网络')
@ApiBearerAuth()
@Controller('network')
export class NetworkImportController {
  constructor(@Inject(NetworkImportService) private readonly imports: NetworkImportService) {}

  @Post('import')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.OK)
  // Memory storage: files are small, and nothing is left on disk. Over the limit multer answers
  // 413 before the service sees anything.
  @UseInterceptors(
    FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10 } }),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'CSV 或 XLSX' } },
    },
  })
  @ApiOperation({
    summary: '导入单位和调解员（管理员；CSV 或 XLSX，逐行处理并返回每行结果）',
    description: NETWORK_IMPORT_FORMAT,
  })
  @ApiOkResponse({ type: NetworkImportReportDto })
  @ApiResponse({
    status: 400,
    description: '没有文件、文件无法读取、表头有误、没有数据行或行数过多（IMPORT_*）',
  })
  @ApiResponse({ status: 413, description: '文件超过 5 MB' })
  import(
    @CurrentActor() actor: Actor,
    @UploadedFile(
      new ParseFilePipe({
        exceptionFactory: () =>
          CoreError.validation([{ field: 'file', message: '请上传 CSV 或 XLSX 文件' }]),
      }),
    )
    file: UploadedImportFile,
  ): Promise<NetworkImportReport> {
    return this.imports.import(actor, { buffer: file.buffer });
  }
}
