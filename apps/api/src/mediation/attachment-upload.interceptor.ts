import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  Inject,
  Injectable,
  createParamDecorator,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import { finalize, type Observable } from 'rxjs';
import { AppConfig } from '@heqi/core';
import { type IncomingAttachment, MediationError, MediationErrorCode } from '@heqi/mediation';

/** Room for the multipart envelope around the file. */
const ENVELOPE_BYTES = 64 * 1024;
/** Bytes kept to tell the type by. */
const HEAD_BYTES = 8 * 1024;
const UPLOAD_KEY = 'heqiAttachment';

/**
 * Receives the `file` part of a multipart upload into a temporary file (never whole in memory),
 * counting, hashing and keeping its first bytes on the way; over the configured limit it stops
 * at once with 413. The handler gets an {@link IncomingAttachment}; the temporary file is
 * removed when the request ends.
 */
@Injectable()
export class AttachmentUploadInterceptor implements NestInterceptor {
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request & Record<string, unknown>>();
    const max = this.config.mediation.attachmentMaxBytes;
    if (Number(req.headers['content-length']) > max + ENVELOPE_BYTES) {
      req.resume();
      throw tooLarge(max);
    }
    if (!req.is('multipart/form-data')) throw noFile();
    const dir = await mkdtemp(join(tmpdir(), 'heqi-attachment-'));
    const cleanup = () => void rm(dir, { recursive: true, force: true });
    try {
      const path = join(dir, 'upload');
      const received = await spool(req, path, max);
      req[UPLOAD_KEY] = {
        ...received,
        open: () => createReadStream(path),
      } satisfies IncomingAttachment;
      return next.handle().pipe(finalize(cleanup));
    } catch (err) {
      cleanup();
      throw err;
    }
  }
}

/** The upload (set by {@link AttachmentUploadInterceptor}). */
export const UploadedAttachment = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): IncomingAttachment =>
    ctx.switchToHttp().getRequest<Record<string, IncomingAttachment>>()[UPLOAD_KEY]!,
);

function spool(req: Request, path: string, max: number): Promise<Omit<IncomingAttachment, 'open'>> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { fileSize: max, files: 1, fields: 10, parts: 12 },
      });
    } catch {
      return reject(noFile());
    }
    let written: Promise<void> | undefined;
    let tooBig = false;
    let fileName = '';
    let size = 0;
    const heads: Buffer[] = [];
    let headLength = 0;
    const hash = createHash('sha256');
    parser.on('file', (name, file, info) => {
      if (name !== 'file' || written) return void file.resume();
      fileName = info.filename ?? '';
      file.once('limit', () => {
        tooBig = true;
      });
      const tap = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          hash.update(chunk);
          if (headLength < HEAD_BYTES) {
            heads.push(chunk.subarray(0, HEAD_BYTES - headLength));
            headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
          }
          done(null, chunk);
        },
      });
      written = pipeline(file, tap, createWriteStream(path));
    });
    parser.on('error', () => reject(noFile('上传内容不完整或格式有误')));
    parser.on('close', () => {
      if (!written) return reject(noFile());
      written.then(
        () =>
          tooBig
            ? reject(tooLarge(max))
            : resolve({ fileName, size, sha256: hash.digest('hex'), head: Buffer.concat(heads) }),
        () => reject(noFile('上传内容不完整或格式有误')),
      );
    });
    req.pipe(parser);
  });
}

function tooLarge(max: number): MediationError {
  const mb = Math.round((max / 1024 / 1024) * 100) / 100;
  return new MediationError(MediationErrorCode.AttachmentTooLarge, `文件超过大小限制（${mb} MB）`);
}

function noFile(message = '请以 multipart/form-data 上传文件，字段名为 file'): MediationError {
  return new MediationError(MediationErrorCode.AttachmentMissing, message, [
    { field: 'file', message: '请选择要上传的文件' },
  ]);
}
