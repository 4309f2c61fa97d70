import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { HotlineCaller as Caller } from '@heqi/intake';
import { originOf } from '../common/auth/request-origin.js';
import { HOTLINE_KEY_ID } from './hotline-signature.guard.js';

/** The verified 12345 caller (set by {@link HotlineSignatureGuard}): its key and origin. */
export const HotlineCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  const req = ctx.switchToHttp().getRequest<Request & Record<string, unknown>>();
  const { ip, requestId } = originOf(req);
  return { keyId: req[HOTLINE_KEY_ID] as string, ip, requestId };
});
