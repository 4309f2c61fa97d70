import { applyDecorators } from '@nestjs/common';
import { ApiParam, ApiResponse } from '@nestjs/swagger';

/**
 * Documents a route on `/cases/:id`: the id parameter and the one 404 that a malformed, unknown
 * or out-of-reach case gets alike (so a case's existence never leaks).
 */
export const ApiCaseId = () =>
  applyDecorators(
    ApiParam({
      name: 'id',
      description: '案件编号（UUID）；格式不对、不存在或不在您的范围内均返回 404',
    }),
    ApiResponse({ status: 404, description: 'CASE_NOT_FOUND（含不在您范围内的案件）' }),
  );
