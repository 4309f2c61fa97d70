import 'reflect-metadata';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { describe, expect, it, vi } from 'vitest';
import { CoreError, Role, type Actor } from '@heqi/core';
import type { AuthService } from '@heqi/identity';
import { ACTOR_KEY, Public, Roles } from './auth.decorators.js';
import { BearerAuthGuard } from './bearer-auth.guard.js';
import { SESSION_ID_KEY } from './request-origin.js';

class Routes {
  @Public()
  open(): void {}

  closed(): void {}

  @Roles(Role.Admin, Role.Supervisor)
  adminsOnly(): void {}
}

const intake: Actor = {
  userId: 'u1',
  username: 'zhangsan',
  roles: [Role.Intake],
  orgUnitId: 'town',
  orgPath: '/d/town/',
  mediatorId: null,
};

function run(handler: keyof Routes, authorization?: string) {
  const req: Record<string, unknown> = {
    headers: authorization === undefined ? {} : { authorization },
    ip: '203.0.113.9',
    id: 'req-1',
  };
  const context = {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
  const authenticate = vi.fn(async () => ({ actor: intake, sessionId: 's1' }));
  const guard = new BearerAuthGuard(new Reflector(), { authenticate } as unknown as AuthService);
  return { result: guard.canActivate(context), req, authenticate };
}

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'passed',
    (err: CoreError) => err.code,
  );

describe('BearerAuthGuard', () => {
  it('lets a @Public() route through without a token', async () => {
    const { result, authenticate } = run('open');
    expect(await result).toBe(true);
    expect(authenticate).not.toHaveBeenCalled();
  });

  it.each([undefined, '', 'Basic YWRtaW46cHc=', 'Bearer', 'Bearer a b'])(
    'answers 401 UNAUTHENTICATED to the header %o',
    async (header) => {
      const { result, authenticate } = run('closed', header);
      expect(await codeOf(result)).toBe('UNAUTHENTICATED');
      expect(authenticate).not.toHaveBeenCalled();
    },
  );

  it('stores the actor and session id, passing the request origin along', async () => {
    const { result, req, authenticate } = run('closed', 'bearer tok.en.value');
    expect(await result).toBe(true);
    expect(authenticate).toHaveBeenCalledWith('tok.en.value', {
      ip: '203.0.113.9',
      requestId: 'req-1',
      userAgent: undefined,
    });
    expect(req[ACTOR_KEY]).toBe(intake);
    expect(req[SESSION_ID_KEY]).toBe('s1');
  });

  it('enforces @Roles with 403 FORBIDDEN naming the roles needed', async () => {
    const { result } = run('adminsOnly', 'Bearer t');
    const err = (await result.catch((e: unknown) => e)) as CoreError;
    expect(err).toBeInstanceOf(CoreError);
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toContain('管理员、督导');
  });
});
