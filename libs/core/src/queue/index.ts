export * from './default-job-options.js';
export * from './job-catalog.js';
export * from './job-name.enum.js';
export * from './queue-name.enum.js';
export * from './queue.module.js';
export * from './redis-connection.js';
