import { Controller, Get, HttpCode, HttpStatus } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@heqi/core';
import { AuthService, type Me } from '@heqi/identity';
import { CurrentActor } from '../common/auth/auth.decorators.js';
import { MeDto } from './dto/me.dto.js';

@ApiTags('auth 登录')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '当前用户及其管辖范围' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: Actor): Promise<Me> {
    return this.auth.me(actor);
  }
}
