export * from './core-error.js';
export * from './domain-error.js';
export * from './error-kind.enum.js';
