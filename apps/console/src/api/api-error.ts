import type { FieldProblem } from './types';

/** An error answer of the API (`{ statusCode, error, message, details? }`) or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
  }
}

/** A Chinese sentence for any error, for message toasts and error panels. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return '无法连接服务器，请检查网络后重试';
    if (err.status >= 500) return `服务器出错，请稍后重试（${err.code}）`;
    const details = err.details.map((d) => `${d.field}：${d.message}`).join('；');
    return details ? `${err.message}（${details}）` : err.message;
  }
  return err instanceof Error ? err.message : '操作失败';
}
