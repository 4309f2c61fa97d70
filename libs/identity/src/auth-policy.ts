/**
 * The numbers of the login and token policy, in one place so the Swagger text, the services and
 * the tests agree.
 */
export const AUTH_POLICY = {
  /** Access tokens are short-lived: the guard re-reads the session anyway, this bounds a leak. */
  accessTokenTtlSeconds: 15 * 60,
  /** A session lives this long after its last refresh (sliding). */
  refreshTokenTtlSeconds: 30 * 24 * 3600,
  /** Consecutive failures on one username before it is locked. */
  maxFailuresPerUsername: 5,
  /** How long a username stays locked after the last allowed failure. */
  usernameLockSeconds: 15 * 60,
  /** How long failures on one username are remembered when no login succeeds. */
  usernameFailureMemorySeconds: 24 * 3600,
  /** Failed attempts from one IP address per window, across all usernames. */
  maxFailuresPerIp: 50,
  ipWindowSeconds: 15 * 60,
} as const;
