export * from './postgres-admin.js';
export * from './private-postgres.js';
export * from './private-redis.js';
export * from './test-config.js';
export * from './test-database.js';
export * from './wait-for.js';
export * from './fake-hotline-platform.js';
export * from './completed-job.js';
