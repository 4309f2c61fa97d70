import 'reflect-metadata';
import {
  BadRequestException,
  HttpException,
  Logger,
  MethodNotAllowedException,
  NotFoundException,
  PayloadTooLargeException,
  type ArgumentsHost,
} from '@nestjs/common';
import { CoreError, DomainError, ErrorKind, type FieldProblem } from '@heqi/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiExceptionFilter, statusOfKind } from './api-exception.filter.js';

/** A lib's domain error, reduced to what the filter reads. */
class TestError extends DomainError {
  constructor(
    readonly kind: ErrorKind,
    code = 'TEST_FAILED',
    message = '测试错误',
    details?: FieldProblem[],
  ) {
    super(code, message, details);
  }
}

/** Just enough of Express' response: records what the filter writes. */
function fakeHost(headersSent = false) {
  const written: { status?: number; body?: unknown } = {};
  const response = {
    headersSent,
    status: vi.fn((code: number) => {
      written.status = code;
      return response;
    }),
    json: vi.fn((body: unknown) => {
      written.body = body;
      return response;
    }),
    end: vi.fn(),
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({}) }),
  } as unknown as ArgumentsHost;
  return { host, response, written };
}

function filter(exception: unknown) {
  const { host, written } = fakeHost();
  new ApiExceptionFilter().catch(exception, host);
  return written;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const STATUS_OF_KIND: Record<ErrorKind, number> = {
  [ErrorKind.Invalid]: 400,
  [ErrorKind.Unauthenticated]: 401,
  [ErrorKind.Forbidden]: 403,
  [ErrorKind.NotFound]: 404,
  [ErrorKind.Conflict]: 409,
  [ErrorKind.TooLarge]: 413,
  [ErrorKind.TooManyRequests]: 429,
  [ErrorKind.Unavailable]: 503,
  [ErrorKind.UnsupportedMediaType]: 415,
};

let logError: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  // The filter logs 5xx with their stack; keep the test output clean and check what it logs.
  logError = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('statusOfKind', () => {
  it.each(Object.values(ErrorKind))('maps %s', (kind) => {
    expect(statusOfKind(kind)).toBe(STATUS_OF_KIND[kind]);
  });
});

describe('ApiExceptionFilter', () => {
  describe('domain errors', () => {
    const clientKinds = Object.values(ErrorKind).filter((kind) => STATUS_OF_KIND[kind] < 500);

    it.each(clientKinds)('%s → the contract body with its code and message', (kind) => {
      expect(filter(new TestError(kind, 'CASE_ALREADY_CLOSED', '案件已结案'))).toEqual({
        status: STATUS_OF_KIND[kind],
        body: {
          statusCode: STATUS_OF_KIND[kind],
          error: 'CASE_ALREADY_CLOSED',
          message: '案件已结案',
        },
      });
    });

    it('adds details when there are some', () => {
      const details = [{ field: 'claimants.0.phone', message: '手机号格式不正确' }];
      expect(filter(new TestError(ErrorKind.Invalid, 'BAD', '输入有误', details)).body).toEqual({
        statusCode: 400,
        error: 'BAD',
        message: '输入有误',
        details,
      });
    });

    it('leaves details out when the list is empty', () => {
      expect(
        filter(new TestError(ErrorKind.Invalid, 'BAD', '输入有误', [])).body,
      ).not.toHaveProperty('details');
    });

    it('turns the validation pipe error into 400 VALIDATION_FAILED with the field problems', () => {
      const details = [{ field: 'description', message: '必须是字符串' }];
      expect(filter(CoreError.validation(details))).toEqual({
        status: 400,
        body: {
          statusCode: 400,
          error: 'VALIDATION_FAILED',
          message: '输入有误，请检查标出的字段',
          details,
        },
      });
    });

    it('hides a 5xx domain error behind an errorId, keeping its status', () => {
      const written = filter(new TestError(ErrorKind.Unavailable, 'DB_DOWN', 'Postgres 不可用'));
      expect(written.status).toBe(503);
      expect(Object.keys(written.body as object).sort()).toEqual(['errorId', 'statusCode']);
      expect(written.body).toMatchObject({ statusCode: 503, errorId: expect.stringMatching(UUID) });
    });
  });

  describe('framework errors', () => {
    it('answers an unknown route (Nest NotFoundException) with 404 ROUTE_NOT_FOUND', () => {
      expect(filter(new NotFoundException('Cannot GET /api/v1/nope'))).toEqual({
        status: 404,
        body: { statusCode: 404, error: 'ROUTE_NOT_FOUND', message: '接口不存在' },
      });
    });

    it('answers unparsable JSON (body-parser) with 400 MALFORMED_BODY, not the parser text', () => {
      const parserError = Object.assign(new SyntaxError('Unexpected token } in JSON'), {
        status: 400,
        statusCode: 400,
        type: 'entity.parse.failed',
        expose: true,
        body: '{"name": }',
      });
      expect(filter(parserError)).toEqual({
        status: 400,
        body: {
          statusCode: 400,
          error: 'MALFORMED_BODY',
          message: '请求体无法解析，请发送有效的 JSON',
        },
      });
    });

    it('accepts a plain object carrying only a status, as body-parser may throw', () => {
      expect(filter({ status: 400, type: 'entity.parse.failed' })).toMatchObject({
        status: 400,
        body: { error: 'MALFORMED_BODY' },
      });
    });

    it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', () => {
      expect(filter({ status: 413 })).toEqual({
        status: 413,
        body: { statusCode: 413, error: 'PAYLOAD_TOO_LARGE', message: '请求体过大' },
      });
      expect(filter(new PayloadTooLargeException())).toMatchObject({
        status: 413,
        body: { error: 'PAYLOAD_TOO_LARGE' },
      });
    });

    it.each([
      [new MethodNotAllowedException(), 405, 'METHOD_NOT_ALLOWED'],
      [{ statusCode: 415, type: 'charset.unsupported' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [new HttpException('slow down', 429), 429, 'TOO_MANY_REQUESTS'],
    ])('keeps the status of a known 4xx: %o', (exception, status, code) => {
      expect(filter(exception)).toMatchObject({
        status,
        body: { statusCode: status, error: code },
      });
    });

    it('keeps the status of any other 4xx, with the contract body and a generic text', () => {
      const written = filter(new HttpException('I am a teapot', 418));
      expect(written.status).toBe(418);
      expect(written.body).toEqual({
        statusCode: 418,
        error: expect.any(String),
        message: expect.any(String),
      });
      expect(JSON.stringify(written.body)).not.toContain('teapot');
    });

    it('never passes a framework message through', () => {
      const written = filter(new BadRequestException('internal detail: column "x" missing'));
      expect(JSON.stringify(written.body)).not.toContain('internal detail');
    });
  });

  describe('unexpected errors', () => {
    it('answers 500 with only an errorId: no message, no stack', () => {
      const written = filter(new Error('boom'));

      expect(written.status).toBe(500);
      expect(written.body).toEqual({ statusCode: 500, errorId: expect.stringMatching(UUID) });
      expect(Object.keys(written.body as object).sort()).toEqual(['errorId', 'statusCode']);
      expect(JSON.stringify(written.body)).not.toMatch(/boom|at /);
    });

    it('logs the errorId with the stack, so support can find the error from the id', () => {
      const error = new Error('boom');
      const { errorId } = filter(error).body as { errorId: string };

      expect(logError).toHaveBeenCalledOnce();
      expect(logError).toHaveBeenCalledWith({ errorId, err: error }, error.stack);
    });

    it('gives every failure its own errorId', () => {
      const first = filter(new Error('boom')).body as { errorId: string };
      const second = filter(new Error('boom')).body as { errorId: string };
      expect(first.errorId).not.toBe(second.errorId);
    });

    it.each([['a string'], [null], [undefined], [42], [{ status: 502 }], [{ status: '400' }]])(
      'treats %o as a 500',
      (thrown) => {
        expect(filter(thrown)).toEqual({
          status: 500,
          body: { statusCode: 500, errorId: expect.stringMatching(UUID) },
        });
      },
    );
  });

  it('only ends the response once the headers are sent', () => {
    const { host, response } = fakeHost(true);
    new ApiExceptionFilter().catch(new Error('boom'), host);
    expect(response.status).not.toHaveBeenCalled();
    expect(response.json).not.toHaveBeenCalled();
    expect(response.end).toHaveBeenCalledOnce();
  });
});
