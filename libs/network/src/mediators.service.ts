import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import {
  AuditLog,
  type DisputeCategory,
  type Page,
  type PageRequest,
  PiiCipher,
  PiiDecryptError,
  Role,
  escapeLike,
  hasRole,
  isUuid,
  maskPhone,
  normalizeMobile,
  pageOffset,
  subtreeCondition,
} from '@heqi/core';
import type { MediatorKind } from './mediator-kind.enum.js';
import { checkMediatorFields, lawFirmProblem } from './mediator-rules.js';
import { Mediator } from './mediator.entity.js';
import {
  type NetworkCaller,
  callerHasRole,
  callerReaches,
  isSystemCaller,
} from './network-caller.js';
import { NetworkError } from './network.errors.js';
import { OrgUnit } from './org-unit.entity.js';
import { cleanText } from './org-unit-rules.js';
import { rethrowConflict } from './unique-conflicts.js';

export interface CreateMediatorInput {
  name: string;
  /** A mainland mobile number as typed; stored encrypted, shown masked. */
  phone: string;
  kind: MediatorKind;
  orgUnitId: string;
  skills: DisputeCategory[];
  capacity: number;
  lawFirm?: string | null;
  active?: boolean;
}

export interface UpdateMediatorInput extends Partial<CreateMediatorInput> {
  /** On leave or otherwise unavailable until then; null makes the mediator available again. */
  unavailableUntil?: Date | null;
}

export interface MediatorFilter {
  /** Mediators whose unit lies in this unit's subtree. */
  orgUnitId?: string;
  kind?: MediatorKind;
  skill?: DisputeCategory;
  active?: boolean;
  /** Part of the name or law firm, or a whole mobile number. */
  q?: string;
}

/** A mediator as the lib hands it out: the phone only masked. */
export interface MediatorView {
  id: string;
  name: string;
  /** `139****5678`; null only if the stored number cannot be decrypted (a lost key). */
  phoneMasked: string | null;
  kind: MediatorKind;
  orgUnitId: string;
  orgUnitName: string;
  skills: DisputeCategory[];
  capacity: number;
  lawFirm: string | null;
  active: boolean;
  unavailableUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The one field mediators and volunteers may change on their own record. */
const SELF_SERVICE_FIELDS = new Set(['unavailableUntil']);

/** Fields written to the audit log with their values (the phone only as "changed"). */
const AUDITED_FIELDS = [
  'name',
  'kind',
  'orgUnitId',
  'skills',
  'capacity',
  'lawFirm',
  'active',
  'unavailableUntil',
] as const;

/**
 * Mediators: admins and supervisors keep them inside their subtree; a mediator or volunteer sees
 * and may mark only their own record unavailable. Intake staff read them for routing.
 */
@Injectable()
export class MediatorsService {
  private readonly logger = new Logger(MediatorsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(PiiCipher) private readonly cipher: PiiCipher,
  ) {}

