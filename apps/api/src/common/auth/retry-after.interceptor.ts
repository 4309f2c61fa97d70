import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Response } from 'express';
import { catchError, throwError, type Observable } from 'rxjs';

/**
 * Adds `Retry-After` (seconds) to a throttled answer: errors carrying `retryAfterSeconds` (the
 * login throttle's) get the header here, the error filter then writes the body as usual.
 */
@Injectable()
export class RetryAfterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        const seconds = (err as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
        if (typeof seconds === 'number' && seconds > 0) {
          const res = context.switchToHttp().getResponse<Response>();
          if (!res.headersSent) res.setHeader('Retry-After', String(Math.ceil(seconds)));
        }
        return throwError(() => err);
      }),
    );
  }
}
