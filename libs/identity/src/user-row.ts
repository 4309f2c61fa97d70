import type { Actor, Role } from '@heqi/core';
import type { ClientOrigin, UserView } from './identity.types.js';

/** A user as the identity queries read it with raw SQL (snake_case, with its unit's path). */
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  roles: Role[];
  org_unit_id: string | null;
  mediator_id: string | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
  password_changed_at: Date;
  org_path: string | null;
}

/** The columns of {@link UserRow}, for `SELECT ${USER_COLUMNS} FROM app_user u LEFT JOIN …`. */
export const USER_COLUMNS = `u.id, u.username, u.display_name, u.roles, u.org_unit_id, u.mediator_id,
  u.active, u.created_at, u.updated_at, u.password_changed_at, o.path AS org_path`;

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    orgUnitId: row.org_unit_id,
    mediatorId: row.mediator_id,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    passwordChangedAt: row.password_changed_at,
  };
}

/** The actor a user acts as, from a freshly read row. */
export function toActor(
  row: Pick<UserRow, 'id' | 'username' | 'roles' | 'org_unit_id' | 'org_path' | 'mediator_id'>,
  origin: ClientOrigin = {},
): Actor {
  return {
    userId: row.id,
    username: row.username,
    roles: row.roles,
    orgUnitId: row.org_unit_id,
    orgPath: row.org_path,
    mediatorId: row.mediator_id,
    ip: origin.ip,
    requestId: origin.requestId,
  };
}