  /** Creates a mediator in a unit of the caller's subtree (admins, supervisors). */
  async create(caller: NetworkCaller, input: CreateMediatorInput): Promise<MediatorView> {
    if (!callerHasRole(caller, Role.Admin, Role.Supervisor)) {
      throw NetworkError.forbidden('只有管理员和督导可以新增调解员');
    }
    const { fields, problems } = checkMediatorFields({
      name: input.name ?? '',
      phone: input.phone ?? '',
      kind: input.kind,
      skills: input.skills,
      capacity: input.capacity,
      lawFirm: input.lawFirm ?? null,
      active: input.active ?? true,
    });
    const lawFirm = fields.kind ? lawFirmProblem(fields.kind, fields.lawFirm ?? null) : null;
    if (lawFirm) problems.push(lawFirm);
    // Absent fields are not checked above (updates send a few); a new mediator needs them all.
    for (const field of ['kind', 'skills', 'capacity'] as const) {
      if (input[field] === undefined) problems.push({ field, message: '必填' });
    }
    if (!isUuid(input.orgUnitId)) problems.push({ field: 'orgUnitId', message: '单位不存在' });
    if (problems.length) throw NetworkError.invalid(problems);

    const id = randomUUID();
    await this.write(async (manager) => {
      const unit = await this.lockUnit(manager, caller, input.orgUnitId, fields.active!);
      await manager.insert(Mediator, {
        id,
        name: fields.name!,
        phoneEnc: this.cipher.encrypt(fields.phone!),
        phoneHash: this.cipher.lookupHash(fields.phone!),
        kind: fields.kind!,
        orgUnitId: unit.id,
        skills: fields.skills!,
        capacity: fields.capacity!,
        lawFirm: fields.lawFirm ?? null,
        active: fields.active!,
      });
      const { phone: _phone, ...audited } = fields;
      await this.audit.record(manager, caller, {
        action: 'mediator.create',
        objectType: 'mediator',
        objectId: id,
        orgPath: unit.path,
        data: { ...audited, orgUnitId: unit.id },
      });
    });
    return this.get(caller, id);
  }

  /**
   * Changes a mediator. Admins and supervisors may change any field of a mediator in their
   * subtree (including moving them to another unit there); a mediator or volunteer may change
   * only `unavailableUntil`, and only on their own record.
   */
  async update(
    caller: NetworkCaller,
    id: string,
    input: UpdateMediatorInput,
  ): Promise<MediatorView> {
    if (!callerHasRole(caller, Role.Admin, Role.Supervisor, Role.Mediator, Role.Volunteer)) {
      throw NetworkError.forbidden('无权修改调解员');
    }
    if (!isUuid(id)) throw NetworkError.mediatorNotFound();
    const given = Object.keys(input).filter(
      (k) => input[k as keyof UpdateMediatorInput] !== undefined,
    );

    await this.write(async (manager) => {
      const current = await this.lockMediator(manager, id);
      if (!current) throw NetworkError.mediatorNotFound();
      const manages =
        callerHasRole(caller, Role.Admin, Role.Supervisor) &&
        callerReaches(caller, current.unitPath);
      if (!manages) {
        if (!this.isOwnRecord(caller, id)) throw NetworkError.mediatorNotFound();
        if (given.some((field) => !SELF_SERVICE_FIELDS.has(field))) {
          throw NetworkError.forbidden('调解员本人只能修改自己的不可用时间（unavailableUntil）');
        }
      }

      const { fields, problems } = checkMediatorFields(input);
      const merged = { ...current.mediator, ...fields };
      const lawFirm = lawFirmProblem(merged.kind, merged.lawFirm ?? null);
      if (lawFirm) problems.push(lawFirm);
      if (input.orgUnitId !== undefined && !isUuid(input.orgUnitId)) {
        problems.push({ field: 'orgUnitId', message: '单位不存在' });
      }
      if (problems.length) throw NetworkError.invalid(problems);

      let unitPath = current.unitPath;
      const movesUnit = input.orgUnitId !== undefined && input.orgUnitId !== merged.orgUnitId;
      // Activating, or moving, needs the (new) unit active and locked against deactivation.
      if (movesUnit || (fields.active && !current.mediator.active)) {
        const unit = await this.lockUnit(
          manager,
          caller,
          input.orgUnitId ?? merged.orgUnitId,
          merged.active,
        );
        unitPath = unit.path;
      }
      const { phone, ...rest } = fields;
      const changes: Partial<Mediator> = { ...rest };
      if (movesUnit) changes.orgUnitId = input.orgUnitId;
      // The same number again is no change: the stored ciphertext stays.
      const phoneChanged = phone !== undefined && phone !== this.decrypt(current.mediator);
      if (phoneChanged) {
        changes.phoneEnc = this.cipher.encrypt(phone);
        changes.phoneHash = this.cipher.lookupHash(phone);
      }
      const diff = auditedDiff(current.mediator, changes);
      if (!Object.keys(diff).length && !phoneChanged) return;
      await manager.update(Mediator, { id }, { ...changes, updatedAt: () => 'now()' });
      await this.audit.record(manager, caller, {
        action: 'mediator.update',
        objectType: 'mediator',
        objectId: id,
        orgPath: unitPath,
        data: phoneChanged ? { changes: diff, phoneChanged } : { changes: diff },
      });
    });
    return this.get(caller, id);
  }

