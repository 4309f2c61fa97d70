import type { Actor, Role } from '@heqi/core';

/** Where a request came from: kept on sessions and in the audit log. */
export interface ClientOrigin {
  ip?: string;
  requestId?: string;
  userAgent?: string;
}

/** A user as other code may see it: never the password hash. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  orgUnitId: string | null;
  mediatorId: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  passwordChangedAt: Date;
}

/** What login and refresh hand out (the contract's login answer plus the token lifetime). */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token stays valid. */
  expiresIn: number;
  user: {
    id: string;
    username: string;
    displayName: string;
    roles: Role[];
    orgUnitId: string | null;
  };
}

/** The authenticated caller of a request and the session its token belongs to. */
export interface Authenticated {
  actor: Actor;
  sessionId: string;
}

/** The caller's own account and the reach it acts with (`GET /me`). */
export interface Me {
  user: UserView;
  scope: {
    orgUnitId: string | null;
    orgPath: string | null;
    /** An admin without a home unit: reaches every unit. */
    deploymentWide: boolean;
    mediatorId: string | null;
  };
}

/** Claims of an access token. */
export interface AccessClaims {
  sub: string;
  sid: string;
  roles: Role[];
}
