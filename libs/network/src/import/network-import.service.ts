import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  type Actor,
  DomainError,
  type FieldProblem,
  Role,
  isUnifiedSocialCreditCode,
  isUuid,
} from '@heqi/core';
import { MediatorsService } from '../mediators.service.js';
import { callerHasRole, callerReaches } from '../network-caller.js';
import { NetworkError } from '../network.errors.js';
import { analyzeNetwork } from '../network-statistics.js';
import { OrgUnit } from '../org-unit.entity.js';
import { cleanCreditCode } from '../org-unit-rules.js';
import { OrgUnitsService } from '../org-units.service.js';
import { type ImportRow, readImportTable } from './import-table.js';
import {
  COLUMN_HEADERS,
  ImportColumn,
  ImportRowType,
  categoriesOf,
  kindOf,
  levelOf,
} from './import-vocabulary.js';

/** An uploaded file as the HTTP layer hands it over. */
export interface ImportFile {
  buffer: Buffer;
}

/** What happened to one row that was not created. */
export interface ImportRowNote {
  /** Worksheet (XLSX only). */
  sheet?: string;
  /** Row number as the spreadsheet shows it (the header is usually row 1). */
  row: number;
  reason: string;
}

export interface NetworkImportReport {
  /** Data rows read. */
  rows: number;
  created: { units: number; mediators: number };
  /** Rows describing a unit or mediator that already exists (re-imports create nothing). */
  skipped: ImportRowNote[];
  rejected: ImportRowNote[];
}

type RowOutcome = { created: ImportRowType } | { skipped: string };

/** Field names of the services' problems, as the file's columns are headed. */
const FIELD_HEADERS: Record<string, string> = {
  ...COLUMN_HEADERS,
  parentId: COLUMN_HEADERS[ImportColumn.Parent],
  orgUnitId: COLUMN_HEADERS[ImportColumn.Unit],
};

/** Separators of a unit path written in a cell: 南湖区/西塘镇/西塘村 (also ／ > ＞ \). */
const PATH_SEPARATOR = /\s*[/／>＞\\]\s*/;

/**
 * Imports units and mediators from a CSV or XLSX file, row by row in file order. Each row is
 * created through OrgUnitsService / MediatorsService in a transaction of its own, with the same
 * rules, access checks and audit entries as the API: a bad row is reported and never undoes or
 * blocks the others. A row describing something that exists already is skipped, so importing the
 * same file twice creates nothing the second time.
 */
