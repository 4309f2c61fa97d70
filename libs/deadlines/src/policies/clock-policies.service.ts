import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type Actor, AuditLog, type FieldProblem, Role, hasRole, isUuid } from '@heqi/core';
import { BudgetUnit } from '../clocks/budget-unit.enum.js';
import { ClockKind } from '../clocks/clock-kind.enum.js';
import { DeadlineSettings } from '../clocks/deadline-settings.service.js';
import { DeadlineError, DeadlineErrorCode } from '../deadlines.errors.js';

/** A policy as admins see and edit it. */
export interface ClockPolicyView {
  id: string;
  kind: ClockKind;
  channel: string | null;
  category: string | null;
  collective: boolean | null;
  budgetValue: number | null;
  budgetUnit: BudgetUnit | null;
  warnShare: number;
  maxExtensionDays: number;
  basis: string | null;
  active: boolean;
  updatedAt: Date;
}

/** A new policy. Omitted dimensions (channel, category, collective) mean "any". */
export interface NewClockPolicy {
  kind: ClockKind;
  channel?: string | null;
  category?: string | null;
  collective?: boolean | null;
  budgetValue?: number | null;
  budgetUnit?: BudgetUnit | null;
  warnShare?: number;
  maxExtensionDays?: number;
  basis?: string | null;
}

/** What may change on a policy; who it applies to is fixed (deactivate and create instead). */
export interface ClockPolicyPatch {
  budgetValue?: number | null;
  budgetUnit?: BudgetUnit | null;
  warnShare?: number;
  maxExtensionDays?: number;
  basis?: string | null;
  active?: boolean;
}

interface PolicyRow {
  id: string;
  kind: ClockKind;
  channel: string | null;
  category: string | null;
  collective: boolean | null;
  budget_value: string | null;
  budget_unit: BudgetUnit | null;
  warn_share: string;
  max_extension_days: number;
  basis: string | null;
  active: boolean;
  updated_at: Date;
}

const COLUMNS = `id, kind, channel, category, collective, budget_value, budget_unit, warn_share,
  max_extension_days, basis, active, updated_at`;

/** Kinds whose clocks are due at a date the caller gives, so their policy may have no budget. */
const GIVEN_DUE_KINDS = new Set<ClockKind>([ClockKind.AgreementPerformance]);

/**
 * Clock policies as data (admins): list, add, edit. A change applies to clocks started after it
 * (a running clock keeps the budget it started with) and reaches every process through the
 * policies' revision counter.
 */
