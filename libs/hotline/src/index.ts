export * from './hotline-key.entity.js';
export * from './hotline-keys.service.js';
export * from './hotline-signature.js';
export * from './hotline.errors.js';
export * from './hotline.module.js';