@Injectable()
export class NetworkImportService {
  private readonly logger = new Logger(NetworkImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OrgUnitsService) private readonly units: OrgUnitsService,
    @Inject(MediatorsService) private readonly mediators: MediatorsService,
  ) {}

  async import(caller: Actor, file: ImportFile): Promise<NetworkImportReport> {
    if (!callerHasRole(caller, Role.Admin)) {
      throw NetworkError.forbidden('只有管理员可以导入调解网络');
    }
    const rows = await readImportTable(file.buffer);
    const report: NetworkImportReport = {
      rows: rows.length,
      created: { units: 0, mediators: 0 },
      skipped: [],
      rejected: [],
    };
    const note = (row: ImportRow, reason: string): ImportRowNote => ({
      ...(row.sheet ? { sheet: row.sheet } : {}),
      row: row.row,
      reason,
    });
    for (const row of rows) {
      try {
        const outcome = await this.importRow(caller, row);
        if ('skipped' in outcome) report.skipped.push(note(row, outcome.skipped));
        else if (outcome.created === ImportRowType.Unit) report.created.units++;
        else report.created.mediators++;
      } catch (err) {
        if (err instanceof DomainError) {
          report.rejected.push(note(row, reasonOf(err, row.type)));
        } else {
          // A bug must not cost the rows after it; the log has the details.
          this.logger.error({ err, row: row.row, sheet: row.sheet }, 'network import row failed');
          report.rejected.push(note(row, '处理该行时发生内部错误，请联系管理员'));
        }
      }
    }
    if (report.created.units + report.created.mediators > 0) await analyzeNetwork(this.dataSource);
    return report;
  }

  private importRow(caller: Actor, row: ImportRow): Promise<RowOutcome> {
    switch (row.type) {
      case ImportRowType.Unit:
        return this.importUnit(caller, row);
      case ImportRowType.Mediator:
        return this.importMediator(caller, row);
      case undefined:
        throw NetworkError.invalid([
          {
            field: ImportColumn.Type,
            message: row.typeText
              ? `无法识别「${row.typeText}」，应为「单位」或「调解员」`
              : '必填（单位 或 调解员）',
          },
        ]);
    }
  }

  private async importUnit(caller: Actor, row: ImportRow): Promise<RowOutcome> {
    const cell = (column: ImportColumn) => row.cells.get(column);
    const problems: FieldProblem[] = [];
    const levelText = cell(ImportColumn.Level);
    const level = levelText ? levelOf(levelText) : undefined;
    if (!level) {
      problems.push({
        field: ImportColumn.Level,
        message: levelText
          ? `无法识别「${levelText}」，应为 区/县、镇/街道、村/社区 或 企业`
          : '必填（区/县、镇/街道、村/社区 或 企业）',
      });
    }
    const parentRef = cell(ImportColumn.Parent);
    const parent = parentRef
      ? await this.resolveUnit(caller, parentRef, ImportColumn.Parent, problems)
      : null;
    if (problems.length) throw NetworkError.invalid(problems);

    const name = cell(ImportColumn.Name) ?? '';
    const creditCode = cleanCreditCode(cell(ImportColumn.CreditCode));
    const existing = await this.units.findSame(parent?.id ?? null, name, creditCode);
    if (existing) return { skipped: `单位已存在：${existing.name}` };

    await this.units.create(caller, {
      name,
      level: level!,
      parentId: parent?.id ?? null,
      code: cell(ImportColumn.Code) ?? null,
      creditCode,
      address: cell(ImportColumn.Address) ?? null,
    });
    return { created: ImportRowType.Unit };
  }

  private async importMediator(caller: Actor, row: ImportRow): Promise<RowOutcome> {
    const cell = (column: ImportColumn) => row.cells.get(column);
    const problems: FieldProblem[] = [];
    const kindText = cell(ImportColumn.Kind);
    const kind = kindText ? kindOf(kindText) : undefined;
    if (!kind) {
      problems.push({
        field: ImportColumn.Kind,
        message: kindText
          ? `无法识别「${kindText}」，应为 工会专职调解员、村（社区）调解员、企业调解员 或 志愿律师`
          : '必填',
      });
    }
    const { categories, unknown } = categoriesOf(cell(ImportColumn.Skills) ?? '');
    if (unknown.length) {
      problems.push({ field: ImportColumn.Skills, message: `无法识别：${unknown.join('、')}` });
    }
    const capacityText = cell(ImportColumn.Capacity);
    const capacity = capacityText && /^\d+$/.test(capacityText) ? Number(capacityText) : NaN;
    if (Number.isNaN(capacity)) {
      problems.push({
        field: ImportColumn.Capacity,
        message: capacityText ? '必须是整数' : '必填',
      });
    }
    const unitRef = cell(ImportColumn.Unit);
    const unit = unitRef
      ? await this.resolveUnit(caller, unitRef, ImportColumn.Unit, problems)
      : null;
    if (!unitRef) problems.push({ field: ImportColumn.Unit, message: '必填' });
    if (problems.length || !unit) throw NetworkError.invalid(problems);

    const phone = cell(ImportColumn.Phone) ?? '';
    if (await this.mediators.findIdByPhone(unit.id, phone)) {
      return { skipped: `调解员已存在：${cell(ImportColumn.Name) ?? ''}（${unit.name}）` };
    }
    await this.mediators.create(caller, {
      name: cell(ImportColumn.Name) ?? '',
      phone,
      kind: kind!,
      orgUnitId: unit.id,
      skills: categories,
      capacity,
      lawFirm: cell(ImportColumn.LawFirm) ?? null,
    });
    return { created: ImportRowType.Mediator };
  }

  /**
   * The unit a cell refers to, in the caller's reach: an id, a credit code, a unit code, a name
   * path (南湖区/西塘镇/西塘村, from any level down) or a name alone when it is unique. Adds a
   * problem for `field` and returns null when there is none or several.
   */
  private async resolveUnit(
    caller: Actor,
    ref: string,
    field: ImportColumn,
    problems: FieldProblem[],
  ): Promise<OrgUnit | null> {
    const repo = this.dataSource.getRepository(OrgUnit);
    const text = ref.trim();
    const creditCode = cleanCreditCode(text);
    // Narrowed inside the conditional only: `text` stays a string for the other branches.
    const id = isUuid(text) ? text : null;
    let candidates: OrgUnit[];
    if (id) {
      candidates = await repo.findBy({ id });
    } else if (creditCode && isUnifiedSocialCreditCode(creditCode)) {
      candidates = await repo.findBy({ creditCode });
    } else {
      candidates = await repo.findBy({ code: text });
      if (!candidates.length) {
        const [first, ...rest] = text.split(PATH_SEPARATOR).filter(Boolean);
        candidates = await repo.findBy({ name: first });
        for (const name of rest) {
          if (!candidates.length) break;
          candidates = await repo
            .createQueryBuilder('u')
            .where('u.parent_id IN (:...ids)', { ids: candidates.map((c) => c.id) })
            .andWhere('u.name = :name', { name })
            .getMany();
        }
      }
    }
    // Out of reach reads like unknown, and does not make a name ambiguous either.
    candidates = candidates.filter((unit) => callerReaches(caller, unit.path));
    if (candidates.length === 1) return candidates[0]!;
    problems.push({
      field,
      message: candidates.length
        ? `「${text}」有 ${candidates.length} 个同名单位，请写完整路径（如 南湖区/西塘镇/西塘村）或编码`
        : `找不到单位「${text}」（可写名称、完整路径、编码或统一社会信用代码）`,
    });
    return null;
  }
}

/** A rejected row's reason: the error, then each field problem under its column header. */
function reasonOf(err: DomainError, type: ImportRowType | undefined): string {
  if (!err.details?.length) return err.message;
  const header = (field: string) =>
    field === 'name' && type === ImportRowType.Mediator ? '姓名' : (FIELD_HEADERS[field] ?? field);
  return err.details.map((d) => `${header(d.field)}：${d.message}`).join('；');
}
