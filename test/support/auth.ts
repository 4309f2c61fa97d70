import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { AppConfig } from '@heqi/core';
import type { TestApi } from './test-apps.js';

/** What `POST /api/v1/auth/login` answers (the contract's fields). */
export interface LoginResult {
  accessToken: string;
  refreshToken: string;
  user: { id: string; username: string; roles: string[]; orgUnitId: string | null };
}

export interface NewUser {
  username: string;
  roles: string[];
  orgUnitId: string | null;
  mediatorId?: string;
  displayName?: string;
}

/** Logs in through the API; fails the test unless the answer is 200. */
export async function login(
  api: TestApi,
  username: string,
  password: string,
): Promise<LoginResult> {
  const res = await api.http.post('/api/v1/auth/login').send({ username, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as LoginResult;
}

/** Logs in as the first admin (password: the app's configured HEQI_ADMIN_PASSWORD). */
export function loginAsAdmin(api: TestApi): Promise<LoginResult> {
  return login(api, 'admin', api.app.get(AppConfig).adminPassword);
}

/** A password that satisfies the policy. */
export const newPassword = (): string => `Pw-${randomBytes(12).toString('base64url')}`;

/**
 * Creates a user through `POST /api/v1/users` with a generated password and logs in as it.
 * Returns its id, an access token, and the password for tests that need to log in again.
 */
export async function createUser(
  api: TestApi,
  adminToken: string,
  user: NewUser,
): Promise<{ id: string; token: string; password: string }> {
  const password = newPassword();
  const res = await api.http
    .post('/api/v1/users')
    .set('authorization', `Bearer ${adminToken}`)
    .send({ displayName: user.username, ...user, password });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const { accessToken } = await login(api, user.username, password);
  return { id: res.body.id as string, token: accessToken, password };
}

/**
 * A token for a new user of `roles` in `orgUnitId` (linked to `mediatorId` for mediators and
 * volunteers), under a username no other call gives: for tests that need many people.
 */
export async function tokenFor(
  api: TestApi,
  adminToken: string,
  roles: string[],
  orgUnitId: string,
  mediatorId?: string,
): Promise<string> {
  const created = await createUser(api, adminToken, {
    username: `u.${randomBytes(6).toString('hex')}`,
    roles,
    orgUnitId,
    ...(mediatorId && { mediatorId }),
  });
  return created.token;
}

/** `Authorization` header value for a token. */
export const bearer = (token: string): string => `Bearer ${token}`;