@Injectable()
export class ClockPoliciesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DeadlineSettings) private readonly settings: DeadlineSettings,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  /** Every policy, active first, by kind and from general to specific. */
  async list(): Promise<ClockPolicyView[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM clock_policy
        ORDER BY active DESC, kind, channel NULLS FIRST, category NULLS FIRST,
                 collective NULLS FIRST, updated_at DESC`,
    )) as PolicyRow[];
    return rows.map(toView);
  }

  /**
   * @throws DeadlineError `DEADLINE_FORBIDDEN` (not an admin), `DEADLINE_INVALID` (budget rules),
   * `DEADLINE_POLICY_DUPLICATE` (an active policy for the same combination exists).
   */
  async create(actor: Actor, input: NewClockPolicy): Promise<ClockPolicyView> {
    requireAdmin(actor);
    checkBudget(input.kind, input.budgetValue ?? null, input.budgetUnit ?? null);
    const id = await this.write(async (manager) => {
      const [row] = (await manager.query(
        `INSERT INTO clock_policy (kind, channel, category, collective, budget_value, budget_unit,
                                   warn_share, max_extension_days, basis, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          input.kind,
          input.channel ?? null,
          input.category ?? null,
          input.collective ?? null,
          input.budgetValue ?? null,
          input.budgetUnit ?? null,
          input.warnShare ?? 0.8,
          input.maxExtensionDays ?? 0,
          input.basis?.trim() || null,
          actor.userId,
        ],
      )) as { id: string }[];
      await this.audit.record(manager, actor, {
        action: 'clock_policy.create',
        objectType: 'clock_policy',
        objectId: row!.id,
        data: { ...input },
      });
      return row!.id;
    });
    return this.get(id);
  }

  /**
   * @throws DeadlineError `DEADLINE_FORBIDDEN`, `DEADLINE_POLICY_NOT_FOUND`, `DEADLINE_INVALID`,
   * `DEADLINE_POLICY_DUPLICATE` (re-activating one whose combination has an active policy).
   */
  async update(actor: Actor, id: string, patch: ClockPolicyPatch): Promise<ClockPolicyView> {
    requireAdmin(actor);
    const notFound = () => new DeadlineError(DeadlineErrorCode.PolicyNotFound, '期限规则不存在');
    if (!isUuid(id)) throw notFound();
    await this.write(async (manager) => {
      const [before] = (await manager.query(
        `SELECT ${COLUMNS} FROM clock_policy WHERE id = $1 FOR UPDATE`,
        [id],
      )) as PolicyRow[];
      if (!before) throw notFound();
      const value =
        patch.budgetValue !== undefined
          ? patch.budgetValue
          : before.budget_value === null
            ? null
            : Number(before.budget_value);
      const unit = patch.budgetUnit !== undefined ? patch.budgetUnit : before.budget_unit;
      checkBudget(before.kind, value, unit);
      await manager.query(
        `UPDATE clock_policy SET budget_value = $2, budget_unit = $3,
                warn_share = coalesce($4, warn_share), max_extension_days = coalesce($5, max_extension_days),
                basis = CASE WHEN $6::boolean THEN $7 ELSE basis END,
                active = coalesce($8, active), updated_by = $9, updated_at = now()
          WHERE id = $1`,
        [
          id,
          value,
          unit,
          patch.warnShare ?? null,
          patch.maxExtensionDays ?? null,
          patch.basis !== undefined,
          patch.basis?.trim() || null,
          patch.active ?? null,
          actor.userId,
        ],
      );
      await this.audit.record(manager, actor, {
        action: 'clock_policy.update',
        objectType: 'clock_policy',
        objectId: id,
        data: { before: toView(before), changes: { ...patch } },
      });
    });
    return this.get(id);
  }

  /** Runs a policy change and bumps the policies' revision in the same transaction. */
  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.settings.policiesChanged(manager);
        return work(manager);
      });
    } catch (err) {
      if ((err as { code?: string } | null)?.code === '23505') {
        throw new DeadlineError(
          DeadlineErrorCode.PolicyDuplicate,
          '已有相同期限种类、渠道、类别和集体标记的有效规则，请先停用原规则',
        );
      }
      throw err;
    }
  }

  private async get(id: string): Promise<ClockPolicyView> {
    const [row] = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM clock_policy WHERE id = $1`,
      [id],
    )) as PolicyRow[];
    return toView(row!);
  }
}

function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, Role.Admin)) throw DeadlineError.forbidden('只有管理员可以维护期限规则');
}

/**
 * A budget is a value with its unit; only kinds whose due date the caller gives may go without.
 * Whole numbers for day and month units (a statutory term has no fractional days).
 */
function checkBudget(kind: ClockKind, value: number | null, unit: BudgetUnit | null): void {
  const problems: FieldProblem[] = [];
  if ((value === null) !== (unit === null)) {
    // Both fields: the caller may have meant to set either one.
    const message = '时限数值和单位须同时填写或同时留空';
    problems.push({ field: 'budgetValue', message }, { field: 'budgetUnit', message });
  } else if (value === null && !GIVEN_DUE_KINDS.has(kind)) {
    problems.push({ field: 'budgetValue', message: '该期限种类必须设置时限' });
  } else if (
    value !== null &&
    unit !== BudgetUnit.Minutes &&
    unit !== BudgetUnit.WorkingHours &&
    !Number.isInteger(value)
  ) {
    problems.push({ field: 'budgetValue', message: '按日或按月计算的时限必须是整数' });
  }
  if (problems.length) throw DeadlineError.invalid(problems);
}

function toView(r: PolicyRow): ClockPolicyView {
  return {
    id: r.id,
    kind: r.kind,
    channel: r.channel,
    category: r.category,
    collective: r.collective,
    budgetValue: r.budget_value === null ? null : Number(r.budget_value),
    budgetUnit: r.budget_unit,
    warnShare: Number(r.warn_share),
    maxExtensionDays: r.max_extension_days,
    basis: r.basis,
    active: r.active,
    updatedAt: r.updated_at,
  };
}
