import { isUtf8 } from 'node:buffer';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { CoreError, CoreErrorCode } from '@heqi/core';
import {
  HotlineError,
  HotlineErrorCode,
  HotlineKeysService,
  checkHotlineSignature,
} from '@heqi/hotline';

/** Request property the guard stores the verified key id in. */
export const HOTLINE_KEY_ID = 'heqiHotlineKeyId';

const MESSAGES = {
  missing: '缺少签名请求头（X-Hotline-Key、X-Hotline-Timestamp、X-Hotline-Signature）',
  stale: '请求时间戳与服务器时间相差超过 5 分钟',
  // Unknown key and wrong signature read the same: which keys exist does not leak.
  mismatch: '签名校验失败',
} as const;

/**
 * Guards the 12345 push routes (marked `@Public()`: no bearer token): `X-Hotline-Key` must be a
 * live integration key and `X-Hotline-Signature` its HMAC over the timestamp and the exact bytes
 * received (contract, "Hotline (12345) push"), within 5 minutes. It runs before the handler, so
 * a refused request writes nothing — not even an audit line.
 */
@Injectable()
export class HotlineSignatureGuard implements CanActivate {
  constructor(@Inject(HotlineKeysService) private readonly keys: HotlineKeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & Record<string, unknown>>();
    const keyId = header(req, 'x-hotline-key');
    const timestamp = header(req, 'x-hotline-timestamp');
    const signature = header(req, 'x-hotline-signature');
    const rawBody = Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;
    if (!keyId || !timestamp || !signature || !rawBody) throw refused('missing');
    const secret = keyId.length <= 100 ? await this.keys.secretOf(keyId) : null;
    const problem = checkHotlineSignature({
      secret: secret ?? '',
      timestamp,
      signature,
      rawBody,
    });
    if (problem === 'stale' || problem === 'missing') throw refused(problem);
    if (secret === null || problem) throw refused('mismatch');
    // The platform sends UTF-8 JSON; other bytes would be stored as replacement characters.
    if (!isUtf8(rawBody)) {
      throw new CoreError(CoreErrorCode.MalformedBody, '请求体不是有效的 UTF-8 文本');
    }
    req[HOTLINE_KEY_ID] = keyId;
    return true;
  }
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value.trim() : undefined;
}

function refused(problem: keyof typeof MESSAGES): HotlineError {
  return new HotlineError(HotlineErrorCode.BadSignature, MESSAGES[problem]);
}
