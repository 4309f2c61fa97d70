import { createReadStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@heqi/core';

/**
 * Where attachment bytes live, behind one interface: the local disk here; an object store
 * (S3-compatible, OSS) would implement the same three calls. Keys are opaque, chosen by the
 * service (`<caseId>/<attachmentId>`), never taken from a file name.
 */
export abstract class AttachmentStore {
  /** Writes the bytes under `key` (a new key: stores never overwrite). */
  abstract put(key: string, data: Readable): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  abstract get(key: string): Promise<Readable | null>;
  /** Removes `key`; removing a missing key is not an error. */
  abstract delete(key: string): Promise<void>;
}

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

/** {@link AttachmentStore} on the local disk, under HEQI_ATTACHMENTS_DIR. */
@Injectable()
export class LocalDiskAttachmentStore extends AttachmentStore {
  private readonly root: string;

  constructor(@Inject(AppConfig) config: AppConfig) {
    super();
    this.root = resolve(config.mediation.attachmentsDir);
  }

  async put(key: string, data: Readable): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // `wx`: a key is written once; a clash is a bug, not something to overwrite (and the file
    // already there is not ours to remove).
    const file = await open(path, 'wx');
    try {
      await pipeline(data, file.createWriteStream());
    } catch (err) {
      await rm(path, { force: true });
      throw err;
    } finally {
      await file.close().catch(() => undefined);
    }
  }

  async get(key: string): Promise<Readable | null> {
    const path = this.pathOf(key);
    try {
      await stat(path);
    } catch {
      return null;
    }
    return createReadStream(path);
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    // Keys are ours, but a path is only ever built from a key of the expected shape.
    if (!KEY.test(key)) throw new RangeError(`bad attachment key: ${key}`);
    return join(this.root, key);
  }
}
