import type { Readable } from 'node:stream';
import {
  Injectable,
  createParamDecorator,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import { finalize, type Observable } from 'rxjs';
import { IntakeError, IntakeErrorCode } from '@heqi/intake';

/** Largest order export accepted (a 100,000-row CSV is about 30 MB). */
export const MAX_ORDER_IMPORT_BYTES = 50 * 1024 * 1024;
/** Room for the multipart envelope around the file. */
const ENVELOPE_BYTES = 64 * 1024;
const UPLOAD_KEY = 'heqiUploadStream';

/**
 * Hands the `file` part of a multipart upload to the handler as a stream, as it arrives: the
 * service parses while the client is still sending, so no file is ever held in memory or on
 * disk. Over {@link MAX_ORDER_IMPORT_BYTES} is 413 — at once when Content-Length says so,
 * otherwise as soon as the limit is crossed (rows read before then stay imported).
 */
@Injectable()
export class UploadStreamInterceptor implements NestInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request & Record<string, unknown>>();
    if (Number(req.headers['content-length']) > MAX_ORDER_IMPORT_BYTES + ENVELOPE_BYTES) {
      req.resume();
      throw IntakeError.tooLarge(MAX_ORDER_IMPORT_BYTES);
    }
    if (!req.is('multipart/form-data')) throw noFile();
    const file = await fileStream(req);
    req[UPLOAD_KEY] = file;
    // Whatever the handler left unread is drained, so the request completes.
    return next.handle().pipe(finalize(() => file.resume()));
  }
}

/** The `file` part as a stream (set by {@link UploadStreamInterceptor}). */
export const UploadedStream = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Readable =>
    ctx.switchToHttp().getRequest<Record<string, Readable>>()[UPLOAD_KEY]!,
);

function fileStream(req: Request): Promise<Readable> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: MAX_ORDER_IMPORT_BYTES, files: 1, fields: 20, parts: 25 },
      });
    } catch {
      return reject(noFile());
    }
    let found = false;
    parser.on('file', (name, file) => {
      if (name !== 'file' || found) return void file.resume();
      found = true;
      file.once('limit', () => file.destroy(IntakeError.tooLarge(MAX_ORDER_IMPORT_BYTES)));
      resolve(file);
    });
    parser.on('error', () => reject(IntakeError.unreadable('上传内容不完整或格式有误')));
    parser.on('close', () => found || reject(noFile()));
    req.pipe(parser);
  });
}

function noFile(): IntakeError {
  return new IntakeError(
    IntakeErrorCode.ImportNoFile,
    '请以 multipart/form-data 上传文件，字段名为 file（CSV 或 XLSX）',
    [{ field: 'file', message: '请上传 CSV 或 XLSX 文件' }],
  );
}
