import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { type Actor, Role, hasRole } from '@heqi/core';
import { checkHotlineOrder, type HotlineOrderInput } from '../hotline/hotline-order.input.js';
import { IntakeError, IntakeErrorCode } from '../intake.errors.js';
import { IntakeService } from '../intake.service.js';
import { type ColumnMap, FIELD_LABEL, isBlankRow, mapHeader, rowToOrder } from './order-columns.js';
import { readTable } from './table-reader.js';

/** The per-row answer to an import (contract: "per-row report"). */
export interface ImportReport {
  /** Data rows read (blank rows are not counted). */
  total: number;
  created: number;
  /** Rows whose order number was already known (from an earlier import or push, or this file). */
  duplicates: number;
  rejected: { row: number; orderNo?: string; reason: string }[];
}

/** Rows validated and written together: one routing pass and a few transactions per chunk. */
const ROWS_PER_CHUNK = 500;

/**
 * Imports a 12345 export (CSV or XLSX) streamed from the upload: rows are read, validated and
 * written in chunks of {@link ROWS_PER_CHUNK} through the same path as a pushed batch, so a
 * 100,000-row file never sits in memory and a bad row is only reported. Re-importing a file
 * creates nothing new: order numbers are claimed once. A failure midway (a cut upload, a
 * corrupt file) leaves the chunks already written in place; importing the file again
 * completes it.
 */
@Injectable()
export class HotlineImportService {
  constructor(@Inject(IntakeService) private readonly intake: IntakeService) {}

  async importOrders(actor: Actor, file: Readable): Promise<ImportReport> {
    if (!hasRole(actor, Role.Intake, Role.Admin)) {
      throw new IntakeError(IntakeErrorCode.Forbidden, '只有受理人员和管理员可以导入工单');
    }
    const report: ImportReport = { total: 0, created: 0, duplicates: 0, rejected: [] };
    const importedAt = new Date();
    let columns: ColumnMap | undefined;
    let chunk: { row: number; plain: Record<string, unknown> }[] = [];
    for await (const { row, cells } of readTable(file)) {
      if (isBlankRow(cells)) continue;
      if (!columns) {
        columns = mapHeader(cells);
        continue;
      }
      report.total++;
      chunk.push({ row, plain: rowToOrder(cells, columns, importedAt) });
      if (chunk.length >= ROWS_PER_CHUNK) {
        await this.importChunk(actor, chunk, report);
        chunk = [];
      }
    }
    if (!columns) throw IntakeError.unreadable('文件中没有表头和数据行');
    await this.importChunk(actor, chunk, report);
    report.rejected.sort((a, b) => a.row - b.row);
    return report;
  }

  private async importChunk(
    actor: Actor,
    rows: { row: number; plain: Record<string, unknown> }[],
    report: ImportReport,
  ): Promise<void> {
    const valid: { row: number; order: HotlineOrderInput }[] = [];
    for (const { row, plain } of rows) {
      const checked = await checkHotlineOrder(plain);
      if (checked.ok) valid.push({ row, order: checked.order });
      else {
        report.rejected.push({
          row,
          ...(checked.orderNo ? { orderNo: checked.orderNo } : {}),
          reason: checked.problems
            .map(
              (p) => `${FIELD_LABEL[p.field as keyof typeof FIELD_LABEL] ?? p.field}：${p.message}`,
            )
            .join('；'),
        });
      }
    }
    const outcomes = await this.intake.processOrders(
      actor,
      'import',
      null,
      valid.map((v) => v.order),
    );
    outcomes.forEach((outcome, i) => {
      const { row } = valid[i]!;
      if ('error' in outcome) {
        const details = outcome.error.details?.map((d) => `${d.field}：${d.message}`).join('；');
        report.rejected.push({
          row,
          ...(outcome.orderNo ? { orderNo: outcome.orderNo } : {}),
          reason: details ? `${outcome.error.message}（${details}）` : outcome.error.message,
        });
      } else if (outcome.duplicate) report.duplicates++;
      else report.created++;
    });
  }
}
