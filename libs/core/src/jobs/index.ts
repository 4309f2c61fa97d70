export * from './job-dispatcher.js';
export * from './job-handler.check.js';
export * from './job-receipt.entity.js';
export * from './job-receipts.service.js';
export * from './jobs.module.js';
export * from './queue-processor.decorator.js';
