import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor, Role } from '@heqi/core';

export const IS_PUBLIC = 'heqi:public';
export const REQUIRED_ROLES = 'heqi:roles';

/** The route needs no bearer token (login, health, the signed hotline push). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller must hold at least one of `roles`. Jurisdiction is checked by the service. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** Request property the auth guard stores the authenticated {@link Actor} in. */
export const ACTOR_KEY = 'heqiActor';

/** Injects the authenticated {@link Actor} (set by the global auth guard). */
export const CurrentActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Actor =>
    ctx.switchToHttp().getRequest<Record<string, Actor>>()[ACTOR_KEY]!,
);
