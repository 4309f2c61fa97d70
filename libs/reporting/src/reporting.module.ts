import { Module } from '@nestjs/common';
import { RollupsService } from './rollups/rollups.service.js';
import { ReportsService } from './reports/reports.service.js';
import { ReportExportsService } from './export/report-exports.service.js';

/** Reports (API: ReportsService, ReportExportsService) and their rollups (worker: RollupsService). */
@Module({
  providers: [ReportsService, ReportExportsService, RollupsService],
  exports: [ReportsService, ReportExportsService, RollupsService],
})
export class ReportingModule {}
