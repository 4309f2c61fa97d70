export * from './hotline-key.entity.js';
export * from './hotline-keys.service.js';
export * from './hotline-signature.js';
export * from './hotline.errors.js';
export * from './hotline.module.js';
export * from './hotline-replies.module.js';
export * from './hotline-replies.service.js';
