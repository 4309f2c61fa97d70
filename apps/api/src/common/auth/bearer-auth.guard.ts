import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { CoreError, CoreErrorCode, Role, hasRole } from '@heqi/core';
import { AuthService } from '@heqi/identity';
import { ACTOR_KEY, IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators.js';
import { SESSION_ID_KEY, originOf } from './request-origin.js';

const ROLE_LABEL: Record<Role, string> = {
  [Role.Admin]: '管理员',
  [Role.Supervisor]: '督导',
  [Role.Intake]: '受理人员',
  [Role.Mediator]: '调解员',
  [Role.Volunteer]: '志愿律师',
};

/**
 * The global guard: every route needs `Authorization: Bearer <accessToken>` unless marked
 * `@Public()`. The identity service verifies the token and reads the user and session afresh
 * (one query), so a logout, a disabled user or a role change counts from the next request.
 * Then `@Roles(...)` is enforced; jurisdiction is left to the services.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = context.switchToHttp().getRequest<Request & Record<string, unknown>>();
    const token = bearerToken(req.headers.authorization);
    if (!token) {
      throw new CoreError(
        CoreErrorCode.Unauthenticated,
        '请先登录（请求头缺少 Authorization: Bearer 访问令牌）',
      );
    }
    const { actor, sessionId } = await this.auth.authenticate(token, originOf(req));
    req[ACTOR_KEY] = actor;
    req[SESSION_ID_KEY] = sessionId;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length && !hasRole(actor, ...roles)) throw forbidden(roles);
    return true;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function forbidden(roles: Role[]): CoreError {
  const names = roles.map((r) => ROLE_LABEL[r]).join('、');
  return new CoreError(CoreErrorCode.Forbidden, `无权执行此操作：需要以下角色之一：${names}`);
}
