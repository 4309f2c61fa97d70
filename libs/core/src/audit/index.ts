export * from './audit-entry.entity.js';
export * from './audit-log.service.js';
export * from './audit.module.js';
