import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { ClientOrigin } from '@heqi/identity';

/** Request property the auth guard stores the caller's session id in (logout, password change). */
export const SESSION_ID_KEY = 'heqiSessionId';

/** Where the request came from: client address (behind the trusted proxies), request id, agent. */
export function originOf(req: Request): ClientOrigin {
  // nestjs-pino (pino-http) gives every request its id as `req.id`.
  const id = (req as Request & { id?: unknown }).id;
  return {
    ip: req.ip,
    requestId: id === undefined ? undefined : String(id),
    userAgent: req.headers['user-agent']?.slice(0, 500),
  };
}

/** Injects the {@link ClientOrigin} of the request. */
export const Origin = createParamDecorator((_: unknown, ctx: ExecutionContext): ClientOrigin =>
  originOf(ctx.switchToHttp().getRequest()),
);

/** Injects the session id of the authenticated caller (set by the global auth guard). */
export const CurrentSessionId = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string =>
    ctx.switchToHttp().getRequest<Record<string, string>>()[SESSION_ID_KEY]!,
);
