import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@heqi/core';
import { ReportsService, type SummaryQuery } from '../reports/reports.service.js';
import { type ReportFile, summaryCsv, summaryXlsx } from './summary-export.js';

/** The summary as downloads (same figures, same access rules as the JSON). */
@Injectable()
export class ReportExportsService {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  async summaryCsv(actor: Actor, query: SummaryQuery): Promise<ReportFile> {
    return summaryCsv(await this.reports.summary(actor, query));
  }

  async summaryXlsx(actor: Actor, query: SummaryQuery): Promise<ReportFile> {
    return summaryXlsx(await this.reports.summary(actor, query));
  }
}
