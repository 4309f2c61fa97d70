export * from './pii-cipher.js';
export * from './pii-mask.js';
export * from './pii.module.js';