  /** A mediator the caller may see; anything else is 404. */
  async get(caller: NetworkCaller, id: string): Promise<MediatorView> {
    if (!isUuid(id)) throw NetworkError.mediatorNotFound();
    const qb = this.readable(caller).andWhere('m.id = :id', { id });
    const [view] = await this.views(qb);
    if (!view) throw NetworkError.mediatorNotFound();
    return view;
  }

  /** Mediators the caller may see, by unit path then name. */
  async list(
    caller: NetworkCaller,
    filter: MediatorFilter,
    page: PageRequest,
  ): Promise<Page<MediatorView>> {
    const qb = this.readable(caller);
    if (filter.orgUnitId !== undefined) {
      if (!isUuid(filter.orgUnitId)) return { items: [], total: 0, ...page };
      qb.andWhere(`u.path LIKE (SELECT w.path FROM org_unit w WHERE w.id = :within) || '%'`, {
        within: filter.orgUnitId,
      });
    }
    if (filter.kind) qb.andWhere('m.kind = :kind', { kind: filter.kind });
    if (filter.skill) qb.andWhere(':skill = ANY (m.skills)', { skill: filter.skill });
    if (filter.active !== undefined) qb.andWhere('m.active = :active', { active: filter.active });
    const q = cleanText(filter.q);
    if (q) {
      const phone = normalizeMobile(q);
      if (phone) {
        qb.andWhere('m.phone_hash = :hash', { hash: this.cipher.lookupHash(phone) });
      } else {
        qb.andWhere(`(m.name ILIKE :like ESCAPE '\\' OR m.law_firm ILIKE :like ESCAPE '\\')`, {
          like: `%${escapeLike(q)}%`,
        });
      }
    }
    const total = await qb.getCount();
    const items = await this.views(
      qb
        .orderBy('u.path', 'ASC')
        .addOrderBy('m.name', 'ASC')
        .addOrderBy('m.id', 'ASC')
        .offset(pageOffset(page))
        .limit(page.pageSize),
    );
    return { items, total, page: page.page, pageSize: page.pageSize };
  }

  /** The id of the mediator of `orgUnitId` with this phone number, if any (imports skip them). */
  async findIdByPhone(orgUnitId: string, phone: string): Promise<string | null> {
    const mobile = normalizeMobile(phone);
    if (!mobile || !isUuid(orgUnitId)) return null;
    const [row] = await this.dataSource.query(
      `SELECT id FROM mediator WHERE org_unit_id = $1 AND phone_hash = $2`,
      [orgUnitId, this.cipher.lookupHash(mobile)],
    );
    return (row as { id: string } | undefined)?.id ?? null;
  }

  /**
   * Mediators joined to their unit, narrowed in SQL to what the caller may see: admins,
   * supervisors and intake their subtree; mediators and volunteers their own record.
   */
  private readable(caller: NetworkCaller): SelectQueryBuilder<Mediator> {
    const qb = this.dataSource
      .getRepository(Mediator)
      .createQueryBuilder('m')
      .innerJoin(OrgUnit, 'u', 'u.id = m.org_unit_id')
      .addSelect(['u.name', 'u.path']);
    if (isSystemCaller(caller)) return qb;
    const broad = hasRole(caller, Role.Admin, Role.Supervisor, Role.Intake);
    const self = hasRole(caller, Role.Mediator, Role.Volunteer);
    if (!broad && !self) throw NetworkError.forbidden('无权查看调解员');
    const parts: string[] = [];
    const params: Record<string, string> = {};
    if (broad) {
      const scope = subtreeCondition(caller, 'u.path');
      parts.push(scope.sql);
      Object.assign(params, scope.params);
    }
    if (self && caller.mediatorId) {
      parts.push('m.id = :selfId');
      params.selfId = caller.mediatorId;
    }
    return qb.where(parts.length ? `(${parts.join(' OR ')})` : 'FALSE', params);
  }

