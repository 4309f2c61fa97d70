import { Body, Controller, HttpCode, HttpStatus, Post, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@heqi/core';
import { AUTH_POLICY, AuthService, type ClientOrigin, type TokenPair } from '@heqi/identity';
import { CurrentActor, Public } from '../common/auth/auth.decorators.js';
import { CurrentSessionId, Origin } from '../common/auth/request-origin.js';
import { RetryAfterInterceptor } from '../common/auth/retry-after.interceptor.js';
import { LoginDto } from './dto/login.dto.js';
import { RefreshDto } from './dto/refresh.dto.js';
import { TokenPairDto } from './dto/token-pair.dto.js';

const P = AUTH_POLICY;

@ApiTags('auth 登录')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(RetryAfterInterceptor)
  @ApiOperation({
    summary: '用户名密码登录',
    description:
      `用户不存在、密码错误、账号停用一律返回 401 INVALID_CREDENTIALS。同一用户名连续失败 ` +
      `${P.maxFailuresPerUsername} 次锁定 ${P.usernameLockSeconds / 60} 分钟；同一 IP ` +
      `${P.ipWindowSeconds / 60} 分钟内失败 ${P.maxFailuresPerIp} 次后锁定 ` +
      `${P.ipWindowSeconds / 60} 分钟；锁定期间返回 429 TOO_MANY_LOGIN_ATTEMPTS 和 Retry-After 头。`,
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiResponse({ status: 401, description: 'INVALID_CREDENTIALS' })
  @ApiResponse({ status: 429, description: 'TOO_MANY_LOGIN_ATTEMPTS（带 Retry-After 秒数）' })
  login(@Body() body: LoginDto, @Origin() origin: ClientOrigin): Promise<TokenPair> {
    return this.auth.login(body.username, body.password, origin);
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '用刷新令牌换发新的访问令牌和刷新令牌',
    description:
      '每个刷新令牌只能用一次。已用过的刷新令牌再次出现（被复制或泄露）时，整个登录会话被注销，' +
      '返回 401 REFRESH_TOKEN_REUSED，该会话的访问令牌也立即失效。未知、过期或已注销：401 INVALID_REFRESH_TOKEN。',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiResponse({ status: 401, description: 'INVALID_REFRESH_TOKEN 或 REFRESH_TOKEN_REUSED' })
  refresh(@Body() body: RefreshDto, @Origin() origin: ClientOrigin): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken, origin);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: '退出登录：注销当前会话，其访问令牌和刷新令牌立即失效' })
  @ApiNoContentResponse()
  logout(@CurrentActor() actor: Actor, @CurrentSessionId() sessionId: string): Promise<void> {
    return this.auth.logout(actor, sessionId);
  }
}
