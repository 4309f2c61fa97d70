export * from './pii-cipher.js';
export * from './pii-mask.js';
