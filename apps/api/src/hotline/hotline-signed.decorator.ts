import { UseGuards, applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { Public } from '../common/auth/auth.decorators.js';
import { HotlineSignatureGuard } from './hotline-signature.guard.js';

export const HOTLINE_SIGNATURE_RULE =
  '签名：X-Hotline-Signature = hex(HMAC-SHA256(secret, timestamp + "." + 原始请求体))';

/**
 * A route the 12345 platform calls (pushes, 回访): no bearer token, the signature guard instead,
 * and the three signature headers documented.
 */
export const HotlineSigned = () =>
  applyDecorators(
    Public(),
    UseGuards(HotlineSignatureGuard),
    ApiHeader({ name: 'X-Hotline-Key', required: true, description: '集成密钥编号' }),
    ApiHeader({
      name: 'X-Hotline-Timestamp',
      required: true,
      description: 'Unix 秒；与服务器相差不超过 5 分钟',
    }),
    ApiHeader({ name: 'X-Hotline-Signature', required: true, description: HOTLINE_SIGNATURE_RULE }),
  );
