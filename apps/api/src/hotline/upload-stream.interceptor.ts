import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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
 * Receives the `file` part of a multipart upload into a temporary file, then hands the handler
 * a read stream of it; the file is removed when the request ends. The upload never sits in
 * memory, and the service still reads it row by row.
 *
 * Why not parse straight off the socket: the service writes rows as fast as Postgres takes them,
 * so a large file would keep the request body unread for minutes — past Node's request timeout
 * (408 after 5 minutes) — and a file found too large at 50 MB would be refused after rows were
 * already imported. Spooled first, an over-limit upload (413) imports nothing.
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
    const dir = await mkdtemp(join(tmpdir(), 'heqi-import-'));
    const cleanup = () => void rm(dir, { recursive: true, force: true });
    try {
      const path = join(dir, 'upload');
      await spool(req, path);
      const file = createReadStream(path);
      req[UPLOAD_KEY] = file;
      return next.handle().pipe(
        finalize(() => {
          file.destroy();
          cleanup();
        }),
      );
    } catch (err) {
      cleanup();
      throw err;
    }
  }
}

/** The uploaded file as a stream (set by {@link UploadStreamInterceptor}). */
export const UploadedStream = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Readable =>
    ctx.switchToHttp().getRequest<Record<string, Readable>>()[UPLOAD_KEY]!,
);

/** Writes the `file` part to `path`; other parts are skipped. */
function spool(req: Request, path: string): Promise<void> {
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
    let written: Promise<void> | undefined;
    let tooLarge = false;
    parser.on('file', (name, file) => {
      if (name !== 'file' || written) return void file.resume();
      file.once('limit', () => (tooLarge = true));
      written = pipeline(file, createWriteStream(path));
    });
    parser.on('error', () => reject(IntakeError.unreadable('上传内容不完整或格式有误')));
    parser.on('close', () => {
      if (!written) return reject(noFile());
      written.then(
        () => (tooLarge ? reject(IntakeError.tooLarge(MAX_ORDER_IMPORT_BYTES)) : resolve()),
        () => reject(IntakeError.unreadable('上传内容不完整或格式有误')),
      );
    });
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
