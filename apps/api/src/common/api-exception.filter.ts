import { randomUUID } from 'node:crypto';
import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { CoreErrorCode, DomainError, ErrorKind } from '@heqi/core';
import type { ErrorBody, ServerErrorBody } from './error-body.js';

/** The HTTP status of each kind of domain error. Exhaustive: a new kind fails to compile here. */
export function statusOfKind(kind: ErrorKind): number {
  switch (kind) {
    case ErrorKind.Invalid:
      return HttpStatus.BAD_REQUEST;
    case ErrorKind.Unauthenticated:
      return HttpStatus.UNAUTHORIZED;
    case ErrorKind.Forbidden:
      return HttpStatus.FORBIDDEN;
    case ErrorKind.NotFound:
      return HttpStatus.NOT_FOUND;
    case ErrorKind.Conflict:
      return HttpStatus.CONFLICT;
    case ErrorKind.TooLarge:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ErrorKind.TooManyRequests:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ErrorKind.Unavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case ErrorKind.UnsupportedMediaType:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
  }
}

/** Framework-raised 4xx errors (routing, body parsing, throttling) in the contract's shape. */
const HTTP_4XX: Record<number, [code: string, message: string]> = {
  400: ['BAD_REQUEST', '请求无效'],
  401: [CoreErrorCode.Unauthenticated, '请先登录'],
  403: [CoreErrorCode.Forbidden, '无权执行此操作'],
  404: [CoreErrorCode.RouteNotFound, '接口不存在'],
  405: ['METHOD_NOT_ALLOWED', '不支持该请求方法'],
  413: [CoreErrorCode.PayloadTooLarge, '请求体过大'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型或字符集'],
  429: [CoreErrorCode.TooManyRequests, '请求过于频繁，请稍后再试'],
};

/** Express body-parser errors carry a `status` and a `type` but are not HttpExceptions. */
interface ParserError {
  status?: number;
  statusCode?: number;
  type?: string;
}

/**
 * Turns every error into the contract's body. Domain errors map by kind; known framework 4xx
 * keep their status; anything else is a 500 whose body holds only an `errorId`, logged with the
 * stack so support can find it.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    // A streamed download that failed midway cannot change its status: end it so the client
    // sees a truncated body rather than waiting for ever.
    if (response.headersSent) return void response.end();
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody | ServerErrorBody {
    // Express 5's adapter wraps body-parser's SyntaxError in a BadRequestException (as `cause`).
    const parserError = exception as (ParserError & { cause?: ParserError }) | null;
    if ([parserError?.type, parserError?.cause?.type].includes('entity.parse.failed')) {
      return {
        statusCode: 400,
        error: CoreErrorCode.MalformedBody,
        message: '请求体无法解析，请发送有效的 JSON',
      };
    }
    if (exception instanceof DomainError) {
      const body: ErrorBody = {
        statusCode: statusOfKind(exception.kind),
        error: exception.code,
        message: exception.message,
      };
      if (exception.details?.length) body.details = exception.details;
      if (body.statusCode < 500) return body;
    }
    const status = this.clientStatus(exception);
    if (status) {
      const [error, message] = HTTP_4XX[status] ?? [`HTTP_${status}`, '请求无效'];
      return { statusCode: status, error, message };
    }

    const errorId = randomUUID();
    const statusCode =
      exception instanceof DomainError
        ? statusOfKind(exception.kind)
        : exception instanceof HttpException
          ? exception.getStatus()
          : HttpStatus.INTERNAL_SERVER_ERROR;
    this.logger.error(
      { errorId, err: exception },
      exception instanceof Error ? exception.stack : String(exception),
    );
    return { statusCode, errorId };
  }

  /** The status of a framework-raised client error (4xx), if that is what `exception` is. */
  private clientStatus(exception: unknown): number | undefined {
    const parser = exception as ParserError | null;
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : (parser?.status ?? parser?.statusCode);
    return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
  }
}
