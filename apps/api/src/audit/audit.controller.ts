import { Controller, Get, HttpCode, HttpStatus, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, AuditLog, Role } from '@heqi/core';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import { AuditPageDto, AuditQueryDto } from './audit-query.dto.js';

@ApiTags('audit 审计日志')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @HttpCode(HttpStatus.OK)
  @Roles(Role.Admin, Role.Supervisor)
  @ApiOperation({ summary: '审计日志（最新在前；督导只看本辖区）' })
  @ApiResponse({ status: 200, type: AuditPageDto })
  async list(@CurrentActor() actor: Actor, @Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const { page, pageSize, ...filter } = query;
    const result = await this.audit.list(actor, filter, { page, pageSize });
    return { ...result, items: result.items.map(({ orgPath: _hidden, ...entry }) => entry) };
  }
}
