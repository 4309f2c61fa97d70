export * from './outbox-message.entity.js';
export * from './outbox-relay.service.js';
export * from './outbox.module.js';
export * from './outbox.service.js';
