import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Actor, AppConfig, AuditLog, PiiCipher } from '@heqi/core';
import { HotlineKey } from './hotline-key.entity.js';
import { HotlineError, HotlineErrorCode } from './hotline.errors.js';

export interface HotlineKeyView {
  keyId: string;
  description: string | null;
  source: 'environment' | 'database';
  createdAt: Date | null;
  revokedAt: Date | null;
}

/**
 * The 12345 platform's signing keys: those configured in HEQI_HOTLINE_KEYS plus those an admin
 * created here. A created secret is shown once and kept only encrypted.
 */
@Injectable()
export class HotlineKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditLog,
  ) {}

  /** The secret for `keyId` if the key exists and is not revoked. */
  async secretOf(keyId: string): Promise<string | null> {
    const configured = this.config.hotline.inboundKeys.find((k) => k.keyId === keyId);
    if (configured) return configured.secret;
    const key = await this.dataSource.getRepository(HotlineKey).findOneBy({ keyId });
    return key && !key.revokedAt ? this.cipher.decrypt(key.secretEnc) : null;
  }

  async create(
    actor: Actor,
    description: string | undefined,
  ): Promise<HotlineKeyView & { secret: string }> {
    const keyId = `k${randomBytes(6).toString('hex')}`;
    const secret = randomBytes(32).toString('base64url');
    const key = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(HotlineKey, {
          keyId,
          secretEnc: this.cipher.encrypt(secret),
          description: description ?? null,
          createdBy: actor.userId,
        }),
      );
      await this.audit.record(manager, actor, {
        action: 'hotline_key.create',
        objectType: 'hotline_key',
        objectId: keyId,
        data: { description: description ?? null },
      });
      return saved;
    });
    return { ...toView(key), secret };
  }

  async list(): Promise<HotlineKeyView[]> {
    const stored = await this.dataSource
      .getRepository(HotlineKey)
      .find({ order: { createdAt: 'DESC' } });
    const configured = this.config.hotline.inboundKeys.map((k): HotlineKeyView => ({
      keyId: k.keyId,
      description: '环境变量 HEQI_HOTLINE_KEYS 配置',
      source: 'environment',
      createdAt: null,
      revokedAt: null,
    }));
    return [...configured, ...stored.map(toView)];
  }

  async revoke(actor: Actor, keyId: string): Promise<HotlineKeyView> {
    if (this.config.hotline.inboundKeys.some((k) => k.keyId === keyId)) {
      throw new HotlineError(
        HotlineErrorCode.KeyFromEnvironment,
        '该密钥来自环境变量 HEQI_HOTLINE_KEYS，请在部署配置中移除',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const key = await manager.findOne(HotlineKey, {
        where: { keyId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!key) throw new HotlineError(HotlineErrorCode.UnknownKey, '密钥不存在');
      if (key.revokedAt) throw new HotlineError(HotlineErrorCode.KeyAlreadyRevoked, '密钥已吊销');
      key.revokedAt = new Date();
      await manager.save(key);
      await this.audit.record(manager, actor, {
        action: 'hotline_key.revoke',
        objectType: 'hotline_key',
        objectId: keyId,
      });
      return toView(key);
    });
  }
}

function toView(key: HotlineKey): HotlineKeyView {
  return {
    keyId: key.keyId,
    description: key.description,
    source: 'database',
    createdAt: key.createdAt,
    revokedAt: key.revokedAt,
  };
}
