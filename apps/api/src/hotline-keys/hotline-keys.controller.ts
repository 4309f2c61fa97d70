import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Role } from '@heqi/core';
import { HotlineKeysService } from '@heqi/hotline';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import {
  CreateHotlineKeyDto,
  CreatedHotlineKeyDto,
  HotlineKeyDto,
  HotlineKeyListDto,
} from './hotline-key.dto.js';

@ApiTags('hotline 12345 对接')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('hotline/keys')
export class HotlineKeysController {
  constructor(private readonly keys: HotlineKeysService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: '创建 12345 平台签名密钥（密钥只显示一次）' })
  @ApiResponse({ status: 201, type: CreatedHotlineKeyDto })
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateHotlineKeyDto,
  ): Promise<CreatedHotlineKeyDto> {
    return this.keys.create(actor, body.description);
  }

  @Get()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '列出签名密钥（不含密钥内容）' })
  @ApiResponse({ status: 200, type: HotlineKeyListDto })
  async list(): Promise<HotlineKeyListDto> {
    return { items: await this.keys.list() };
  }

  @Delete(':keyId')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '吊销签名密钥' })
  @ApiResponse({ status: 200, type: HotlineKeyDto })
  revoke(@CurrentActor() actor: Actor, @Param('keyId') keyId: string): Promise<HotlineKeyDto> {
    return this.keys.revoke(actor, keyId);
  }
}
