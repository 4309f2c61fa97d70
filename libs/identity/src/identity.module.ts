import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, AuditModule } from '@heqi/core';
import { AdminBootstrap } from './admin-bootstrap.service.js';
import { AuthSession } from './auth-session.entity.js';
import { AUTH_POLICY } from './auth-policy.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import { RefreshToken } from './refresh-token.entity.js';
import { User } from './user.entity.js';
import { UsersService } from './users.service.js';

/**
 * The identity context: users, passwords, sessions and tokens. Imported by the API only (it
 * creates the first admin at start-up); other contexts receive an `Actor`, never a user.
 */
@Module({
  imports: [
    // Global, but imported here too so identity works in whatever application includes it.
    AuditModule,
    TypeOrmModule.forFeature([User, AuthSession, RefreshToken]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: 'HS256', expiresIn: AUTH_POLICY.accessTokenTtlSeconds },
        // Pinned, so a token can never choose its own algorithm ("none", or RS256 with our
        // secret as a public key).
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [AuthService, UsersService, PasswordHasher, LoginThrottle, AdminBootstrap],
  exports: [AuthService, UsersService],
})
export class IdentityModule {}
