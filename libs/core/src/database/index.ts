export * from './data-source-options.js';
export * from './database.module.js';
export * from './run-migrations.js';
export * from './like-pattern.js';
export * from './named-query.js';
export * from './shared-transaction.js';
export * from './prepared-query.js';
export * from './statement.js';
