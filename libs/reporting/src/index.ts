// The reporting context's public door: supervisors' summaries, rankings and trends read from
// pre-aggregated rollups (ReportsService), their downloads (ReportExportsService), and the
// rollups' upkeep (RollupsService for Nest, RollupEngine for scripts).
export * from './export/report-exports.service.js';
export { type ReportFile, EXPORT_COLUMNS, TOTAL_LABEL, percent } from './export/summary-export.js';
export * from './reporting.errors.js';
export * from './reporting.module.js';
export type { SummaryFigures } from './reports/figures.js';
export * from './reports/reports.service.js';
export * from './rollups/rollup-engine.js';
export { type Exec, ALL_ROLLUP_ROWS } from './rollups/rollup-sql.js';
export * from './rollups/rollups.service.js';