  private async views(qb: SelectQueryBuilder<Mediator>): Promise<MediatorView[]> {
    const { entities, raw } = await qb.getRawAndEntities<{ u_name: string }>();
    return entities.map((m, i) => ({
      id: m.id,
      name: m.name,
      phoneMasked: maskPhone(this.decrypt(m)),
      kind: m.kind,
      orgUnitId: m.orgUnitId,
      orgUnitName: raw[i]!.u_name,
      skills: m.skills,
      capacity: m.capacity,
      lawFirm: m.lawFirm,
      active: m.active,
      unavailableUntil: m.unavailableUntil,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
    }));
  }

  /** The clear number, or null when the ring no longer holds its key (logged, not thrown). */
  private decrypt(mediator: Mediator): string | null {
    try {
      return this.cipher.decrypt(mediator.phoneEnc);
    } catch (err) {
      if (!(err instanceof PiiDecryptError)) throw err;
      this.logger.warn({ mediatorId: mediator.id, err: err.message }, 'phone cannot be decrypted');
      return null;
    }
  }

  private isOwnRecord(caller: NetworkCaller, id: string): boolean {
    return (
      !isSystemCaller(caller) &&
      caller.mediatorId === id &&
      hasRole(caller, Role.Mediator, Role.Volunteer)
    );
  }

  private async lockMediator(
    manager: EntityManager,
    id: string,
  ): Promise<{ mediator: Mediator; unitPath: string } | null> {
    const { entities, raw } = await manager
      .getRepository(Mediator)
      .createQueryBuilder('m')
      .innerJoin(OrgUnit, 'u', 'u.id = m.org_unit_id')
      .addSelect('u.path')
      .where('m.id = :id', { id })
      .setLock('pessimistic_write', undefined, ['m'])
      .getRawAndEntities<{ u_path: string }>();
    return entities[0] ? { mediator: entities[0], unitPath: raw[0]!.u_path } : null;
  }

  /**
   * The mediator's unit, locked FOR SHARE so it cannot be deactivated before we commit. Unknown
   * and out-of-reach units read the same: "单位不存在".
   */
  private async lockUnit(
    manager: EntityManager,
    caller: NetworkCaller,
    unitId: string,
    mustBeActive: boolean,
  ): Promise<OrgUnit> {
    const unit = await manager
      .getRepository(OrgUnit)
      .createQueryBuilder('u')
      .setLock('pessimistic_read')
      .where('u.id = :id', { id: unitId })
      .getOne();
    if (!unit || !callerReaches(caller, unit.path)) {
      throw NetworkError.invalid([{ field: 'orgUnitId', message: '单位不存在' }]);
    }
    if (mustBeActive && !unit.active) {
      throw NetworkError.invalid([{ field: 'orgUnitId', message: '单位已停用' }]);
    }
    return unit;
  }

  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work).catch(rethrowConflict);
  }
}

/** `{ field: { from, to } }` for the audited fields whose value changes (never the phone). */
function auditedDiff(
  before: Mediator,
  changes: Partial<Mediator>,
): Record<string, { from: unknown; to: unknown }> {
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of AUDITED_FIELDS) {
    if (!(field in changes)) continue;
    const from = before[field];
    const to = changes[field];
    // Dates and skill lists compare by value.
    if (JSON.stringify(from) !== JSON.stringify(to)) diff[field] = { from, to };
  }
  return diff;
}
